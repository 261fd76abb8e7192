import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import area from '@turf/area';
import circle from '@turf/circle';
import destination from '@turf/destination';
import union from '@turf/union';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPoint, Point, Polygon } from 'geojson';
import { zonePolygon } from '../../src/lib/geo/zones';

const multi = (coordinates: number[][]): Feature<MultiPoint> => ({ type: 'Feature', properties: {}, geometry: { type: 'MultiPoint', coordinates } });
/** turf's own union of the same circles: the reference the fast union is held to. */
const turfZone = (centres: number[][], km: number) =>
	union({ type: 'FeatureCollection', features: centres.map((c) => circle(c, km, { steps: 96, units: 'kilometers' })) } as FeatureCollection<Polygon>)!;

describe('zonePolygon', () => {
	it('one point: its geodesic circle', () => {
		const zone = zonePolygon(
			{ type: 'Feature', properties: { id: 'a' }, geometry: { type: 'Point', coordinates: [22.02, 50.11] } } as Feature<Point, { id: string }>,
			300
		);
		expect(zone.properties).toEqual({ id: 'a' });
		expect(zone.geometry.type).toBe('Polygon');
		expect(area(zone) / 1e6).toBeCloseTo(area(circle([22.02, 50.11], 300, { steps: 96, units: 'kilometers' })) / 1e6, 3);
	});

	it('two overlapping circles: one outline, the same area as turf union, both centres and the lens inside', () => {
		const centres = [
			[22.02, 50.11],
			[26.1, 44.5]
		];
		const zone = zonePolygon(multi(centres), 465);
		expect(zone.geometry.type).toBe('Polygon');
		expect(area(zone)).toBeCloseTo(area(turfZone(centres, 465)), -4); // within 10 km2 of ~1.2 million
		for (const p of [...centres, [24, 47.3]]) expect(booleanPointInPolygon(p, zone)).toBe(true);
		expect(booleanPointInPolygon([10, 47], zone)).toBe(false);
	});

	it('two circles apart: a multipolygon of both', () => {
		const zone = zonePolygon(
			multi([
				[5, 50],
				[30, 40]
			]),
			200
		);
		expect(zone.geometry.type).toBe('MultiPolygon');
		expect(area(zone)).toBeCloseTo(
			area(
				turfZone(
					[
						[5, 50],
						[30, 40]
					],
					200
				)
			),
			-4
		);
	});

	it('the manifest patrol zones: the same areas as turf union gives', () => {
		const zones = JSON.parse(readFileSync('geodata/patrol-zones.geojson', 'utf8')).features.filter(
			(f: Feature) => f.geometry?.type === 'MultiPoint' && typeof f.properties?.radiusKm === 'number'
		);
		expect(zones.length).toBeGreaterThan(0);
		for (const f of zones) {
			const km = f.properties.radiusKm;
			expect(Math.abs(area(zonePolygon(f, km)) - area(turfZone(f.geometry.coordinates, km))) / area(turfZone(f.geometry.coordinates, km))).toBeLessThan(1e-6);
		}
	});
});

describe('zonePolygon where circles meet at a vertex', () => {
	it('a base named twice is one circle', () => {
		const zone = zonePolygon(
			multi([
				[22.02, 50.11],
				[22.02, 50.11]
			]),
			300
		);
		expect(zone.geometry.type).toBe('Polygon');
		expect(area(zone)).toBeCloseTo(area(circle([22.02, 50.11], 300, { steps: 96, units: 'kilometers' })), -3);
	});

	it('two circles that touch at a vertex of each: the same area as turf union, without its clipper', () => {
		// on the equator, 300 km east and west of 0°: each circle's vertex due east or west is the point they touch
		const a = destination([0, 0], 300, 90, { units: 'kilometers' }).geometry.coordinates[0];
		const centres = [
			[-a, 0],
			[a, 0]
		];
		const zone = zonePolygon(multi(centres), 300);
		expect(Math.abs(area(zone) - area(turfZone(centres, 300))) / area(turfZone(centres, 300))).toBeLessThan(1e-6);
		for (const p of centres) expect(booleanPointInPolygon(p, zone)).toBe(true);
	});
});
