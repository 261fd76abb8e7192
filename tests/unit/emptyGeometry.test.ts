import { describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Geometry, Polygon } from 'geojson';
import { validateLayerData } from '../../src/lib/manifest/data';
import { loadGeodata } from '../../src/lib/manifest/load';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { applyBundle } from '../../scripts/lib/applyBundle';
import { diskReader } from '../../scripts/lib/checkGeodata';
import { BUNDLE_FORMAT } from '../../src/lib/editor/bundle';

// `{"type":"Polygon","coordinates":[]}` passed `add` with a warning, `check` and the build; then
// every page threw (its extent was Infinity), and so did the editor's preview and PNG export.
// Refused everywhere, naming the feature; beside others, the build draws the others.
const FIXTURES = 'tests/fixtures/layer/geodata';
const sources = validateBibliography(JSON.parse(readFileSync(`${FIXTURES}/sources.json`, 'utf8'))).citable;
const source = Object.keys(sources)[0];
const feature = (id: string, geometry: Geometry) => ({
	type: 'Feature',
	properties: { id, name: id, sources: [source], confidence: 'reported', asOf: '2025-09-04' },
	geometry
});
const square = {
	type: 'Polygon',
	coordinates: [
		[
			[30, 50],
			[31, 50],
			[31, 51],
			[30, 51],
			[30, 50]
		]
	]
} as Geometry;
const collection = (...features: object[]) => JSON.stringify({ type: 'FeatureCollection', features }, null, 2);

const EMPTY: [string, Geometry, 'fill' | 'line' | 'point'][] = [
	['Polygon []', { type: 'Polygon', coordinates: [] }, 'fill'],
	['MultiPolygon [[]]', { type: 'MultiPolygon', coordinates: [[]] }, 'fill'],
	['MultiPolygon [square, []]', { type: 'MultiPolygon', coordinates: [(square as Polygon).coordinates, []] }, 'fill']
];

describe('an empty geometry', () => {
	it.each(EMPTY)('%s is refused by the build’s checks, the command and the editor, naming the feature', (_, geometry, kind) => {
		const text = collection(feature('nowhere', geometry));
		const layer = { kind, file: 'nowhere.geojson' };
		const { problems, rejected } = validateLayerData(text, layer.file, layer, sources);
		expect(rejected).toEqual([0]);
		expect(problems.map((p) => ({ feature: p.feature, field: p.field }))).toEqual([{ feature: { index: 0, id: 'nowhere' }, field: 'geometry.coordinates' }]);
		expect(problems[0].message).toMatch(/^empty: (a|each polygon of a) \w+ needs .*: give it its positions, or a null geometry for a place not published$/);
		// `npm run layer -- add` and the editor's check of a small file, and of a large one in slices
		expect(prepareLayer(text, 'nowhere.geojson', layer, sources).problems.map((p) => p.field)).toEqual(['geometry.coordinates']);
		expect(checkLayerText(text, 'nowhere.geojson', layer, sources).rejected).toEqual([0]);
	});

	it('made of no parts at all (an empty Multi*) is drawn as nothing, as RFC 7946 allows: the front’s change on a day with none', () => {
		const nothing: [Geometry, 'fill' | 'line' | 'point'][] = [
			[{ type: 'MultiPolygon', coordinates: [] }, 'fill'],
			[{ type: 'MultiLineString', coordinates: [] }, 'line'],
			[{ type: 'MultiPoint', coordinates: [] }, 'point']
		];
		for (const [geometry, kind] of nothing)
			expect(validateLayerData(collection(feature('nothing', geometry)), 'x.geojson', { kind }, sources).problems).toEqual([]);
	});

	it('beside drawable features: the build draws those, and names the empty one', async () => {
		const text = collection(feature('square', square), feature('nowhere', { type: 'Polygon', coordinates: [] }));
		const files: Record<string, string> = {
			'sources.json': readFileSync(`${FIXTURES}/sources.json`, 'utf8'),
			'layers.json': JSON.stringify({
				version: 1,
				layers: [{ id: 'areas', title: 'Areas', kind: 'fill', file: 'areas.geojson', style: { color: '#c05621' }, sources: [source], asOf: '2025-09-04' }]
			}),
			'areas.geojson': text
		};
		const data = await loadGeodata(async (name) => files[name] ?? null);
		expect(data.layers.map((l) => l.data.features.map((f) => f.properties?.id))).toEqual([['square']]);
		expect(data.problems.map(formatProblem)).toEqual([
			'geodata/areas.geojson:43:5: features[1] (nowhere).geometry.coordinates: empty: a Polygon needs at least one ring, each of four or more positions: give it its positions, or a null geometry for a place not published'
		]);
	});

	it('is refused by `npm run layer -- add` and the editor’s save, writing nothing', async () => {
		const root = mkdtempSync(join(tmpdir(), 'atlas-empty-'));
		try {
			cpSync(FIXTURES, join(root, 'geodata'), { recursive: true });
			const input = join(root, 'areas.geojson');
			writeFileSync(input, collection(feature('nowhere', { type: 'Polygon', coordinates: [] })));
			const before = readFileSync(join(root, 'geodata/layers.json'), 'utf8');
			const run = spawnSync(
				process.execPath,
				['--import', 'tsx', 'scripts/layer.ts', 'add', input, '--title', 'Areas', '--kind', 'fill', '--root', join(root, 'geodata')],
				{ encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } }
			);
			expect(run.status).toBe(1);
			expect(run.stderr).toMatch(/features\[0\] \(nowhere\)\.geometry\.coordinates: empty: a Polygon needs/);
			// the save endpoint's one path (applyBundle), with the same file as the editor would bundle it
			const bundle = {
				format: BUNDLE_FORMAT,
				replace: false,
				made: '2025-09-04T00:00:00Z',
				version: 1,
				entry: { id: 'areas', title: 'Areas', kind: 'fill', file: 'areas.geojson', style: { color: '#c05621' }, sources: [source], asOf: '2025-09-04' },
				sources: {},
				data: JSON.parse(readFileSync(input, 'utf8'))
			};
			const saved = await applyBundle(bundle, join(root, 'geodata'), { name: 'the saved draft' });
			expect(saved.written).toEqual([]);
			expect(saved.problems.map((p) => p.field)).toEqual(['geometry.coordinates']);
			expect(readFileSync(join(root, 'geodata/layers.json'), 'utf8')).toBe(before);
			expect(await diskReader(join(root, 'geodata'))('areas.geojson')).toBeNull();
		} finally {
			rmSync(root, { recursive: true, force: true });
		}
	}, 30_000);
});
