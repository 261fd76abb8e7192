import type { LineString, MultiLineString, MultiPolygon, Polygon } from 'geojson';
import area from '@turf/area';
import { lineLengthKm } from './lineLength';

/** Area in square kilometres (geodesic, turf). */
export const areaKm2 = (geometry: Polygon | MultiPolygon) => area(geometry) / 1e6;

export type MetricInputs = {
	ukraine: Polygon | MultiPolygon;
	kosovo: Polygon | MultiPolygon;
	contactLine: LineString | MultiLineString;
	occupied: Polygon | MultiPolygon;
};

/** The atlas's own measurements, named so that claims can be checked against them. */
export type GeoMetrics = {
	contactLineKm: number;
	ukraineKm2: number;
	kosovoKm2: number;
	ukraineToKosovo: number;
	occupiedKm2: number;
	occupiedSharePct: number;
};

/**
 * Everything the claims panel computes from geometry, in one place.
 *
 * @example
 * atlasMetrics({ ukraine, kosovo, contactLine, occupied }).ukraineToKosovo // about 55
 */
export function atlasMetrics(inputs: MetricInputs): GeoMetrics {
	const ukraineKm2 = areaKm2(inputs.ukraine);
	const kosovoKm2 = areaKm2(inputs.kosovo);
	const occupiedKm2 = areaKm2(inputs.occupied);
	return {
		contactLineKm: lineLengthKm(inputs.contactLine),
		ukraineKm2,
		kosovoKm2,
		ukraineToKosovo: ukraineKm2 / kosovoKm2,
		occupiedKm2,
		occupiedSharePct: (occupiedKm2 / ukraineKm2) * 100
	};
}
