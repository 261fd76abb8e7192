import circle from '@turf/circle';
import destination from '@turf/destination';
import type { Feature, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
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
	const all = feature.geometry.type === 'Point' ? [feature.geometry.coordinates] : feature.geometry.coordinates;
	// a base named twice is one circle (two identical rings would share every edge)
	const centres = all.filter((c, i) => all.findIndex((d) => d[0] === c[0] && d[1] === c[1]) === i);
	const geometry = centres.length === 1 ? circle(centres[0], radiusKm, { steps, units: 'kilometers' }).geometry : unionOfCircles(centres, radiusKm, steps);
	return { type: 'Feature', properties: feature.properties, geometry };
}

/** Where the union of the rings meets a vertex: the other circles' vertices are turned by these shares of a step. */
const PHASES = [0, 0.5, 0.25, 0.75];

/**
 * The edge overlay's union (about a millisecond). Where two circles meet at a vertex (the overlay
 * cannot split an edge there), the circles after the first are drawn again with their vertices
 * turned part of a step along the circle: the same circles, drawn as exactly, that meet between
 * vertices. turf's exact clipper (polyclip-ts) took ~150 ms of the page's main thread for the three
 * two-base patrol zones, and 13 KB gzip of the JavaScript every page loads, for this one case.
 */
function unionOfCircles(centres: Position[], radiusKm: number, steps: number): Polygon | MultiPolygon {
	let last: Degenerate | undefined;
	for (const phase of PHASES) {
		const rings = centres.map((c, i) => ring(c, radiusKm, steps, i === 0 ? 0 : phase));
		try {
			const unioned = unionOf(rings.map((r) => (signedArea(r) < 0 ? [...r].reverse() : r)));
			if (unioned) return unioned as Polygon | MultiPolygon;
		} catch (error) {
			if (!(error instanceof Degenerate)) throw error;
			last = error;
		}
	}
	throw last ?? new Degenerate('no union of the circles');
}

/** turf's circle (its bearings, from north anticlockwise), its vertices turned `phase` of a step. */
function ring(centre: Position, radiusKm: number, steps: number, phase: number): Position[] {
	if (phase === 0) return circle(centre, radiusKm, { steps, units: 'kilometers' }).geometry.coordinates[0];
	const coordinates: Position[] = [];
	for (let i = 0; i < steps; i++) coordinates.push(destination(centre, radiusKm, ((i + phase) * -360) / steps, { units: 'kilometers' }).geometry.coordinates);
	coordinates.push(coordinates[0]);
	return coordinates;
}
