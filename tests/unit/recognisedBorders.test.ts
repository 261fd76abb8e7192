import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { mesh } from 'topojson-client';
import { countryGeometry, recogniseCrimeaAsUkraine, RUSSIA_ID, SIMFEROPOL, UKRAINE_ID, type CountriesTopology } from '../../src/lib/geo/recognisedBorders';
import { pruneTopology } from '../../src/lib/geo/pruneTopology';

const world = JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as CountriesTopology;
const fixed = recogniseCrimeaAsUkraine(world);
const km2 = (g: GeoJSON.Geometry) => area(g) / 1e6;
const ukraine = (t: CountriesTopology) => countryGeometry(t, (g) => g.id === UKRAINE_ID);
const russia = (t: CountriesTopology) => countryGeometry(t, (g) => g.id === RUSSIA_ID);

describe('recogniseCrimeaAsUkraine', () => {
	it('gives Ukraine its recognised area: within 2% of the official 603,600 km2', () => {
		expect(km2(ukraine(world))).toBeLessThan(603_600 * 0.96); // Natural Earth's default is short by Crimea
		expect(Math.abs(km2(ukraine(fixed)) - 603_600) / 603_600).toBeLessThan(0.02);
	});

	it('puts Simferopol inside Ukraine and outside Russia', () => {
		expect(booleanPointInPolygon(SIMFEROPOL, russia(world))).toBe(true);
		expect(booleanPointInPolygon(SIMFEROPOL, ukraine(fixed))).toBe(true);
		expect(booleanPointInPolygon(SIMFEROPOL, russia(fixed))).toBe(false);
	});

	it('moves area from Russia to Ukraine and nothing else', () => {
		const gained = km2(ukraine(fixed)) - km2(ukraine(world));
		const lost = km2(russia(world)) - km2(russia(fixed));
		expect(gained).toBeGreaterThan(25_000); // Crimea is about 27,000 km2
		expect(gained).toBeLessThan(29_000);
		expect(Math.abs(gained - lost)).toBeLessThan(1);
	});

	it('draws no border across the Perekop isthmus', () => {
		const borders = mesh(fixed, fixed.objects.countries, (a, b) => a !== b);
		const nearPerekop = borders.coordinates.flat().filter(([x, y]) => x > 33.3 && x < 34.2 && y > 45.9 && y < 46.3);
		expect(nearPerekop).toEqual([]);
		const before = mesh(world, world.objects.countries, (a, b) => a !== b);
		expect(before.coordinates.flat().some(([x, y]) => x > 33.3 && x < 34.2 && y > 45.9 && y < 46.3)).toBe(true);
	});

	it('leaves its input untouched and refuses to run twice', () => {
		expect(km2(ukraine(world))).toBeLessThan(580_000);
		expect(() => recogniseCrimeaAsUkraine(fixed)).toThrow(/Simferopol/);
	});
});

describe('pruneTopology', () => {
	it('keeps Europe and drops the far side of the world, with arcs renumbered', () => {
		const europe = pruneTopology(fixed, [-32, 25, 75, 82]);
		const names = europe.objects.countries.geometries.map((g) => (g.properties as { name: string }).name);
		expect(names).toEqual(expect.arrayContaining(['Ukraine', 'Poland', 'Romania', 'Russia', 'Turkey', 'Kosovo']));
		expect(names).not.toContain('Australia');
		expect(europe.arcs.length).toBeLessThan(fixed.arcs.length / 2);
		expect(km2(ukraine(europe))).toBeCloseTo(km2(ukraine(fixed)), 0);
	});
});
