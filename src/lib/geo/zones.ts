import circle from '@turf/circle';
import union from '@turf/union';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';
import { Degenerate, signedArea, unionOf } from './edgeOverlay';

/**
 * A patrol or coverage zone: the area within `radiusKm` of any of the feature's points
 * (a geodesic circle of `steps` vertices around each, unioned when there are several).
 *
 * @example
 * zonePolygon(point([22.02, 50.11]), 300) // the area within 300 km of Rzeszów-Jasionka
 */
export function zonePolygon<P>(
	feature: Feature<Point | MultiPoint, P>,
	radiusKm: number,
	options: { steps?: number } = {}
): Feature<Polygon | MultiPolygon, P> {
	const steps = options.steps ?? 96;
	const centres = feature.geometry.type === 'Point' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
	const circles = centres.map((c) => circle(c, radiusKm, { steps, units: 'kilometers' }));
	const geometry = circles.length === 1 ? circles[0].geometry : unionOfCircles(circles);
	return { type: 'Feature', properties: feature.properties, geometry };
}

/**
 * The edge overlay's union (about a millisecond), turf's where circles meet degenerately: turf's
 * exact clipper took ~150 ms of the page's main thread for the three two-base patrol zones, on
 * every load, though the layer starts hidden.
 */
function unionOfCircles(circles: Feature<Polygon>[]): Polygon | MultiPolygon {
	try {
		const rings = circles.map((c) => c.geometry.coordinates[0]).map((r) => (signedArea(r) < 0 ? [...r].reverse() : r));
		const unioned = unionOf(rings);
		if (unioned) return unioned;
	} catch (error) {
		if (!(error instanceof Degenerate)) throw error;
	}
	return union({ type: 'FeatureCollection', features: circles } as FeatureCollection<Polygon>)!.geometry;
}
