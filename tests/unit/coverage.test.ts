import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import circle from '@turf/circle';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { feature } from 'topojson-client';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { countryGeometry, recogniseCrimeaAsUkraine, RUSSIA_ID, UKRAINE_ID, type CountriesTopology } from '../../src/lib/geo/recognisedBorders';
import { areaKm2 } from '../../src/lib/geo/metrics';
import { lineLengthKm } from '../../src/lib/geo/lineLength';
import { blackSeaPolygon } from '../../src/lib/geo/blackSea';
import { coverage, naiveCoverage, prepareCoverage, type Base, type CoverageResult, type Regions } from '../../src/lib/geo/coverage';
import { density, troopsPerKm } from '../../src/lib/geo/lineStats';
import { bufferAreaKm2 } from '../../src/lib/geo/bufferArea';

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const world = json<CountriesTopology>('node_modules/world-atlas/countries-50m.json');
const recognised = recogniseCrimeaAsUkraine(world);
const countries = feature(recognised, recognised.objects.countries) as FeatureCollection<Polygon | MultiPolygon, { name: string }>;
const BELARUS_ID = '112';
const contactLine = json<FeatureCollection<LineString>>('geodata/contact-line.geojson').features[0];
const airBases = json<FeatureCollection<Point, { id: string }>>('geodata/air-bases.geojson').features;

const sea = blackSeaPolygon(countries);
const regions: Regions = {
	ukraine: countryGeometry(recognised, (g) => g.id === UKRAINE_ID),
	occupied: json<FeatureCollection<MultiPolygon>>(
		`geodata/${json<{ layers: { id: string; file: string }[] }>('geodata/layers.json').layers.find((l) => l.id === 'occupied')!.file}`
	).features[0].geometry,
	blackSea: sea.geometry,
	hostile: countryGeometry(recognised, (g) => g.id === RUSSIA_ID || g.id === BELARUS_ID)
};
const prepared = prepareCoverage(regions);

const at = (id: string, position: [number, number], radiusKm: number): Base => ({ id, position, radiusKm });
const atlasBases = (radiusKm: number) => airBases.map((f) => at(f.properties.id, f.geometry.coordinates as [number, number], radiusKm));
const KHARKIV: [number, number] = [36.23, 49.99];
const LVIV: [number, number] = [24.03, 49.84];

/** Every area `coverage` reports is within `tolerance` (relative, 1 km2 floor) of naive's. */
function expectSameAreas(fast: CoverageResult, naive: CoverageResult, tolerance = 0.005) {
	const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(b, 1) * tolerance);
	close(fast.coveredKm2, naive.coveredKm2);
	for (const k of ['ukraine', 'occupied', 'blackSea'] as const) {
		close(fast[k].km2, naive[k].km2);
		expect(Math.abs(fast[k].pct - naive[k].pct)).toBeLessThan(0.5);
	}
}

describe('reference areas from Natural Earth 1:50m', () => {
	it('recognised Ukraine (Crimea included) is within 2% of the official 603,600 km2', () => {
		expect(Math.abs(areaKm2(regions.ukraine) - 603_600) / 603_600).toBeLessThan(0.02); // 597,100
	});

	it('Kosovo is within 3% of its 10,887 km2', () => {
		const kosovo = countries.features.find((f) => f.properties.name === 'Kosovo');
		expect(kosovo?.id).toBeUndefined(); // no ISO number in Natural Earth: found by name
		expect(Math.abs(areaKm2(kosovo!.geometry) - 10_887) / 10_887).toBeLessThan(0.03); // 10,914
	});

	it('the contact line is between 800 and 1,400 km long', () => {
		const km = lineLengthKm(contactLine.geometry);
		expect(km).toBeGreaterThan(800);
		expect(km).toBeLessThan(1_400); // 858
	});
});

describe('blackSeaPolygon', () => {
	it('is within 5% of the Black Sea without Azov, 436,400 km2', () => {
		// Natural Earth's coast gives 420,600 km2 at both 1:50m and 1:10m, 3.6% short of the
		// reference figure, so this is as close as the data allows, not a loose guess.
		const km2 = areaKm2(sea.geometry);
		expect(Math.abs(km2 - 436_400) / 436_400).toBeLessThan(0.05);
		expect(km2).toBeGreaterThan(415_000);
		expect(km2).toBeLessThan(426_000);
	});

	it('stops at the Kerch Strait and the Bosphorus', () => {
		const inSea = (p: [number, number]) => booleanPointInPolygon(p, sea);
		expect(inSea([34, 43])).toBe(true); // open sea south of Crimea
		expect(inSea([31, 46.3])).toBe(true); // Gulf of Odesa
		expect(inSea([41.4, 42])).toBe(true); // off Poti, the far east
		expect(inSea([36.5, 46])).toBe(false); // Sea of Azov
		expect(inSea([28, 40.75])).toBe(false); // Sea of Marmara
		expect(inSea([31, 49])).toBe(false); // Ukraine
	});

	it('takes its coast from the land it is given', () => {
		const withoutTurkey = blackSeaPolygon({ type: 'FeatureCollection', features: countries.features.filter((f) => f.properties.name !== 'Turkey') });
		expect(areaKm2(withoutTurkey.geometry)).toBeGreaterThan(areaKm2(sea.geometry) + 50_000);
	});
});

describe('coverage', () => {
	it('agrees with naiveCoverage within 0.5% for twelve bases at 300, 400 and 500 km', () => {
		for (const radiusKm of [300, 400, 500]) {
			const bases = [...atlasBases(radiusKm), at('bacau', [26.91, 46.52], radiusKm)];
			expectSameAreas(coverage(prepared, bases), naiveCoverage(regions, bases));
		}
		expect(prepared.fallbacks).toBe(0);
	}, 30_000);

	it('agrees with naiveCoverage for one base, disjoint bases, a ring with a hole, and none', () => {
		const ring = circle([31, 49], 300, { steps: 6, units: 'kilometers' }).geometry.coordinates[0].slice(0, 6);
		const sets: Base[][] = [
			[at('kharkiv', KHARKIV, 300)],
			[at('lviv', LVIV, 150), at('odesa', [30.73, 46.48], 150)],
			ring.map((p, i) => at(`ring-${i}`, p as [number, number], 200)),
			[]
		];
		for (const bases of sets) expectSameAreas(coverage(prepared, bases, { steps: 32 }), naiveCoverage(regions, bases, { steps: 32 }));
		const holed = coverage(prepared, sets[2]).covered!.geometry as Polygon;
		expect(holed.coordinates.length).toBe(2); // the gap in the middle of the ring is left uncovered
		expect(coverage(prepared, []).covered).toBeNull();
	}, 30_000);

	it('agrees with naiveCoverage with a 50 km stand-off, and with turf as the clipper', () => {
		const bases = atlasBases(450);
		const naive = naiveCoverage(regions, bases, { standOffKm: 50 });
		expectSameAreas(coverage(prepared, bases, { standOffKm: 50 }), naive);
		expectSameAreas(coverage(prepared, bases, { standOffKm: 50, clipper: 'turf' }), naive);
	}, 30_000);

	it('gives the same shares from regions simplified by 0.5 km', () => {
		const simplified = prepareCoverage(regions, { simplifyKm: 0.5 });
		const bases = atlasBases(400);
		expectSameAreas(coverage(simplified, bases), coverage(prepared, bases));
	});

	it('takes away more near Russia: a base at Kharkiv loses more to a stand-off than one at Lviv', () => {
		const loss = (position: [number, number]) => {
			const bases = [at('base', position, 300)];
			return coverage(prepared, bases).coveredKm2 - coverage(prepared, bases, { standOffKm: 50 }).coveredKm2;
		};
		const [kharkiv, lviv] = [loss(KHARKIV), loss(LVIV)];
		expect(lviv).toBeGreaterThan(0); // 300 km from Lviv reaches Belarus
		expect(kharkiv).toBeGreaterThan(2 * lviv);
		expect(kharkiv).toBeGreaterThan(100_000); // half the circle is Russia or within 50 km of it
	});

	it('reports shares of each region as km2 and per cent of the whole region', () => {
		const result = coverage(prepared, [at('kharkiv', KHARKIV, 300)]);
		expect(result.ukraine.pct).toBeCloseTo((result.ukraine.km2 / areaKm2(regions.ukraine)) * 100, 6);
		expect(result.occupied.km2).toBeGreaterThan(0);
		expect(result.blackSea.km2).toBe(0); // Kharkiv is 500 km from the sea
		expect(result.ukraine.km2 + 1).toBeGreaterThan(result.occupied.km2);
	});
});

describe('lineStats', () => {
	it('bufferAreaKm2 grows about linearly with the strip width', () => {
		const [five, ten] = [bufferAreaKm2(contactLine.geometry, 5), bufferAreaKm2(contactLine.geometry, 10)];
		expect(ten / five).toBeGreaterThan(1.9);
		expect(ten / five).toBeLessThan(2.1);
		// a narrow strip is two strips of the line's length
		expect(Math.abs(five - 2 * 5 * lineLengthKm(contactLine.geometry)) / five).toBeLessThan(0.03);
	});

	it('troopsPerKm and density divide, and refuse an empty front or area', () => {
		expect(troopsPerKm(30_000, 858)).toBeCloseTo(34.97, 2);
		expect(density(30_000, 25_000)).toBeCloseTo(1.2, 6);
		expect(() => troopsPerKm(1, 0)).toThrow(RangeError);
		expect(() => density(1, Number.NaN)).toThrow(RangeError);
		expect(() => bufferAreaKm2(contactLine.geometry, -1)).toThrow(RangeError);
	});
});
