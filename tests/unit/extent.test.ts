import { describe, expect, it } from 'vitest';
import circle from '@turf/circle';
import { extentKm2 } from '../../src/lib/geo/extent';
import { boxFeature } from './boxes';

describe('extentKm2: how large a shape looks, for preferring the smaller of overlapping areas', () => {
	it('is the ground area of the bounding box', () => {
		expect(
			extentKm2({
				type: 'Polygon',
				coordinates: [
					[
						[0, 0],
						[1, 0],
						[1, 1],
						[0, 1],
						[0, 0]
					]
				]
			})
		).toBeCloseTo(12_308, -1);
		expect(extentKm2({ type: 'Point', coordinates: [30, 50] })).toBe(0);
		expect(extentKm2(null)).toBe(0);
	});

	it('ranks Poland inside a 465 km patrol circle as the smaller, as a reader clicking Poland expects', () => {
		const poland = boxFeature(14.1, 49.0, 24.15, 54.85).geometry;
		const zone = circle([21.5, 52], 465, { units: 'kilometers', steps: 64 }).geometry;
		expect(extentKm2(poland)).toBeLessThan(extentKm2(zone));
	});
});
