// The reference: a bare maplibre map of the atlas's base map (same TopoJSON, labels, style and
// view) with none of the app around it. The atlas is measured against this page.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle, decodeBasemap, type Basemap } from '../../src/lib/map/basemap';
import { LIGHT } from '../../src/lib/map/theme';
import { DEFAULT_VIEW } from '../../src/lib/map/view';

declare global {
	interface Window {
		__bench?: { idleAt: number; map: maplibregl.Map };
	}
}

export const json = (path: string) => fetch(path).then((r) => r.json());

/**
 * Draws the base map in #map and resolves on its first `idle`, published as `window.__bench`.
 * `addLayers`, where given, runs once the style is parsed, and the idle waited for is the first after it.
 */
export async function bareMap(addLayers?: (map: maplibregl.Map, basemap: Basemap) => Promise<void>): Promise<maplibregl.Map> {
	const [topology, labels] = await Promise.all([json('/data/basemap.topo.json'), json('/data/labels.geojson')]);
	const basemap = decodeBasemap(topology, labels);
	const style = basemapStyle(LIGHT, basemap);
	// the reference is maplibre as it comes: its default transitions, which the atlas turns off
	if (!addLayers) delete style.transition;
	const map = new maplibregl.Map({
		container: 'map',
		style,
		center: DEFAULT_VIEW.center,
		zoom: DEFAULT_VIEW.zoom
	});
	if (addLayers) {
		await new Promise<void>((resolve) => map.once('style.load', () => resolve()));
		await addLayers(map, basemap);
	}
	await new Promise<void>((resolve) => map.once('idle', () => resolve()));
	window.__bench = { idleAt: performance.now(), map };
	return map;
}
