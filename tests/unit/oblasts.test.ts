// Ukraine's oblasts on the base map: the renamed table (ISO 3166-2:UA codes, the national
// transliteration, Ukrainian names), the committed shapes, and which oblast a town lies in.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { OBLASTS, oblastOf, renameOblasts, type Oblasts } from '../../scripts/lib/oblasts';
import type { PlaceProps } from '../../scripts/lib/basemapPlaces';

const root = new URL('../..', import.meta.url).pathname;
const oblasts = JSON.parse(readFileSync(join(root, 'geodata/basemap/oblasts.geojson'), 'utf8')) as Oblasts;

// ISO 3166-2:UA as the standard lists it (24 oblasts, the Autonomous Republic, two cities)
const ISO = {
	'UA-05': 'Vinnytsia oblast',
	'UA-07': 'Volyn oblast',
	'UA-09': 'Luhansk oblast',
	'UA-12': 'Dnipropetrovsk oblast',
	'UA-14': 'Donetsk oblast',
	'UA-18': 'Zhytomyr oblast',
	'UA-21': 'Zakarpattia oblast',
	'UA-23': 'Zaporizhzhia oblast',
	'UA-26': 'Ivano-Frankivsk oblast',
	'UA-30': 'Kyiv',
	'UA-32': 'Kyiv oblast',
	'UA-35': 'Kirovohrad oblast',
	'UA-40': 'Sevastopol',
	'UA-43': 'Autonomous Republic of Crimea',
	'UA-46': 'Lviv oblast',
	'UA-48': 'Mykolaiv oblast',
	'UA-51': 'Odesa oblast',
	'UA-53': 'Poltava oblast',
	'UA-56': 'Rivne oblast',
	'UA-59': 'Sumy oblast',
	'UA-61': 'Ternopil oblast',
	'UA-63': 'Kharkiv oblast',
	'UA-65': 'Kherson oblast',
	'UA-68': 'Khmelnytskyi oblast',
	'UA-71': 'Cherkasy oblast',
	'UA-74': 'Chernihiv oblast',
	'UA-77': 'Chernivtsi oblast'
};

describe('the oblast table', () => {
	it('names 27 units with the ISO 3166-2 codes and the 2010 transliteration', () => {
		const rows = Object.values(OBLASTS);
		expect(rows).toHaveLength(27);
		expect(Object.fromEntries(rows.map((r) => [r.iso, r.en]))).toEqual(ISO);
		// no Natural Earth romanisation survives
		for (const r of rows) expect(r.en).not.toMatch(/Kiev|Odessa|Zaporizhzhya|'|Transcarpathia/);
	});

	it('gives every unit a Ukrainian name in Cyrillic', () => {
		for (const r of Object.values(OBLASTS)) expect(r.uk).toMatch(/^[\u0400-\u04ff ’'-]+$/);
		expect(OBLASTS['UKR-327'].uk).toBe('Донецька область');
		expect(OBLASTS['UKR-283'].label).toEqual({ en: 'Crimea', uk: 'Крим' });
	});

	it('refuses a file with a unit the table lacks, naming it', () => {
		const one = {
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: { adm1_code: 'UKR-999', name: 'Nowhere' }, geometry: null }]
		} as unknown as FeatureCollection;
		expect(() => renameOblasts(one)).toThrow('UKR-999 (Nowhere)');
	});

	it('commits the 27 renamed shapes the base map draws', () => {
		expect(oblasts.features.map((f) => f.properties.iso)).toEqual(Object.keys(ISO));
		const donetsk = oblasts.features.find((f) => f.properties.iso === 'UA-14')!;
		expect(donetsk.properties).toEqual({
			iso: 'UA-14',
			name: 'Donetsk oblast',
			name_uk: 'Донецька область',
			label: 'Donetsk oblast',
			label_uk: 'Донецька область'
		});
	});
});

describe('which oblast a town is in', () => {
	const towns: [string, [number, number], string][] = [
		['Pokrovsk', [37.18, 48.28], 'UA-14'],
		['Kramatorsk', [37.56, 48.72], 'UA-14'],
		['Huliaipole', [36.26, 47.66], 'UA-23'],
		['Kherson', [32.62, 46.64], 'UA-65'],
		['Kupiansk', [37.62, 49.71], 'UA-63'],
		['Sievierodonetsk', [38.49, 48.95], 'UA-09'],
		['Kyiv', [30.52, 50.45], 'UA-30'],
		['Bila Tserkva', [30.11, 49.8], 'UA-32'],
		['Simferopol', [34.1, 44.95], 'UA-43'],
		['Sevastopol', [33.52, 44.6], 'UA-40'],
		['Uzhhorod', [22.29, 48.62], 'UA-21'],
		['Nikopol', [34.4, 47.57], 'UA-12']
	];
	it.each(towns)('%s', (_, point, iso) => {
		expect(oblastOf(point, oblasts)).toBe(iso);
	});

	it('puts nothing outside Ukraine in an oblast', () => {
		expect(oblastOf([21.99, 50.04], oblasts)).toBeNull(); // Rzeszów
		expect(oblastOf([39.72, 47.23], oblasts)).toBeNull(); // Rostov-on-Don
	});

	it('gives every town of Ukraine the base map labels its oblast', () => {
		const places = JSON.parse(readFileSync(join(root, 'geodata/basemap/places.geojson'), 'utf8')) as FeatureCollection<Point, PlaceProps>;
		const ukraine = places.features.filter((f) => f.properties.country === 'UA');
		expect(ukraine.length).toBeGreaterThan(150);
		expect(ukraine.filter((f) => !f.properties.region).map((f) => f.properties.name)).toEqual([]);
		expect(places.features.find((f) => f.properties.name === 'Pokrovsk')?.properties.region).toBe('UA-14');
		expect(places.features.filter((f) => f.properties.country !== 'UA' && f.properties.region)).toEqual([]);
	});
});

describe('where a town is, for search', () => {
	it('says the oblast and the country in both languages, and the country alone elsewhere', async () => {
		const { townIndex } = await import('../../scripts/lib/basemapTiles');
		const { placesFrom, searchPlaces } = await import('../../src/lib/geo/places');
		const places = JSON.parse(readFileSync(join(root, 'geodata/basemap/places.geojson'), 'utf8')) as FeatureCollection<Point, PlaceProps>;
		const index = townIndex(places, oblasts);
		expect(index.where['UA-14']).toEqual(['Donetsk oblast, Ukraine', 'Донецька область, Україна']);
		expect(index.where['PL']).toEqual(['Poland', 'Польща']);
		const none = { type: 'FeatureCollection' as const, features: [] };
		const [pokrovsk] = searchPlaces(placesFrom([], none, index, 'en'), 'Pokrovsk');
		expect([pokrovsk.label, pokrovsk.where]).toEqual(['Pokrovsk', 'Donetsk oblast, Ukraine']);
		const [rzeszow] = searchPlaces(placesFrom([], none, index, 'en'), 'Rzeszów');
		expect([rzeszow.label, rzeszow.where]).toEqual(['Rzeszów', 'Poland']);
		const [uk] = searchPlaces(placesFrom([], none, index, 'uk'), 'Покровськ');
		expect([uk.label, uk.where]).toEqual(['Покровськ', 'Донецька область, Україна']);
	});
});
