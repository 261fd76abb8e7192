import type { FeatureCollection, Geometry, Position } from 'geojson';

// Europe as the atlas's layers reach it: Iceland and Portugal to the Urals, Crete to the North Cape
const EUROPE = { west: -25, east: 60, south: 34, north: 72 };

const inEurope = ([x, y]: Position) => x >= EUROPE.west && x <= EUROPE.east && y >= EUROPE.south && y <= EUROPE.north;

/**
 * The first position of a collection whose positions all land in Europe only with longitude and
 * latitude swapped, or null. Written latitude first, Kyiv's [50.45, 30.52] is a point in Iraq,
 * Warsaw's [52.23, 21.01] one in Iran: every one valid, so no range check catches the file.
 * A collection all of whose points could be read either way (around 40°N, 40°E) is left alone.
 *
 * @example
 * swappedAxes(featureCollection([point([50.45, 30.52]), point([52.23, 21.01])])) // [50.45, 30.52]
 */
export function swappedAxes(collection: FeatureCollection): Position | null {
	const all = collection.features.flatMap((f) => (f.geometry ? positionsOf(f.geometry) : []));
	if (all.length === 0 || !all.every(([x, y]) => inEurope([y, x]))) return null;
	return all.every(inEurope) ? null : all[0];
}

function positionsOf(geometry: Geometry): Position[] {
	if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positionsOf);
	const walk = (c: unknown): Position[] => (Array.isArray(c) && typeof c[0] === 'number' ? [c as Position] : Array.isArray(c) ? c.flatMap(walk) : []);
	return walk(geometry.coordinates);
}
