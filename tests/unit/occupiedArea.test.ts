import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { areaKm2, occupiedFeature } from '../../src/lib/geo/occupiedArea';
import { countryGeometry, recogniseCrimeaAsUkraine, UKRAINE_ID, type CountriesTopology } from '../../src/lib/geo/recognisedBorders';

const world = recogniseCrimeaAsUkraine(JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as CountriesTopology);
const ukraine = countryGeometry(world, (g) => g.id === UKRAINE_ID);
const line = JSON.parse(readFileSync('geodata/contact-line.geojson', 'utf8')).features[0];
const occupied = occupiedFeature(ukraine, line);

describe('occupiedFeature', () => {
	it('puts the occupied cities behind the line and the free ones in front of it', () => {
		const behind = {
			Donetsk: [37.8, 48.0],
			Luhansk: [39.3, 48.57],
			Melitopol: [35.37, 46.84],
			Mariupol: [37.55, 47.1],
			Simferopol: [34.1, 44.95],
			Sevastopol: [33.52, 44.6],
			Oleshky: [32.72, 46.62]
		};
		const free = {
			Kharkiv: [36.23, 49.99],
			Zaporizhzhia: [35.14, 47.84],
			Kherson: [32.61, 46.64],
			Kramatorsk: [37.56, 48.72],
			Kyiv: [30.52, 50.45],
			Odesa: [30.73, 46.48]
		};
		for (const [name, at] of Object.entries(behind)) expect(booleanPointInPolygon(at, occupied), name).toBe(true);
		for (const [name, at] of Object.entries(free)) expect(booleanPointInPolygon(at, occupied), name).toBe(false);
	});

	it("measures about a fifth of Ukraine, near DeepState's 19.25% (1 Jan 2026)", () => {
		expect(occupied.properties!.shareOfUkraine).toBeGreaterThan(17.5);
		expect(occupied.properties!.shareOfUkraine).toBeLessThan(21.5);
		expect(Math.abs(areaKm2(occupied.geometry) - 116_165) / 116_165).toBeLessThan(0.05);
	});

	it("carries the line's sources, date and grade, and matches the committed derived file", () => {
		expect(occupied.properties).toMatchObject({
			sources: line.properties.sources,
			asOf: line.properties.asOf,
			confidence: line.properties.confidence,
			derivedFrom: line.properties.id
		});
		const committed = JSON.parse(readFileSync('geodata/occupied.geojson', 'utf8')).features[0];
		expect(committed).toEqual(JSON.parse(JSON.stringify(occupied)));
	});

	it('refuses a line it cannot use, naming it', () => {
		expect(() => occupiedFeature(ukraine, { ...line, geometry: { type: 'MultiLineString', coordinates: [] } })).toThrow(
			/contact-line-2025-autumn: one LineString/
		);
	});
});
