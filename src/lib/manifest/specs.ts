import { isTiled } from './files';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Point, Polygon } from 'geojson';
import { zonePolygon } from '../geo/zones';
import { lineLengthKm } from '../geo/lineLength';
import type { LoadedLayer } from './load';
import type { LayerDef } from './schema';

export type LegendEntry = { label: string; color: string; count: number; value?: string };

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

export const DEFAULT_COLOR = '#2b6cb0';
export const UNCLASSIFIED = '#9aa5b1';

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
	return { id: def.id, def, display, offMap, legend: legendFor(def, layer.data.features), color: def.style.color ?? DEFAULT_COLOR, ...(tiled ? { tiled } : {}) };
}

/** Legend rows: one per category with how many features fall in it (on or off the map), or one row. */
export function legendFor(def: LayerDef, features: Feature[]): LegendEntry[] {
	const by = def.style.by;
	if (!by) return [{ label: def.legend?.label ?? def.title, color: def.style.color ?? DEFAULT_COLOR, count: features.length }];
	const counts = new Map<string, number>();
	for (const f of features) {
		const value = String(f.properties?.[by.property]);
		counts.set(value, (counts.get(value) ?? 0) + 1);
	}
	const entries: LegendEntry[] = by.categories.map((c) => ({ label: c.label, color: c.color, value: c.value, count: counts.get(c.value) ?? 0 }));
	const known = new Set(by.categories.map((c) => c.value));
	const other = [...counts].filter(([value]) => !known.has(value)).reduce((sum, [, n]) => sum + n, 0);
	if (other > 0) entries.push({ label: 'Unclassified', color: UNCLASSIFIED, count: other });
	return entries;
}

/** A category's legend label for a value of the layer's `by` property ("Drone", not "drone"), or null. */
export function categoryLabel(def: LayerDef, property: string, value: unknown): string | null {
	const by = def.style.by;
	return by && property === by.property ? (by.categories.find((c) => c.value === String(value))?.label ?? null) : null;
}

/** The colour a feature is drawn in, the same rule the map's style expression applies. */
export function colorOf(def: LayerDef, properties: Record<string, unknown> | null): string {
	const by = def.style.by;
	if (!by) return def.style.color ?? DEFAULT_COLOR;
	return by.categories.find((c) => c.value === String(properties?.[by.property]))?.color ?? UNCLASSIFIED;
}
