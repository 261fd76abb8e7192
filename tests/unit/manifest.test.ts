import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadGeodata } from '../../src/lib/manifest/load';
import { formatProblem } from '../../src/lib/manifest/errors';

// Golden cases: each *.input.json holds the files of a geodata/ folder; *.output.json the
// problems an editor reads, in order, and the layers that still load. UPDATE=1 rewrites outputs.
const dir = 'tests/fixtures/manifest';
const cases = readdirSync(dir).filter((f) => f.endsWith('.input.json'));

describe('manifest and data validation (golden)', () => {
	it.each(cases)('%s', async (name) => {
		const files: Record<string, unknown> = JSON.parse(readFileSync(join(dir, name), 'utf8'));
		const result = await loadGeodata(async (file) => {
			const content = files[file];
			if (content === undefined) return null;
			return typeof content === 'string' ? content : JSON.stringify(content, null, 2);
		});
		const actual = { problems: result.problems.map(formatProblem), layers: result.layers.map((l) => `${l.def.id}: ${l.data.features.length} features`) };
		const outPath = join(dir, name.replace('.input.json', '.output.json'));
		if (process.env.UPDATE) writeFileSync(outPath, JSON.stringify(actual, null, '\t') + '\n');
		expect(actual).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
	});
});

describe('dates in the manifest', () => {
	it('rejects a layer as-of date that is not a real day', async () => {
		const { validateManifest } = await import('../../src/lib/manifest/validate');
		const layer = { id: 'x', title: 'X', kind: 'point', file: 'x.geojson', style: {}, sources: ['s'], asOf: '2025-02-30' };
		const { problems } = validateManifest({ version: 1, layers: [layer] }, { sources: { s: { publisher: 'P', title: 'T', kind: 'news' } } });
		expect(problems.map(formatProblem)).toEqual(['geodata/layers.json: layers[0].asOf: 2025-02-30 is not a real date']);
	});
});

describe('a badly typed date', () => {
	it('is a problem, not a crash', async () => {
		const { validateManifest } = await import('../../src/lib/manifest/validate');
		const layer = { id: 'x', title: 'X', kind: 'point', file: 'x.geojson', style: {}, sources: ['s'], asOf: 'Sept 2025' };
		const { problems } = validateManifest({ version: 1, layers: [layer] }, { sources: { s: { publisher: 'P', title: 'T', kind: 'news' } } });
		expect(problems.map(formatProblem)).toContain('geodata/layers.json: layers[0].asOf: a date like "2025-09-04" expected, "Sept 2025" found');
	});
});
