// The base map's detail: which towns are labelled from which zoom and by what name, the tiles the
// build writes from geodata/basemap/, and the style that draws them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PMTiles } from 'pmtiles';
import { VectorTile } from '@mapbox/vector-tile';
import Pbf from 'pbf';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { FeatureCollection, Point } from 'geojson';
import { placeProps, placeZoom, romanianLetters, type City } from '../../scripts/lib/basemapPlaces';
import { pmtilesLayers } from '../../scripts/lib/pmtilesArchive';
import { basemapStyle, DETAIL } from '../../src/lib/map/basemap';
import { detailLayers } from '../../src/lib/map/detail';
import { DARK, LIGHT } from '../../src/lib/map/theme';

const root = new URL('../..', import.meta.url).pathname;
const city = (over: Partial<City>): City => ({
	cityId: 1,
	name: 'X',
	country: 'PL',
	featureCode: 'PPL',
	population: 20_000,
	loc: { coordinates: [22, 50] },
	...over
});

describe('which towns, from which zoom', () => {
	it('labels capitals from the first view and thins the rest by population', () => {
		expect(placeZoom({ population: 1_702_139, featureCode: 'PPLC' })).toBe(3);
		expect(placeZoom({ population: 1_430_885, featureCode: 'PPLA' })).toBe(4);
		expect(placeZoom({ population: 158_382, featureCode: 'PPLA' })).toBe(6);
		expect(placeZoom({ population: 18_266, featureCode: 'PPLA2' })).toBe(8);
		expect(placeZoom({ population: 6_000, featureCode: 'PPL' })).toBe(9);
		// a small region's seat gets no earlier label than its size says
		expect(placeZoom({ population: 9_000, featureCode: 'PPLA' })).toBe(9);
	});

	it('labels a small capital (Vaduz, Monaco, Valletta) no earlier than zoom 6', () => {
		expect(placeZoom({ population: 5_197, featureCode: 'PPLC' })).toBe(6);
		expect(placeZoom({ population: 32_965, featureCode: 'PPLC' })).toBe(6);
		expect(placeZoom({ population: 118_918, featureCode: 'PPLC' })).toBe(3);
	});

	it('brings a front town forward, never back', () => {
		expect(placeZoom({ population: 13_900, featureCode: 'PPL' }, 7)).toBe(7);
		expect(placeZoom({ population: 2_797_553, featureCode: 'PPLC' }, 7)).toBe(3);
	});

	it("spells Ukraine's towns in the national transliteration and keeps GeoNames' spelling for search", () => {
		const p = placeProps(city({ name: 'Kupjansk', country: 'UA', population: 32_449 }), { geonames: 1, uk: 'Куп’янськ', zoom: 7 });
		expect(p).toMatchObject({ name: 'Kupiansk', name_uk: 'Куп’янськ', alt: 'Kupjansk', z: 7 });
	});

	it('writes Romanian ș and ț with the comma below', () => {
		expect(romanianLetters('Constanţa, Iaşi, Galaţi')).toBe('Constanța, Iași, Galați');
		expect(placeProps(city({ name: 'Constanţa', country: 'RO' }), { geonames: 1, uk: 'Констанца' })).toMatchObject({ name: 'Constanța', name_uk: 'Констанца' });
	});
});

describe('the reviewed names and the derived data', () => {
	const places = JSON.parse(readFileSync(join(root, 'geodata/basemap/places.geojson'), 'utf8')) as FeatureCollection<Point, Record<string, unknown>>;
	const byName = (name: string) => places.features.filter((f) => f.properties.name === name);

	it.each(['Kyiv', 'Odesa', 'Kharkiv', 'Zaporizhzhia', 'Kupiansk', 'Lyman', 'Siversk', 'Kostiantynivka', 'Pokrovsk', 'Huliaipole', 'Orikhiv', 'Kherson'])(
		'%s is labelled by the zoom 7 at the latest',
		(name) => {
			expect(byName(name)).toHaveLength(1);
			expect(byName(name)[0].properties.z).toBeLessThanOrEqual(7);
		}
	);

	it("labels no Ukrainian town by GeoNames' mixed spellings", () => {
		for (const odd of ['Odessa', 'Zaporizhia', 'Kupjansk', 'Hulyaypole', 'Kostyantynivka', 'Sivers’k']) expect(byName(odd)).toEqual([]);
	});

	it('labels the hubs’ towns in Ukrainian too', () => {
		expect(byName('Rzeszów')[0].properties.name_uk).toBe('Ряшів');
		expect(byName('Constanța')[0].properties.name_uk).toBe('Констанца');
	});

	it('draws the Kakhovka reservoir as a drained bed, and names the Dnipro in both languages', () => {
		const water = JSON.parse(readFileSync(join(root, 'geodata/basemap/water.geojson'), 'utf8')) as FeatureCollection;
		const kakhovka = water.features.filter((f) => f.properties?.kind === 'former-lake');
		expect(kakhovka).toHaveLength(1);
		expect(kakhovka[0].properties?.name).toMatch(/^Former Kakhovka Reservoir/);
		const dnipro = water.features.find((f) => f.properties?.name === 'Dnipro');
		expect(dnipro?.properties).toMatchObject({ kind: 'river', name_uk: 'Дніпро' });
	});
});

describe('the tiles', () => {
	const fc = (features: [string, number, number, number][]): FeatureCollection => ({
		type: 'FeatureCollection',
		features: features.map(([name, lon, lat, z]) => ({ type: 'Feature', properties: { name, z }, geometry: { type: 'Point', coordinates: [lon, lat] } }))
	});
	const at = (f: GeoJSON.Feature, z: number) => z === 8 || Number(f.properties?.z) <= z;

	it('carries at each zoom only what is labelled from it, gzipped, in layers the reader finds', async () => {
		const bytes = pmtilesLayers(
			[
				{
					name: 'places',
					data: fc([
						['Kyiv', 30.52, 50.45, 3],
						['Pokrovsk', 37.18, 48.28, 7]
					]),
					at
				},
				{ name: 'water', data: fc([['Spring', 30.6, 50.4, 9]]), at }
			],
			{ minZoom: 3, maxZoom: 8, gzip: true }
		);
		const archive = new PMTiles({ getKey: () => 'k', getBytes: async (o: number, l: number) => ({ data: bytes.slice(o, o + l).buffer }) });
		const names = async (z: number, lon: number, lat: number) => {
			const n = 2 ** z;
			const x = Math.floor(((lon + 180) / 360) * n);
			const r = (lat * Math.PI) / 180;
			const y = Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * n);
			const tile = await archive.getZxy(z, x, y);
			if (!tile) return [];
			const vt = new VectorTile(new Pbf(new Uint8Array(tile.data)));
			return Object.values(vt.layers).flatMap((l) => Array.from({ length: l.length }, (_, i) => String(l.feature(i).properties.name)));
		};
		expect((await archive.getHeader()).tileCompression).toBe(2);
		expect(await names(4, 30.52, 50.45)).toEqual(['Kyiv']);
		expect(await names(6, 37.18, 48.28)).toEqual([]);
		expect(await names(7, 37.18, 48.28)).toEqual(['Pokrovsk']);
		// the last zoom carries everything: maplibre draws the deeper zooms from it
		expect((await names(8, 30.6, 50.4)).sort()).toEqual(['Kyiv', 'Spring']);
	});
});

describe('the detail style', () => {
	it.each([
		['light', LIGHT],
		['dark', DARK]
	] as const)('is valid in the %s theme and in both languages, with nothing from another origin', (_, theme) => {
		const base = basemapStyle(theme, {
			countries: { type: 'FeatureCollection', features: [] },
			borders: { type: 'MultiLineString', coordinates: [] },
			labels: { type: 'FeatureCollection', features: [] }
		});
		for (const language of ['en', 'uk'] as const) {
			const { water, labels } = detailLayers(theme, language);
			const style = {
				...base,
				sources: { ...base.sources, [DETAIL]: { type: 'vector' as const, url: 'pmtiles://x' } },
				layers: [...base.layers, ...water, ...labels]
			};
			expect(validateStyleMin(style)).toEqual([]);
			expect(JSON.stringify(labels)).toContain(language === 'uk' ? 'name_uk' : '"name"');
		}
	});
});
