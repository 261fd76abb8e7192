import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { placesFrom, placesInView, searchPlaces } from '../../src/lib/geo/places';
import { viewSentences } from '../../src/lib/content/summary';

const read = (f: string) => JSON.parse(readFileSync(`geodata/${f}`, 'utf8')) as FeatureCollection;
const withIndex = (fc: FeatureCollection): FeatureCollection => ({
	...fc,
	features: fc.features.map((f, i) => ({ ...f, properties: { ...f.properties, _i: i } }))
});
const layers = [
	{ id: 'hubs', title: 'Logistics hubs', display: withIndex(read('hubs.geojson')) },
	{ id: 'incursions', title: 'Incursions', display: withIndex(read('incursions.geojson')) },
	{ id: 'contact-line', title: 'Contact line', display: withIndex(read('contact-line.geojson')) }
];
const countries: FeatureCollection<Point, { name: string }> = {
	type: 'FeatureCollection',
	features: [{ type: 'Feature', properties: { name: 'Poland' }, geometry: { type: 'Point', coordinates: [19.4, 52.1] } }]
};
const places = placesFrom(layers, countries);

describe('search', () => {
	it('finds a hub without its accent, layer features before countries', () => {
		const found = searchPlaces(places, 'rzeszow');
		expect(found[0].label).toMatch(/^Rzeszów-Jasionka/);
		expect(found[0].layerId).toBe('hubs');
	});

	it('finds an incident by the town it happened in, and a country of the base map', () => {
		expect(searchPlaces(places, 'przewod').map((p) => p.layerId)).toContain('incursions');
		const poland = searchPlaces(places, 'pol');
		expect(poland.some((p) => p.kind === 'Country' && p.label === 'Poland')).toBe(true);
		expect(searchPlaces(places, '   ')).toEqual([]);
		expect(searchPlaces(places, 'zzzz')).toEqual([]);
	});
});

describe('what the view shows', () => {
	it('lists features in the view west to east and says it in words', () => {
		const poland: [number, number, number, number] = [14, 49, 26, 56]; // Poland and Lithuania
		const inView = placesInView(places, poland, ['hubs', 'incursions', 'contact-line'], () => true);
		expect(inView[0].layerId).toBe('hubs');
		const incursions = inView.filter((p) => p.layerId === 'incursions');
		expect(incursions.map((p) => p.anchor[0])).toEqual([...incursions.map((p) => p.anchor[0])].sort((a, b) => a - b));
		expect(inView.some((p) => p.layerId === 'contact-line')).toBe(false);
		const sentence = viewSentences(incursions).join(' ');
		const inPoland = incursions.filter((p) => p.properties.country === 'Poland').length;
		const latest = incursions
			.map((p) => String(p.properties.date))
			.sort()
			.at(-1)!;
		const [y, m, d] = latest.split('-').map(Number);
		const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1];
		expect(inPoland).toBeGreaterThan(0);
		expect(inPoland).toBeLessThan(incursions.length); // Lithuania's are in the box too
		expect(sentence).toBe(`Incursions in view: ${incursions.length}, ${inPoland} in Poland, latest ${d} ${month} ${y}.`);
	});

	it('leaves out what a filter hides', () => {
		const view: [number, number, number, number] = [-30, 30, 60, 72];
		const all = placesInView(places, view, ['incursions'], (p) => p.layerId === 'incursions');
		const until2023 = placesInView(places, view, ['incursions'], (p) => p.layerId === 'incursions' && String(p.properties.date) <= '2023-12-31');
		expect(until2023.length).toBeGreaterThan(0);
		expect(until2023.length).toBeLessThan(all.length);
	});
});
