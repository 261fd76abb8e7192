import intersect from '@turf/intersect';
import area from '@turf/area';
import type { Feature, LineString, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * The part of Ukraine behind a contact line: the recognised territory on the far (east and south)
 * side of `line`, Crimea included. The line must run from the Russian border in the north to the
 * Black Sea in the south; it is closed into a polygon through points outside Ukraine (east into
 * Russia, south into the sea, `closure`), and that polygon is intersected with `ukraine`.
 * Returns null when the two do not overlap.
 *
 * @example
 * const occupied = occupiedArea(ukraine, contactLine);
 */
export function occupiedArea(
	ukraine: Polygon | MultiPolygon,
	line: LineString,
	options: { closure?: Position[] } = {}
): Feature<Polygon | MultiPolygon> | null {
	const coordinates = line.coordinates;
	const [southEndX] = coordinates[coordinates.length - 1];
	// due south of the southern end into the open sea, round the east through Russia, back to the north end
	const closure = options.closure ?? [
		[southEndX, 43.5],
		[42, 43.5],
		[42, 53],
		[coordinates[0][0] + 0.6, 53]
	];
	const ring = [...coordinates, ...closure, coordinates[0]];
	const behind: Feature<Polygon> = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [ring] } };
	return intersect({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: ukraine }, behind] });
}

/** Area in square kilometres (geodesic, turf). */
export const areaKm2 = (geometry: Polygon | MultiPolygon) => area(geometry) / 1e6;

/**
 * The occupied-area feature the atlas draws: derived from a contact-line feature and recognised
 * Ukraine, carrying the line's sources, date and grade, and its own area and share.
 */
export function occupiedFeature(ukraine: Polygon | MultiPolygon, line: Feature<LineString>): Feature<Polygon | MultiPolygon> {
	if (line.geometry?.type !== 'LineString')
		throw new Error(
			`${line.properties?.id ?? 'a feature'}: one LineString from the Russian border to the sea expected, ${line.geometry?.type ?? 'no geometry'} found`
		);
	const occupied = occupiedArea(ukraine, line.geometry);
	if (!occupied) throw new Error(`occupiedFeature: ${line.properties?.id} does not cut Ukraine`);
	const km2 = areaKm2(occupied.geometry);
	const p = line.properties ?? {};
	return {
		type: 'Feature',
		properties: {
			id: `occupied-${String(p.id).replace(/^contact-line-/, '')}`,
			name: 'Area under Russian occupation (derived from the contact line)',
			derivedFrom: p.id,
			areaKm2: Math.round(km2 / 100) * 100,
			shareOfUkraine: Math.round((km2 / areaKm2(ukraine)) * 1000) / 10,
			note: 'Computed with turf: recognised Ukraine (Natural Earth with Crimea) on the far side of the hand-traced contact line, Crimea included. As precise as the line.',
			sources: p.sources,
			confidence: p.confidence,
			asOf: p.asOf,
			approximate: true,
			precisionKm: p.precisionKm
		},
		geometry: {
			...occupied.geometry,
			coordinates: JSON.parse(JSON.stringify(occupied.geometry.coordinates, (_, v) => (typeof v === 'number' ? Math.round(v * 1e5) / 1e5 : v)))
		}
	};
}
