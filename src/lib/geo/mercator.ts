// Web Mercator as maplibre draws it: the one projection the live map, the static map and the
// exported image share. Pure, so each is fixture-tested.
import type { Position } from 'geojson';

/** maplibre's world is 512 px wide at zoom 0. */
export const WORLD_PX = 512;
/** Web Mercator stops here: a latitude past it has no place on the map. */
export const MAX_LATITUDE = 85.051129;

/**
 * A point's place in the world square, as fractions of its side: x 0 at 180° W, y 0 at the top.
 *
 * @example
 * mercator([0, 0]) // [0.5, 0.5]
 */
export function mercator([lng, lat]: Position): [x: number, y: number] {
	const phi = (Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)) * Math.PI) / 180;
	return [(lng + 180) / 360, 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)];
}

/** The latitude at `y` (a fraction of the world square's side, 0 at the top): `mercator`'s inverse. */
export const latitudeAt = (y: number): number => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;
