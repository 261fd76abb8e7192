// How large a shape looks, cheaply: the area of its bounding box on the ground. Used to prefer the
// smaller of overlapping areas under a click (a country inside a patrol zone's circle), where
// only the order matters and turf's exact area would cost a module on the viewer's first load.
import type { Geometry, Position } from 'geojson';
import type { BBox } from './types';

const KM_PER_DEGREE_LATITUDE = 110.57;
const KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.32;

/**
 * The ground area of `geometry`'s bounding box in km² (0 for a point or nothing).
 *
 * @example
 * extentKm2({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) // ≈ 12,307
 */
export function extentKm2(geometry: Geometry | null | undefined): number {
	const box = boundsOf(geometry);
	if (!box) return 0;
	const [w, s, e, n] = box;
	const midLatitude = ((s + n) / 2) * (Math.PI / 180);
	return (e - w) * KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * Math.cos(midLatitude) * (n - s) * KM_PER_DEGREE_LATITUDE;
}

/** The bounding box of one or more geometries, walking their coordinates (null where there are none). */
export function boundsOf(...geometries: (Geometry | null | undefined)[]): BBox | null {
	let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
	const visit = (c: unknown): void => {
		if (!Array.isArray(c)) return;
		if (typeof c[0] === 'number') {
			const [x, y] = c as Position;
			[w, s, e, n] = [Math.min(w, x), Math.min(s, y), Math.max(e, x), Math.max(n, y)];
		} else for (const part of c) visit(part);
	};
	const walk = (g: Geometry | null | undefined): void => {
		if (!g) return;
		if (g.type === 'GeometryCollection') g.geometries.forEach(walk);
		else visit(g.coordinates);
	};
	geometries.forEach(walk);
	return w > e ? null : [w, s, e, n];
}
