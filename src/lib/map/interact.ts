// What the map does once its data is in: picking what is under the pointer, the coverage wash,
// the highlight ring, camera moves and view reports. Loaded with the data layers' style code, so
// none of it is fetched before the first paint. Only AtlasMap calls these.
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap, PointLike } from 'maplibre-gl';
import type { FeaturePick } from './atlasMap';
import type { CountryFill } from './styleLayers';
import { LABELS_START } from './basemap';
import { fitCamera } from '../geo/camera';
import type { BBox } from '../geo/types';

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

/** A ring around one place (the feature a keyboard user is on, the point whose card is open, a place found by search, with its name), or none. */
export function drawHighlight(map: MaplibreMap, at: [number, number] | null, label: string | null = null): void {
	const data: GeoJSON.FeatureCollection = {
		type: 'FeatureCollection',
		features: at ? [{ type: 'Feature', properties: { name: label ?? '' }, geometry: { type: 'Point', coordinates: at } }] : []
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
	// a found place's name, under its ring, over every other label
	map.addLayer({
		id: 'highlight-label',
		type: 'symbol',
		source: 'highlight',
		layout: {
			'text-field': ['get', 'name'],
			'text-font': ['sans-serif'],
			'text-size': 14,
			'text-anchor': 'top',
			'text-offset': [0, 1.3],
			'text-allow-overlap': true,
			'text-ignore-placement': true
		},
		paint: { 'text-color': '#1a202c', 'text-halo-color': '#ffffff', 'text-halo-width': 2 }
	});
}

/** A place and zoom; a scene's also names its `subject`, the box of what it shows. */
export type Camera = { center: [number, number]; zoom: number; subject?: [number, number, number, number] };
/** How much of the map, in CSS pixels from each edge, panels hide (a phone's sheet and the tour's caption). */
export type Insets = { top: number; bottom: number; left: number; right: number };

const hides = (covered?: Insets): covered is Insets => !!covered && covered.top + covered.bottom + covered.left + covered.right > 0;

/**
 * Shows `box` whole in the part of the map the panels leave, `margin` px clear of its edges: the
 * camera is computed (geo's `fitCamera`) and the covered insets become the map's padding, so the box
 * lands in the middle of what a reader sees. maplibre's own fitBounds adds its padding to the map's
 * (the phone's start-up padding for the sheet), which counted the sheet twice and, with the tour's
 * caption, left no room: the camera then fell to zoom 2 or did not move at all.
 */
function fitIn(
	map: MaplibreMap,
	box: BBox,
	covered: Insets,
	{ maxZoom, minZoom, margin, duration }: { maxZoom: number; minZoom?: number; margin: number; duration: number }
): void {
	// where no panel lies across the map, the map's own padding (a wide screen's side panel) stays
	const { top = 0, bottom = 0, left = 0, right = 0 } = map.getPadding();
	const padding = hides(covered) ? covered : { top, bottom, left, right };
	const { clientWidth, clientHeight } = map.getContainer();
	const width = clientWidth - padding.left - padding.right - 2 * margin;
	const height = clientHeight - padding.top - padding.bottom - 2 * margin;
	const { center, zoom } = fitCamera(box, width, height, { maxZoom, minZoom: Math.max(map.getMinZoom(), minZoom ?? 0) });
	const camera = { center, zoom, padding };
	if (duration > 0) map.flyTo({ ...camera, duration });
	else map.jumpTo(camera);
}

/** How far out a scene may be shown on a small screen: about two zoom levels from the zoom it was written for. */
const SCENE_ZOOM_SPAN = 2;

/**
 * Moves the camera; with `animate` false (reduced motion) it jumps. Where panels hide part of the
 * map, a scene's subject is framed in the part left (never closer than the scene's own zoom, nor
 * more than two levels further out), so a phone shows above its sheet what a desktop shows.
 */
export function flyTo(map: MaplibreMap, camera: Camera, animate: boolean, covered = coveredInsets(map.getContainer())): void {
	const { subject, ...to } = camera;
	if (subject && hides(covered))
		return fitIn(map, subject, covered, { maxZoom: to.zoom, minZoom: to.zoom - SCENE_ZOOM_SPAN, margin: 12, duration: animate ? 1800 : 0 });
	if (animate) map.flyTo({ ...to, duration: 1800 });
	else map.jumpTo(to);
}

/** Frames a feature's bounding box (a point gets at least zoom 6) in the part of the map no panel hides. */
export function frame(map: MaplibreMap, bbox: BBox, animate: boolean, covered = coveredInsets(map.getContainer())): void {
	const [w, s, e, n] = bbox;
	const maxZoom = w === e && s === n ? Math.max(map.getZoom(), 6) : 7;
	fitIn(map, bbox, covered, { maxZoom, margin: 40, duration: animate ? 1500 : 0 });
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

/** A window this short or shorter (CSS px) is a phone held sideways: every panel over the map counts. */
const SHORT_SCREEN_PX = 500;

/**
 * How much of the map the panels marked `data-covers-map` hide, from the top and the bottom: only
 * those across most of its width, a phone's sheet and the tour's caption. A side panel
 * leaves the framing as the scene was written. A sheet on its way to a new height (its
 * `--sheet-share` of the page) counts at the height it is going to.
 */
function coveredInsets(container: HTMLElement): Insets {
	const box = container.getBoundingClientRect();
	const insets = { top: 0, bottom: 0, left: 0, right: 0 };
	// a short screen (a phone held sideways) has no room to spare: its side panel and caption count too
	const short = box.height <= SHORT_SCREEN_PX;
	for (const el of document.querySelectorAll<HTMLElement>('[data-covers-map]')) {
		const r = el.getBoundingClientRect();
		if (r.height === 0) continue;
		if (r.width < box.width * 0.6) {
			if (!short) continue;
			if (r.left > box.left + box.width / 2) insets.right = Math.max(insets.right, box.right - r.left);
			else if (r.top < box.top + box.height / 2) insets.top = Math.max(insets.top, Math.max(0, r.bottom - box.top));
			continue;
		}
		if (el.dataset.coversMap === 'bottom') {
			const share = parseFloat(getComputedStyle(el).getPropertyValue('--sheet-share'));
			const height = share > 0 && el.offsetParent ? share * el.offsetParent.clientHeight : r.height;
			insets.bottom = Math.max(insets.bottom, Math.min(box.height, height));
		} else insets.top = Math.max(insets.top, Math.max(0, r.bottom - box.top));
	}
	// a phone's zoom buttons sit on the map's right edge
	if (insets.top + insets.bottom > 0) insets.right = Math.max(insets.right, 44);
	return insets;
}
