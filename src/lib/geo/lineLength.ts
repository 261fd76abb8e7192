import length from '@turf/length';
import type { LineString, MultiLineString } from 'geojson';

/**
 * Geodesic length of a line in kilometres.
 *
 * @example
 * lineLengthKm(contactLine.geometry) // about 860 for the autumn 2025 trace
 */
export function lineLengthKm(line: LineString | MultiLineString): number {
	return length({ type: 'Feature', properties: {}, geometry: line }, { units: 'kilometers' });
}
