import centroid from '@turf/centroid';
import pointOnFeature from '@turf/point-on-feature';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import bboxClip from '@turf/bbox-clip';
import area from '@turf/area';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { BBox } from './types';

export type CountryProps = { name: string; id: string | null };

/**
 * One label point per country: the centroid of its largest part inside `view` (so Russia's
 * label sits in European Russia, France's in the Hexagon), moved onto the land if the centroid
 * falls outside it (crescent shapes such as Croatia). Countries with nothing inside `view` get
 * no label.
 *
 * @example
 * const labels = labelPoints(countries, [-25, 33, 50, 71]);
 */
export function labelPoints(
	countries: FeatureCollection<Polygon | MultiPolygon, CountryProps>,
	view: BBox
): FeatureCollection<Point, CountryProps & { area: number }> {
	const features: Feature<Point, CountryProps & { area: number }>[] = [];
	for (const country of countries.features) {
		const clipped = bboxClip(country, view).geometry as Polygon | MultiPolygon;
		const parts: Position[][][] = clipped.type === 'Polygon' ? [clipped.coordinates] : clipped.coordinates;
		const polygons = parts
			.filter((p) => p.length > 0 && p[0].length >= 4)
			.map((p) => ({
				type: 'Feature' as const,
				properties: {},
				geometry: { type: 'Polygon' as const, coordinates: p }
			}));
		if (polygons.length === 0) continue;
		const sized = polygons.map((p) => ({ p, a: area(p) })).sort((x, y) => y.a - x.a);
		const largest = sized[0].p;
		let point = centroid(largest);
		if (!booleanPointInPolygon(point, largest)) point = pointOnFeature(largest);
		features.push({
			type: 'Feature',
			properties: { ...country.properties, area: Math.round(sized.reduce((s, x) => s + x.a, 0) / 1e6) },
			geometry: point.geometry
		});
	}
	return { type: 'FeatureCollection', features };
}
