import area from '@turf/area';
import difference from '@turf/difference';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

export type Change = 'gained' | 'lost';
export type ChangeProperties = { change: Change; areaKm2: number };

/**
 * What the occupier gained and lost between two occupied areas: `after` less `before` is gained,
 * `before` less `after` is lost (turf difference, geodesic turf area in km²). A side with
 * nothing in it has no feature, and 0 km².
 *
 * @example
 * const { gainedKm2, lostKm2, changes } = areaChange(august, september);
 */
export function areaChange(
	before: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon,
	after: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon
): { gainedKm2: number; lostKm2: number; changes: FeatureCollection<Polygon | MultiPolygon, ChangeProperties> } {
	const asFeature = (g: typeof before): Feature<Polygon | MultiPolygon> => (g.type === 'Feature' ? g : { type: 'Feature', properties: {}, geometry: g });
	const side = (from: typeof before, less: typeof before, change: Change): Feature<Polygon | MultiPolygon, ChangeProperties> | null => {
		const rest = difference({ type: 'FeatureCollection', features: [asFeature(from), asFeature(less)] });
		if (!rest) return null;
		return { type: 'Feature', properties: { change, areaKm2: area(rest) / 1e6 }, geometry: rest.geometry };
	};
	const gained = side(after, before, 'gained');
	const lost = side(before, after, 'lost');
	return {
		gainedKm2: gained?.properties.areaKm2 ?? 0,
		lostKm2: lost?.properties.areaKm2 ?? 0,
		changes: { type: 'FeatureCollection', features: [gained, lost].filter((f) => f !== null) }
	};
}
