import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIssues } from '@placemarkio/check-geojson';
import { SLICE_ABOVE, structuralIssues } from '../../src/lib/manifest/geojsonText';
import { writeBigGeoJSON } from '../fixtures/editor/bigFile';

// Files near the editor's 50 MB limit: check-geojson's syntax tree of a whole file takes about 80
// times its size, so a 49.5 MB file ran the command out of a 4 GB heap (exit 134 after 48 s here).

/** A collection of `n` small polygons, one per line, with a top-level member after the features. */
function collection(n: number, feature = (i: number) => polygon(i)): string {
	const features = Array.from({ length: n }, (_, i) => feature(i));
	return `{\n"type": "FeatureCollection",\n"features": [\n${features.join(',\n')}\n],\n"name": "districts"\n}\n`;
}
const ring = (i: number, close = true) => {
	const points = Array.from(
		{ length: 30 },
		(_, k) => `[${(24 + (i % 100) * 0.1 + Math.cos(k / 5) * 0.05).toFixed(5)}, ${(48 + Math.sin(k / 5) * 0.05).toFixed(5)}]`
	);
	return `[${[...points, close ? points[0] : '[1, 1]'].join(', ')}]`;
};
const polygon = (i: number, geometry = `{"type": "Polygon", "coordinates": [${ring(i)}]}`) =>
	`{"type": "Feature", "properties": {"id": "d-${i}", "name": "District ${i}"}, "geometry": ${geometry}}`;

describe('structuralIssues on a large file', () => {
	it('finds in slices what check-geojson finds in the whole text, at the same offsets', { timeout: 60_000 }, () => {
		const broken: Record<number, string> = {
			7: `{"type": "Polygon", "coordinates": [${ring(7, false)}]}`, // a ring that does not close
			1500: '{"type": "Point", "coordinates": [30.5]}', // a position of one number
			2600: '{"type": "Polygonal", "coordinates": []}'
		};
		const text = collection(2800, (i) => (i === 2000 ? '3' : polygon(i, broken[i])));
		expect(text.length).toBeGreaterThan(SLICE_ABOVE);
		const whole = getIssues(text).map(({ message, from }) => ({ message, from }));
		expect(whole.length).toBeGreaterThanOrEqual(4);
		expect(structuralIssues(text)).toEqual(whole);
	});

	it('says where broken JSON stops, at its offset', () => {
		const text = collection(2800);
		const at = text.indexOf('{"type": "Feature", "properties": {"id": "d-1400"');
		const broken = text.slice(0, at - 2) + text.slice(at - 1); // the comma before features[1400] gone
		expect(structuralIssues(broken)).toEqual([{ message: "Expected ',' or ']' after array element", from: at - 1 }]);
	});
});

describe('layer add and check on a 49.5 MB file', () => {
	const dir = mkdtempSync(join(tmpdir(), 'atlas-big-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	/** The command as editors run it, with its peak resident memory and time. */
	function layer(args: string[]) {
		const started = performance.now();
		const run = spawnSync(process.execPath, ['--import', 'tsx', '--import', './tests/fixtures/layer/peakRss.mjs', 'scripts/layer.ts', ...args], {
			encoding: 'utf8',
			env: { ...process.env, INIT_CWD: process.cwd() }
		});
		const seconds = (performance.now() - started) / 1000;
		const err = run.stderr.split('\n').filter((l) => l !== '');
		const rssMB = Number(/^peak rss: (\d+) KB$/.exec(err.pop() ?? '')?.[1]) / 1024;
		return { status: run.status, signal: run.signal, out: run.stdout.split('\n').filter((l) => l !== ''), err, rssMB, seconds };
	}

	it('adds it within the machine, saying how far it has got, and checks it after', { timeout: 600_000 }, async () => {
		const root = join(dir, 'geodata');
		cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
		const input = join(dir, 'districts.geojson');
		const { features, size } = await writeBigGeoJSON(input, 49.5e6);
		expect(size).toBeGreaterThan(49e6);

		const add = layer(['add', input, '--title', 'Districts', '--kind', 'fill', '--as-of', '2025-09-04', '--root', root]);
		console.log(`layer add, ${(size / 1e6).toFixed(1)} MB, ${features} features: ${add.seconds.toFixed(1)} s, peak RSS ${add.rssMB.toFixed(0)} MB`);
		expect(add.signal).toBeNull();
		expect(add.err[0]).toBe(`reading ${input} (49.5 MB): a large file is checked in slices`);
		expect(add.err.slice(1).map((l) => /: (\d+)% /.exec(l)?.[1])).toEqual(['0', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
		expect(add.out).toEqual([
			`read ${input} (GeoJSON)`,
			expect.stringMatching(new RegExp(`^wrote geodata/districts.geojson: ${features} features \\(Polygon: ${features}\\), bbox \\[`)),
			'added layers[1] "districts" (fill) in geodata/layers.json, citing insightnews-2025-09-declarations-vs-commitments'
		]);
		expect(add.status).toBe(0);
		// measured 1.6 GB on this machine (it was 4.5 GB and a crash): the editor's own limit is a browser tab's
		expect(add.rssMB).toBeLessThan(2500);

		const check = layer(['check', '--root', root]);
		console.log(`layer check: ${check.seconds.toFixed(1)} s, peak RSS ${check.rssMB.toFixed(0)} MB`);
		expect(check.err).toEqual([expect.stringMatching(/^checking geodata\/districts\.geojson \(\d+\.\d MB\) in slices$/)]);
		expect(check.out).toEqual([`geodata: 2 layers, ${features + 1} features, 4 sources: no problems`]);
		expect(check.status).toBe(0);
		expect(check.rssMB).toBeLessThan(2500);
	});
});
