import { describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import area from '@turf/area';
import intersect from '@turf/intersect';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { BORDER_TOLERANCE_KM, frontLine } from '../../src/lib/geo/frontLine';
import { frontLengths } from '../../src/lib/geo/frontLengths';
import { areaChange } from '../../src/lib/geo/areaChange';
import { boxPolygon as box } from './boxes';
import { importFront, SOURCES, SUMMIT } from '../../scripts/lib/importFront';

// Golden cases, turf style: in/<case>.geojson (a feature with role "ukraine", the outline, and one
// with role "occupied") -> out/<case>.geojson, the inputs and the front line coloured with
// simplestyle (open it in geojson.io to look). UPDATE=1 rewrites the outputs.
const dir = 'tests/fixtures/frontLine';
const cases = readdirSync(join(dir, 'in')).filter((f) => f.endsWith('.geojson'));
const COLOURS: Record<string, Record<string, string | number>> = {
	ukraine: { stroke: '#555555', fill: '#eeeeee', 'fill-opacity': 0.5 },
	occupied: { stroke: '#4363d8', fill: '#e6194b', 'fill-opacity': 0.25 },
	front: { stroke: '#e6194b', 'stroke-width': 4 }
};
const km2 = (g: GeoJSON.Geometry) => area(g) / 1e6;
const read = (name: string) => JSON.parse(readFileSync(join(dir, 'in', name), 'utf8')) as FeatureCollection & { description: string };
const role = (fc: FeatureCollection, r: string) => fc.features.find((f) => f.properties?.role === r)!;

describe('frontLine (golden)', () => {
	it.each(cases)('%s', (name) => {
		const input = read(name);
		const front = frontLine(role(input, 'occupied') as Feature<Polygon | MultiPolygon>, role(input, 'ukraine').geometry as Polygon, {
			properties: { role: 'front' }
		});
		const coloured = {
			...input,
			features: [...input.features, front].map((f) => ({ ...f, properties: { ...f.properties, ...COLOURS[f.properties!.role] } }))
		};
		const outPath = join(dir, 'out', name);
		if (process.env.UPDATE) writeFileSync(outPath, JSON.stringify(coloured, null, 1) + '\n');
		expect(coloured).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
	});
});

describe('frontLine', () => {
	const input = read('border-coast-island-river.geojson');
	const ukraine = role(input, 'ukraine').geometry as Polygon;
	const occupied = role(input, 'occupied') as Feature<MultiPolygon>;
	const lines = frontLine(occupied, ukraine).geometry.coordinates;

	it('keeps the land front and the river bank, and draws the island all round', () => {
		expect(lines).toHaveLength(2);
		const [main, island] = lines;
		expect(main[0]).toEqual([37.98, 48.2]); // from the border, west along the front
		expect(main.at(-1)).toEqual([36.5, 47.0]); // down the river bank to the coast
		expect(island[0]).toEqual(island.at(-1)); // closed
	});

	it('draws nothing along the border, into Russia or along the coast', () => {
		const points = lines.flat();
		expect(points.filter(([x, y]) => x > 38 || y < 47)).toEqual([]);
		// only the ends of a stretch may touch the band: every inner vertex is deeper than the tolerance
		for (const line of lines) for (const [x, y] of line.slice(1, -1)) expect(Math.min(38 - x, y - 47) * 74).toBeGreaterThan(BORDER_TOLERANCE_KM);
	});

	it('draws the small pocket and the hole when the area threshold allows them', () => {
		expect(frontLine(occupied, ukraine, { minRingAreaKm2: 0 }).geometry.coordinates).toHaveLength(4);
	});

	it('calls all of the border front when the tolerance is nil, and none of it when it is huge', () => {
		expect(
			frontLine(occupied, ukraine, { toleranceKm: 0 })
				.geometry.coordinates.flat()
				.some(([x]) => x >= 38)
		).toBe(true);
		expect(frontLine(occupied, ukraine, { toleranceKm: 200 }).geometry.coordinates).toEqual([]);
	});
});

describe('frontLengths', () => {
	it('leaves a straight line as it is and shortens a zigzag', () => {
		const straight = {
			type: 'MultiLineString' as const,
			coordinates: [
				[
					[36, 48],
					[37, 48]
				]
			]
		};
		const { rawKm, smoothedKm } = frontLengths(straight);
		expect(rawKm).toBeCloseTo(74.4, 0);
		expect(smoothedKm).toBeCloseTo(rawKm, 6);
		// a tooth every 0.01° (0.74 km), 1 km deep (1.25 km a segment): under the 3 km smoothing, so it goes
		const zigzag = { type: 'MultiLineString' as const, coordinates: [Array.from({ length: 101 }, (_, i) => [36 + i / 100, 48 + (i % 2) * 0.009])] };
		const z = frontLengths(zigzag);
		expect(z.rawKm).toBeCloseTo(124.7, 0);
		expect(z.smoothedKm).toBeLessThan(76);
		expect(frontLengths(zigzag, { smoothingKm: 0.5 }).smoothedKm).toBeCloseTo(z.rawKm, 6);
	});
});

describe('areaChange', () => {
	it('gives what was gained and what was lost, with their areas', () => {
		const before = box(37, 48, 37.2, 48.2);
		const after = box(37.1, 48, 37.3, 48.2);
		const { gainedKm2, lostKm2, changes } = areaChange(before, after);
		expect(gainedKm2).toBeCloseTo(km2(box(37.2, 48, 37.3, 48.2)), 3);
		expect(lostKm2).toBeCloseTo(km2(box(37, 48, 37.1, 48.2)), 3);
		expect(changes.features.map((f) => f.properties.change)).toEqual(['gained', 'lost']);
		// gained lies in after, not before
		expect(intersect({ type: 'FeatureCollection', features: [changes.features[0], { type: 'Feature', properties: {}, geometry: before }] })).toBeNull();
	});

	it('has no feature and 0 km² for a side with nothing in it', () => {
		const { gainedKm2, lostKm2, changes } = areaChange(box(37, 48, 37.2, 48.2), box(37, 48, 37.3, 48.2));
		expect(lostKm2).toBe(0);
		expect(gainedKm2).toBeCloseTo(km2(box(37.2, 48, 37.3, 48.2)), 3);
		expect(changes.features.map((f) => f.properties.change)).toEqual(['gained']);
	});
});

describe('import-front', { timeout: 120_000 }, () => {
	// two snapshots near Pokrovsk, wholly inside Ukraine: the summit's, and a month later, grown east
	const snapshot = (p: Polygon) => JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: null, geometry: p }] });
	let layers: object[] = [];
	const setUp = () => {
		const tmp = mkdtempSync(join(tmpdir(), 'import-front-'));
		mkdirSync(join(tmp, 'in'));
		mkdirSync(join(tmp, 'geodata'));
		writeFileSync(join(tmp, 'geodata/sources.json'), JSON.stringify(Object.fromEntries(SOURCES.map((k) => [k, { publisher: k, title: k, kind: 'dataset' }]))));
		writeFileSync(join(tmp, 'in/deepstatemap_data_20250904.geojson'), snapshot(box(37, 48.2, 37.2, 48.4)));
		writeFileSync(join(tmp, 'in/deepstatemap_data_20251001.geojson'), snapshot(box(37.05, 48.2, 37.3, 48.4)));
		writeFileSync(join(tmp, 'in/README.md'), 'not a snapshot');
		const entry = (id: string, kind: string) => ({ id, title: id, kind, file: 'x.geojson', style: {}, sources: SOURCES });
		layers = [
			entry('occupied', 'fill'),
			entry('front-line', 'line'),
			entry('front-change', 'fill'),
			entry('front-change-summit', 'fill'),
			entry('hubs', 'point')
		];
		writeFileSync(join(tmp, 'geodata/layers.json'), JSON.stringify({ version: 1, layers }));
		return tmp;
	};
	const files = (root: string) => Object.fromEntries(readdirSync(join(root, 'front')).map((n) => [n, readFileSync(join(root, 'front', n), 'utf8')]));

	it('writes the same bytes twice, and figures from the unsimplified shapes', async () => {
		const tmp = setUp();
		try {
			const first = await importFront(join(tmp, 'in'), join(tmp, 'geodata'));
			const bytes = files(join(tmp, 'geodata'));
			await importFront(join(tmp, 'in'), join(tmp, 'geodata'));
			expect(files(join(tmp, 'geodata'))).toEqual(bytes);
			// the first snapshot has no change to draw, and none since the summit it is
			expect(Object.keys(bytes).sort()).toEqual([
				'change-2025-10-01.geojson',
				'change-summit-2025-10-01.geojson',
				'front-2025-09-04.geojson',
				'front-2025-10-01.geojson',
				'occupied-2025-09-04.geojson',
				'occupied-2025-10-01.geojson',
				'versions.json'
			]);

			const versions = JSON.parse(bytes['versions.json']);
			expect(versions).toEqual(first.versions);
			expect(versions.map((v: { asOf: string }) => v.asOf)).toEqual([SUMMIT, '2025-10-01']);
			const [summit, october] = versions;
			expect(summit.areaKm2).toBeCloseTo(km2(box(37, 48.2, 37.2, 48.4)), 1);
			expect(summit.shareOfUkraine).toBeCloseTo((summit.areaKm2 / 597_216) * 100, 2);
			expect(summit.frontKm).toBeCloseTo(2 * (14.8 + 22.2), 0); // a 0.2° square, all of it front
			expect(summit).toMatchObject({
				gainedKm2: null,
				lostKm2: null,
				gainedSinceSummitKm2: 0,
				lostSinceSummitKm2: 0,
				occupied: 'front/occupied-2025-09-04.geojson',
				change: null,
				changeSinceSummit: null
			});
			expect(october.gainedKm2).toBeCloseTo(km2(box(37.2, 48.2, 37.3, 48.4)), 1);
			expect(october.lostKm2).toBeCloseTo(km2(box(37, 48.2, 37.05, 48.4)), 1);
			expect(october.gainedSinceSummitKm2).toBe(october.gainedKm2);

			const change = JSON.parse(bytes['change-2025-10-01.geojson']) as FeatureCollection;
			const sinceSummit = JSON.parse(bytes['change-summit-2025-10-01.geojson']) as FeatureCollection;
			expect([...change.features, ...sinceSummit.features].map((f) => `${f.properties!.change} since ${f.properties!.since}`)).toEqual([
				'gained since previous',
				'lost since previous',
				'gained since summit',
				'lost since summit'
			]);
			// the manifest lists each layer's versions, the latest drawn by default; other entries untouched
			const manifest = JSON.parse(readFileSync(join(tmp, 'geodata/layers.json'), 'utf8'));
			const byId = Object.fromEntries(manifest.layers.map((l: { id: string }) => [l.id, l]));
			expect(byId.occupied).toMatchObject({
				file: 'front/occupied-2025-10-01.geojson',
				asOf: '2025-10-01',
				versions: [
					{ asOf: SUMMIT, file: 'front/occupied-2025-09-04.geojson' },
					{ asOf: '2025-10-01', file: 'front/occupied-2025-10-01.geojson' }
				]
			});
			expect(byId['front-change'].versions).toEqual([{ asOf: '2025-10-01', file: 'front/change-2025-10-01.geojson' }]);
			expect(byId['front-change-summit'].versions).toEqual([{ asOf: '2025-10-01', file: 'front/change-summit-2025-10-01.geojson' }]);
			expect(byId.hubs).toEqual(layers[4]);
			for (const f of change.features) expect(f.properties).toMatchObject({ sources: SOURCES, confidence: 'reported', asOf: '2025-10-01', approximate: true });
			expect(JSON.parse(bytes['occupied-2025-10-01.geojson']).features[0].properties).toMatchObject({ id: 'occupied-2025-10-01', areaKm2: october.areaKm2 });
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	});

	it('runs as `npm run layer -- import-front`, and refuses without the sources', () => {
		const tmp = setUp();
		try {
			const run = (...args: string[]) =>
				spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', 'import-front', ...args, '--root', join(tmp, 'geodata')], {
					encoding: 'utf8',
					env: { ...process.env, INIT_CWD: process.cwd() }
				});
			const ok = run(join(tmp, 'in'));
			expect(ok.stderr).toBe('');
			expect(ok.stdout).toMatch(/imported 2 snapshot\(s\), 2025-09-04 to 2025-10-01/);
			writeFileSync(join(tmp, 'geodata/sources.json'), '{}');
			const refused = run(join(tmp, 'in'));
			expect(refused.status).toBe(1);
			expect(refused.stderr).toMatch(/sources.json has no deepstatemap-live, cyterat-deepstate-map-data/);
		} finally {
			rmSync(tmp, { recursive: true, force: true });
		}
	});
});

describe('frontLine: regressions', () => {
	it('drops a one-vertex spike off the border but keeps a pocket two vertices deep', () => {
		const input = read('border-spike.geojson');
		const lines = frontLine(role(input, 'occupied') as Feature<Polygon>, role(input, 'ukraine').geometry as Polygon).geometry.coordinates;
		expect(lines.flat().some(([x, y]) => x === 37.95 && y === 47.3)).toBe(false);
		expect(lines[0]).toEqual([
			[37.995, 47.65],
			[37.945, 47.7],
			[37.945, 47.72],
			[37.99, 47.8]
		]);
		// with no spike rule the chord is drawn as front
		expect(
			frontLine(role(input, 'occupied') as Feature<Polygon>, role(input, 'ukraine').geometry as Polygon, { spikeDepthFactor: 0 }).geometry.coordinates.flat()
		).toContainEqual([37.95, 47.3]);
	});

	it('draws no front along a spit that runs out to sea', () => {
		const input = read('spit-outside-outline.geojson');
		const lines = frontLine(role(input, 'occupied') as Feature<MultiPolygon>, role(input, 'ukraine').geometry as Polygon).geometry.coordinates;
		expect(lines.flat().filter(([, y]) => y < 47)).toEqual([]);
	});
});
