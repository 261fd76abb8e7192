import { isTiled } from './files';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';
import { zonePolygon } from '../geo/zones';
import { lineLengthKm } from '../geo/lineLength';
import type { LoadedLayer } from './load';
import type { LayerDef } from './schema';
import { DEFAULT_COLOR, legendFor, type LegendEntry } from './legend';

/** What the map draws for one manifest layer: geometry resolved, legend counted from the data. */
export type LayerSpec = {
	id: string;
	def: LayerDef;
	/** features as drawn; each carries `_i`, its index here, so a pick finds the original */
	display: FeatureCollection;
	/** sourced items with no shape on this map (Canada and Japan in a choropleth, a zone whose
	 *  place or extent is not published), listed beside the legend instead */
	offMap: Feature[];
	legend: LegendEntry[];
	color: string;
	/** drawn from a PMTiles archive: no features in hand, so no counts in the legend */
	tiled?: boolean;
};

/**
 * Turns a loaded layer into what the map draws: zones become polygons around their points,
 * choropleth rows take the shape of their country from the base map.
 */
export function layerSpec(layer: LoadedLayer, countries: FeatureCollection<Polygon | MultiPolygon, { iso: string | null }>): LayerSpec {
	const { def } = layer;
	const drawable = (f: Feature) => f.geometry !== null && (def.kind !== 'zone' || typeof f.properties?.[def.radiusProperty!] === 'number');
	let features: Feature[] = layer.data.features.filter(drawable);
	let offMap: Feature[] = layer.data.features.filter((f) => !drawable(f));
	if (def.kind === 'zone') {
		features = features.map((f) => zonePolygon(f as Feature<Point | MultiPoint>, Number(f.properties?.[def.radiusProperty!])));
	} else if (def.kind === 'choropleth') {
		features = layer.data.features;
		const shapes = new Map(countries.features.filter((c) => c.properties.iso).map((c) => [c.properties.iso!, c.geometry]));
		const onMap = features.filter((f) => shapes.has(String(f.properties?.[def.joinProperty!])));
		offMap = features.filter((f) => !onMap.includes(f));
		features = onMap.map((f) => ({ ...f, geometry: shapes.get(String(f.properties?.[def.joinProperty!]))! }));
	}
	// lines carry their computed length, so a card can set it beside the reported figures
	const computed = (f: Feature) =>
		f.geometry && (f.geometry.type === 'LineString' || f.geometry.type === 'MultiLineString') ? { lengthKm: Math.round(lineLengthKm(f.geometry)) } : {};
	const display: FeatureCollection = {
		type: 'FeatureCollection',
		features: features.map((f, i) => ({ ...f, properties: { ...f.properties, ...computed(f), _i: i } }))
	};
	const tiled = isTiled(def);
	return {
		id: def.id,
		def,
		display,
		offMap,
		legend: legendFor(def, layer.data.features),
		color: def.style.color ?? DEFAULT_COLOR,
		...(tiled ? { tiled } : {})
	};
}
