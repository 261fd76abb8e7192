import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { daysBetween, isStale, staleLayers, STALE_AFTER_DAYS } from '../../src/lib/manifest/staleness';
import { checkGeodata } from '../../scripts/lib/checkGeodata';
import { formatProblem } from '../../src/lib/manifest/errors';

describe('how current a layer is', () => {
	it('counts whole days and calls a layer stale past the threshold, 90 days by default', () => {
		expect(daysBetween('2026-08-22', '2026-12-03')).toBe(103);
		expect(STALE_AFTER_DAYS).toBe(90);
		expect(isStale('2026-09-04', '2026-12-03')).toBe(false); // 90 days: not yet
		expect(isStale('2026-09-03', '2026-12-03')).toBe(true); // 91
		expect(isStale('2026-08-22', '2026-12-03', 120)).toBe(false);
		expect(isStale(undefined, '2026-12-03')).toBe(true);
	});

	it('lists the stale layers, oldest first', () => {
		const layers = [
			{ id: 'fresh', asOf: '2026-12-01' },
			{ id: 'front', asOf: '2026-08-22' },
			{ id: 'trace', asOf: '2025-11-15' }
		];
		expect(staleLayers(layers, '2026-12-03')).toEqual([
			{ id: 'trace', asOf: '2025-11-15', days: 383 },
			{ id: 'front', asOf: '2026-08-22', days: 103 }
		]);
	});

	it('the build refuses a layer that does not say how current it is, naming it', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'asof-'));
		cpSync('geodata', dir, { recursive: true });
		const manifest = JSON.parse(readFileSync(join(dir, 'layers.json'), 'utf8'));
		const hubs = manifest.layers.findIndex((l: { id: string }) => l.id === 'hubs');
		delete manifest.layers[hubs].asOf;
		writeFileSync(join(dir, 'layers.json'), JSON.stringify(manifest));
		const problems = (await checkGeodata(dir)).problems.map(formatProblem);
		expect(problems).toEqual([
			`geodata/layers.json: layers[${hubs}].asOf: required: the date this layer's content was last checked as a whole, like "2025-09-04"`
		]);
	});

	it("every layer of the atlas says how current it is, and the manifest's threshold is read", async () => {
		const data = await checkGeodata('geodata');
		expect(data.layers.filter((l) => !l.def.asOf).map((l) => l.def.id)).toEqual([]);
		expect(data.staleAfterDays).toBeUndefined(); // the default, 90
	});
});
