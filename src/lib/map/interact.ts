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

/** A place and zoom; a scene's also names its `subject`, the box of what it shows. */
export type Camera = { center: [number, number]; zoom: number; subject?: [number, number, number, number] };
/** How much of the map, in CSS pixels from each edge, panels hide (a phone's sheet and the tour's caption). */
export type Insets = { top: number; bottom: number; left: number; right: number };

const hides = (covered?: Insets): covered is Insets => !!covered && covered.top + covered.bottom + covered.left + covered.right > 0;
// room kept around a framed box: the map's edge, and on the right its zoom buttons
const padding = (covered: Insets = { top: 0, bottom: 0, left: 0, right: 0 }, margin = 40) => ({
	top: covered.top + margin,
	bottom: covered.bottom + margin,
	left: covered.left + margin,
	right: covered.right + margin
});

/**
 * Moves the camera; with `animate` false (reduced motion) it jumps. Where panels hide part of the
 * map, a scene's subject is framed in the part left (never closer than the scene's own zoom), so a
 * phone shows above its sheet what a desktop shows.
 */
export function flyTo(map: MaplibreMap, camera: Camera, animate: boolean, covered = coveredInsets(map.getContainer())): void {
	const { subject, ...to } = camera;
	if (subject && hides(covered)) return void map.fitBounds(subject, { padding: padding(covered, 24), maxZoom: to.zoom, duration: animate ? 1800 : 0 });
	if (animate) map.flyTo({ ...to, duration: 1800 });
	else map.jumpTo(to);
}

/** Frames a feature's bounding box (a point gets a fixed zoom) in the part of the map no panel hides. */
export function frame(map: MaplibreMap, bbox: [number, number, number, number], animate: boolean, covered = coveredInsets(map.getContainer())): void {
	const [w, s, e, n] = bbox;
	if (w === e && s === n) {
		const zoom = Math.max(map.getZoom(), 6);
		if (!hides(covered)) return flyTo(map, { center: [w, s], zoom }, animate, covered);
		// the point in the middle of what is left of the map
		// (an offset, not maplibre's padding, which would stay on the map after the move)
		const offset: [number, number] = [(covered.left - covered.right) / 2, (covered.top - covered.bottom) / 2];
		return void map.easeTo({ center: [w, s], zoom, offset, duration: animate ? 1500 : 0 });
	}
	map.fitBounds([w, s, e, n], { padding: padding(covered), maxZoom: 7, duration: animate ? 1500 : 0 });
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

/**
 * How much of the map the panels marked `data-covers-map` hide, from the top and the bottom: only
 * those across most of its width, a phone's sheet and the tour's caption. A side panel
 * leaves the framing as the scene was written. A sheet on its way to a new height (its
 * `--sheet-share` of the page) counts at the height it is going to.
 */
export function coveredInsets(container: HTMLElement): Insets {
	const box = container.getBoundingClientRect();
	const insets = { top: 0, bottom: 0, left: 0, right: 0 };
	for (const el of document.querySelectorAll<HTMLElement>('[data-covers-map]')) {
		const r = el.getBoundingClientRect();
		if (r.height === 0 || r.width < box.width * 0.6) continue;
		if (el.dataset.coversMap === 'bottom') {
			const share = parseFloat(getComputedStyle(el).getPropertyValue('--sheet-share'));
			const height = share > 0 && el.offsetParent ? share * el.offsetParent.clientHeight : r.height;
			insets.bottom = Math.max(insets.bottom, Math.min(box.height, height));
		} else insets.top = Math.max(insets.top, Math.max(0, r.bottom - box.top));
	}
	// a phone's zoom buttons sit on the map's right edge
	if (insets.top + insets.bottom > 0) insets.right = 44;
	return insets;
}
