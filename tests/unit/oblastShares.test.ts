// How much of each oblast is occupied: a fixture with known answers, and one month checked by hand
// against the committed DeepState snapshot and the figures stored with the front.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import area from '@turf/area';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import { oblastShares, sharesText } from '../../src/lib/geo/oblastShares';
import { validateFrontFigures } from '../../src/lib/manifest/frontFigures';
import { boxPolygon } from './boxes';

const root = new URL('../..', import.meta.url).pathname;
const box = boxPolygon;
const unit = (iso: string, g: Polygon) => ({ type: 'Feature' as const, properties: { iso, name: iso, name_uk: iso }, geometry: g });

describe('occupied share of an oblast', () => {
	// two oblasts side by side, one degree square each
	const oblasts: FeatureCollection<Polygon, { iso: string; name: string; name_uk: string }> = {
		type: 'FeatureCollection',
		features: [unit('UA-01', box(30, 48, 31, 49)), unit('UA-02', box(31, 48, 32, 49))]
	};

	it('measures the overlap in km² and the share of each oblast, largest first', () => {
		// all of the eastern oblast, the eastern half of the western one
		const occupied: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: box(30.5, 48, 32, 49) };
		const shares = oblastShares(occupied, oblasts);
		expect(shares.map((s) => s.iso)).toEqual(['UA-02', 'UA-01']);
		expect(shares[0].share).toBe(100);
		expect(shares[1].share).toBeCloseTo(50, 0);
		expect(shares[0].km2).toBeCloseTo(area(box(31, 48, 32, 49)) / 1e6, 0);
	});

	it('leaves out an oblast with nothing occupied', () => {
		const occupied: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: box(31.2, 48.2, 31.8, 48.8) };
		expect(oblastShares(occupied, oblasts).map((s) => s.iso)).toEqual(['UA-02']);
	});

	it('counts a thin seam along the coast as occupied, but free land near the front as free', () => {
		// the occupied area stops 0.005° (under 400 m) short of the eastern oblast's far edge
		const seam: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: box(31, 48, 31.995, 49) };
		const front: Feature<LineString> = {
			type: 'Feature',
			properties: {},
			geometry: {
				type: 'LineString',
				coordinates: [
					[31, 48],
					[31, 49]
				]
			}
		};
		const [east] = oblastShares(seam, oblasts, front);
		// the 0.005° strip (about 40 km²) lies along the far edge, nowhere near the front: a seam, not free land
		expect(east.share).toBe(100);
		// the same strip beside the front is free land
		const nearFront: Feature<LineString> = {
			type: 'Feature',
			properties: {},
			geometry: {
				type: 'LineString',
				coordinates: [
					[31.995, 48],
					[31.995, 49]
				]
			}
		};
		expect(oblastShares(seam, oblasts, nearFront)[0].share).toBeLessThan(100);
		// without a front, nothing is taken for a seam
		expect(oblastShares(seam, oblasts)[0].share).toBeLessThan(100);
	});
});

describe('10 October 2026, checked by hand', () => {
	const read = (path: string) => JSON.parse(readFileSync(join(root, 'geodata', path), 'utf8'));
	const { figures, problems } = validateFrontFigures(read('front/versions.json'));
	const october = figures.find((f) => f.asOf === '2026-10-10')!;

	it('stores every snapshot’s shares with the front’s figures', () => {
		expect(problems).toEqual([]);
		expect(figures.every((f) => (f.oblasts?.length ?? 0) > 0)).toBe(true);
	});

	it('matches what a reader of DeepState’s map would expect', () => {
		const share = Object.fromEntries(october.oblasts!.map((o) => [o.name, o.share]));
		// occupied since 2014
		expect(share['Autonomous Republic of Crimea']).toBe(100);
		expect(share['Sevastopol']).toBe(100);
		// nearly all of Luhansk; most of Donetsk, Zaporizhzhia and Kherson (the right bank free); a strip of Kharkiv
		expect(share['Luhansk oblast']).toBeGreaterThan(99);
		expect(share['Donetsk oblast']).toBeGreaterThan(78);
		expect(share['Donetsk oblast']).toBeLessThan(82);
		expect(share['Zaporizhzhia oblast']).toBeGreaterThan(74);
		expect(share['Zaporizhzhia oblast']).toBeLessThan(78);
		expect(share['Kherson oblast']).toBeGreaterThan(71);
		expect(share['Kherson oblast']).toBeLessThan(75);
		expect(share['Kharkiv oblast']).toBeGreaterThan(3);
		expect(share['Kharkiv oblast']).toBeLessThan(6);
		expect(share['Kyiv oblast']).toBeUndefined();
	});

	it('adds up to the occupied area, less what DeepState draws beyond the 1:10m coast', () => {
		const sum = october.oblasts!.reduce((n, o) => n + o.km2, 0);
		expect(sum / october.areaKm2).toBeGreaterThan(0.97);
		expect(sum / october.areaKm2).toBeLessThanOrEqual(1);
	});

	it('is what the committed snapshot gives', () => {
		const occupied = read('front/occupied-2026-10-10.geojson').features[0] as Feature<Polygon | MultiPolygon>;
		const front = read('front/front-2026-10-10.geojson').features[0];
		expect(oblastShares(occupied, read('basemap/oblasts.geojson'), front)).toEqual(october.oblasts);
	}, 20_000);
});

describe('the occupied area’s card row', () => {
	const shares = [
		{ iso: 'UA-14', name: 'Donetsk oblast', name_uk: 'Донецька область', km2: 21163.8, share: 80.2 },
		{ iso: 'UA-40', name: 'Sevastopol', name_uk: 'Севастополь', km2: 714.8, share: 100 },
		{ iso: 'UA-12', name: 'Dnipropetrovsk oblast', name_uk: 'Дніпропетровська область', km2: 33, share: 0.1 }
	];
	it('lists the oblasts most occupied first, leaving out those under half a percent, in each language', () => {
		expect(sharesText(shares, 'en')).toBe('Sevastopol 100%; Donetsk oblast 80.2%');
		expect(sharesText(shares, 'uk')).toBe('Севастополь 100%; Донецька область 80,2%');
	});

	it('is written into each committed occupied area from the figures', () => {
		const rows = JSON.parse(readFileSync(join(root, 'geodata/front/versions.json'), 'utf8')) as { occupied: string; oblasts: typeof shares }[];
		for (const row of rows) {
			const p = JSON.parse(readFileSync(join(root, 'geodata', row.occupied), 'utf8')).features[0].properties;
			expect([p.oblasts, p.oblasts_uk]).toEqual([sharesText(row.oblasts, 'en'), sharesText(row.oblasts, 'uk')]);
		}
	});
});
