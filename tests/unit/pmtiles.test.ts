import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PMTiles } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import type { FeatureCollection } from 'geojson';
import { pmtilesArchive } from '../../scripts/lib/pmtilesArchive';
import { checkArchive } from '../../scripts/lib/checkGeodata';
import { validateManifest } from '../../src/lib/manifest/validate';
import { loadGeodata } from '../../src/lib/manifest/load';
import { formatProblem } from '../../src/lib/manifest/errors';

const towns: FeatureCollection = {
	type: 'FeatureCollection',
	features: [
		{ type: 'Feature', properties: { id: 'kyiv', name: 'Kyiv' }, geometry: { type: 'Point', coordinates: [30.52, 50.45] } },
		{ type: 'Feature', properties: { id: 'lviv', name: 'Lviv' }, geometry: { type: 'Point', coordinates: [24.03, 49.84] } }
	]
};
const sources = { s: { publisher: 'P', title: 'T', kind: 'news' as const } };
const layer = (over: object) => ({
	id: 'towns',
	title: 'Towns',
	kind: 'point',
	file: 'towns.pmtiles',
	sourceLayer: 'towns',
	style: {},
	sources: ['s'],
	...over
});

describe('PMTiles archives', () => {
	it('writes an archive the pmtiles library reads back, tile by tile', async () => {
		const bytes = pmtilesArchive(towns, { layer: 'towns', maxZoom: 6 });
		const archive = new PMTiles({ getKey: () => 'towns', getBytes: async (o: number, l: number) => ({ data: bytes.slice(o, o + l).buffer }) });
		const header = await archive.getHeader();
		expect([header.minZoom, header.maxZoom, header.tileType]).toEqual([0, 6, 1]);
		expect(header.minLon).toBeCloseTo(24.03, 5);
		// Kyiv at zoom 6 is tile 37/21
		const tile = await archive.getZxy(6, 37, 21);
		const decoded = new VectorTile(new Pbf(new Uint8Array(tile!.data))).layers.towns;
		expect(decoded.length).toBe(1);
		expect(decoded.feature(0).properties.name).toBe('Kyiv');
	});

	it('the build checks the archive is there and holds the named layer', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'pmtiles-'));
		writeFileSync(join(dir, 'towns.pmtiles'), pmtilesArchive(towns, { layer: 'towns' }));
		writeFileSync(
			join(dir, 'junk.pmtiles'),
			'not an archive at all, just some text that is long enough to read a header from............................................................'
		);
		expect(await checkArchive(join(dir, 'towns.pmtiles'), 'towns')).toBeNull();
		expect(await checkArchive(join(dir, 'towns.pmtiles'), 'roads')).toBe('has no vector layer "roads" (it has "towns")');
		expect(await checkArchive(join(dir, 'missing.pmtiles'), 'towns')).toBe('missing.pmtiles not found');
		expect(await checkArchive(join(dir, 'junk.pmtiles'), 'towns')).toMatch(/^is not a PMTiles v3 archive/);
		rmSync(dir, { recursive: true, force: true });
	});

	it('the manifest takes a .pmtiles layer with its source layer, and only as point, line or fill', () => {
		const check = (l: object) => validateManifest({ version: 1, layers: [l] }, { sources }).problems.map(formatProblem);
		expect(check(layer({}))).toEqual([]);
		expect(check(layer({ sourceLayer: undefined }))).toEqual([
			'geodata/layers.json: layers[0].sourceLayer: required for a .pmtiles layer (the vector-tile layer inside the archive)'
		]);
		expect(check(layer({ kind: 'zone', radiusProperty: 'r' }))).toEqual([
			'geodata/layers.json: layers[0].kind: a .pmtiles layer is drawn from its tiles as they are: point, line or fill, not zone'
		]);
		expect(check(layer({ file: 'towns.geojson' }))).toEqual(['geodata/layers.json: layers[0].sourceLayer: only for a .pmtiles layer']);
	});

	it('loading leaves the archive to the map: nothing is fetched for it', async () => {
		const asked: string[] = [];
		const files: Record<string, string> = { 'sources.json': JSON.stringify(sources), 'layers.json': JSON.stringify({ version: 1, layers: [layer({})] }) };
		const data = await loadGeodata(async (name) => (asked.push(name), files[name] ?? null));
		expect(data.problems).toEqual([]);
		expect(data.layers.map((l) => l.def.id)).toEqual(['towns']);
		expect(asked).toEqual(['sources.json', 'layers.json']);
		expect(readFileSync('geodata/README.md', 'utf8')).toMatch(/pmtiles/i);
	});
});
