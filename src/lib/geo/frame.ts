// What an exported image or a scene on a phone frames: the data a reader sees on the map, not the
// empty land or sea around it. The countries a choropleth colours are context and frame nothing
// (the coalition's members reach from Canada to Japan); the rest is cut to the view, so a reader
// who zoomed in on the front exports the front.
import bbox from '@turf/bbox';
import type { Feature, Geometry } from 'geojson';
import type { BBox } from './types';

type FramedLayer = { kind: string; features: Feature[] };

/** The box of what the layers draw inside the view, or null where they draw nothing there (the image then frames the view). */
export function dataFrame(layers: FramedLayer[], view: BBox): BBox | null {
	let box: BBox | null = null;
	for (const layer of layers) {
		if (layer.kind === 'choropleth') continue;
		for (const f of layer.features) {
			if (!f.geometry) continue;
			const [w, s, e, n] = bbox(f) as BBox;
			// the part of it inside the view
			const cut: BBox = [Math.max(w, view[0]), Math.max(s, view[1]), Math.min(e, view[2]), Math.min(n, view[3])];
			if (cut[0] > cut[2] || cut[1] > cut[3]) continue;
			box = box ? [Math.min(box[0], cut[0]), Math.min(box[1], cut[1]), Math.max(box[2], cut[2]), Math.max(box[3], cut[3])] : cut;
		}
	}
	return box;
}

/**
 * The features with a shape that reaches into `box`, by the bounding box of each of their parts: a
 * country whose territories lie across the world (France's, the United States') is in the box
 * only where one of its parts is.
 */
export function featuresIn(features: Feature[], box: BBox): Feature[] {
	const overlaps = (g: Geometry) => {
		const [w, s, e, n] = bbox(g) as BBox;
		return w <= box[2] && e >= box[0] && s <= box[3] && n >= box[1];
	};
	return features.filter((f) => f.geometry !== null && partsOf(f.geometry).some(overlaps));
}

/** A geometry's parts: each polygon of a MultiPolygon, each line, each point, each member of a collection. */
function partsOf(g: Geometry): Geometry[] {
	switch (g.type) {
		case 'MultiPolygon':
			return g.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
		case 'MultiLineString':
			return g.coordinates.map((coordinates) => ({ type: 'LineString', coordinates }));
		case 'MultiPoint':
			return g.coordinates.map((coordinates) => ({ type: 'Point', coordinates }));
		case 'GeometryCollection':
			return g.geometries.flatMap(partsOf);
		default:
			return [g];
	}
}

/** The bounding box of several geometries (a layer's features), or null where none has a shape. */
export function boundsOf(...geometries: (Feature['geometry'] | null | undefined)[]): BBox | null {
	let box: BBox | null = null;
	for (const geometry of geometries) {
		if (!geometry) continue;
		const [w, s, e, n] = bbox(geometry) as BBox;
		box = box ? [Math.min(box[0], w), Math.min(box[1], s), Math.max(box[2], e), Math.max(box[3], n)] : [w, s, e, n];
	}
	return box;
}
