// A lon/lat box as a GeoJSON polygon, for fixtures: a country, an occupied area, a front.
import type { Feature, Polygon } from 'geojson';

export const boxPolygon = (w: number, s: number, e: number, n: number): Polygon => ({
	type: 'Polygon',
	coordinates: [
		[
			[w, s],
			[e, s],
			[e, n],
			[w, n],
			[w, s]
		]
	]
});

export const boxFeature = (w: number, s: number, e: number, n: number): Feature<Polygon> => ({
	type: 'Feature',
	properties: {},
	geometry: boxPolygon(w, s, e, n)
});
