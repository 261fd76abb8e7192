// What the map does once its data is in: picking what is under the pointer, the coverage wash,
// the highlight ring, camera moves and view reports. Loaded with the data layers' style code, so
// none of it is fetched before the first paint. Only AtlasMap calls these.
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap, PointLike } from 'maplibre-gl';
import type { FeaturePick } from './atlasMap';
import type { CountryFill } from './styleLayers';
import { LABELS_START } from './basemap';

/**
 * Every feature under the pointer, topmost first: deck.gl's point (it draws above every maplibre
 * layer), then maplibre's features, one per feature however many style layers draw it, then the
 * choropleth row colouring the country (the land under every other layer).
 */
export function picksAt(map: MaplibreMap, point: PointLike, layers: string[], onDeck: FeaturePick | null, fills: Map<string, CountryFill>): FeaturePick[] {
	const hits = onDeck || !layers.length ? [] : map.queryRenderedFeatures(point, { layers });
	const picks: FeaturePick[] = onDeck ? [onDeck] : [];
	const seen = new Set<string>();
	for (const hit of hits) {
		const layerId = hit.layer.id.split(':')[0];
		// a feature from a tile has no index into the layer's data: it brings its properties along
		const index = hit.properties._i === undefined ? -1 : Number(hit.properties._i);
		// a feature drawn by two style layers (a zone's fill and edge) is one feature
		const key = `${layerId}\n${index >= 0 ? index : JSON.stringify(hit.properties)}`;
		if (seen.has(key)) continue;
		seen.add(key);
		picks.push({ layerId, index, properties: hit.properties });
	}
	if (fills.size > 0) {
		const land = map.queryRenderedFeatures(point, { layers: ['land'] })[0];
		const fill = land ? fills.get(String(land.properties.iso)) : undefined;
		if (fill) picks.push({ layerId: fill.layerId, index: fill.index });
	}
	return picks;
}

/** Draws (or, with null, empties) the coverage wash under every line and point, so they stay readable on it. */
export function drawCoverage(map: MaplibreMap, covered: GeoJSON.Feature | null, layers: LayerSpecification[]): void {
	const source = map.getSource('coverage') as GeoJSONSource | undefined;
	// nothing to draw and nothing drawn: no source, so no style change and no frame
	if (!source && !covered) return;
	const data = covered ?? { type: 'FeatureCollection' as const, features: [] };
	if (source) return void source.setData(data);
	map.addSource('coverage', { type: 'geojson', data });
	const firstMark = map.getLayersOrder().find((id) => /:(casing|line|circle)$/.test(id) || id.startsWith('deck-layer-group'));
	for (const layer of layers) map.addLayer(layer, firstMark ?? LABELS_START);
}

/** A ring around one place (the feature a keyboard user is on, the point whose card is open), or none. */
export function drawHighlight(map: MaplibreMap, at: [number, number] | null): void {
	const data: GeoJSON.FeatureCollection = {
		type: 'FeatureCollection',
		features: at ? [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: at } }] : []
	};
	const source = map.getSource('highlight') as GeoJSONSource | undefined;
	if (!source && !at) return;
	if (source) return void source.setData(data);
	map.addSource('highlight', { type: 'geojson', data });
	map.addLayer({
		id: 'highlight',
		type: 'circle',
		source: 'highlight',
		paint: { 'circle-radius': 14, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#d53f8c', 'circle-stroke-width': 3 }
	});
}

/** Moves the camera; with `animate` false (reduced motion) it jumps. */
export function flyTo(map: MaplibreMap, camera: { center: [number, number]; zoom: number }, animate: boolean): void {
	if (animate) map.flyTo({ ...camera, duration: 1800 });
	else map.jumpTo(camera);
}

/** Frames a feature's bounding box (a point gets a fixed zoom). */
export function frame(map: MaplibreMap, bbox: [number, number, number, number], animate: boolean): void {
	const [w, s, e, n] = bbox;
	if (w === e && s === n) return flyTo(map, { center: [w, s], zoom: Math.max(map.getZoom(), 6) }, animate);
	map.fitBounds([w, s, e, n], { padding: 40, maxZoom: 7, duration: animate ? 1500 : 0 });
}

export type View = { lng: number; lat: number; zoom: number; bbox: [number, number, number, number] };

/** Calls `onChange` with the view now and after every move; returns the unsubscribe. */
export function watchView(map: MaplibreMap, onChange: (view: View) => void): () => void {
	const report = () => {
		const { lng, lat } = map.getCenter();
		const b = map.getBounds();
		onChange({ lng, lat, zoom: map.getZoom(), bbox: [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()] });
	};
	map.on('moveend', report);
	report();
	return () => void map.off('moveend', report);
}
