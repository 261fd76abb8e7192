// What the project's end-to-end tests may ask of the map, by name, with plain answers that cross
// into Playwright (numbers, strings, plain objects): the tests never hold maplibre itself, so a
// rename or a change of library is one file here and `tests/e2e/atlas.ts`, not sixty calls.
import type { Map as MaplibreMap, PointLike } from 'maplibre-gl';
import { DETAIL } from './basemap';

/** maplibre's map, as `window.__atlas.map` publishes it for QA scripts and devtools (the atlas's code outside this folder never names maplibre). */
export type PublishedMap = MaplibreMap;

/** A point in CSS pixels: on the page (`page`) or from the map canvas's top left (`canvas`). */
export type Pixel = { x: number; y: number };

/** A feature maplibre drew: its style layer, its properties, and for a point where it lies on the canvas. */
export type DrawnFeature = { layer: string; properties: Record<string, unknown>; at: Pixel | null };

export type MapTestHandle = {
	/** where the camera is, and whether it is still moving */
	camera(): { center: [number, number]; zoom: number; bearing: number; moving: boolean };
	/** sets up a view at once (no animation) and resolves once the map has drawn it */
	jumpTo(camera: { center?: [number, number]; zoom?: number }): Promise<void>;
	/** resolves after the map has drawn a fresh frame and settled */
	idle(): Promise<void>;
	/** the base map's rivers, lakes and towns are loaded for the view, and the camera rests */
	detailLoaded(): boolean;
	/** a longitude/latitude on the canvas, in CSS px from its top left */
	project(lngLat: [number, number]): Pixel;
	/** the canvas's box on the page and the panels' padding the camera centres within, CSS px */
	canvas(): { left: number; top: number; width: number; height: number; padding: { top: number; right: number; bottom: number; left: number } };
	/** the features drawn in these style layers (every layer: none named), in the whole canvas or a box of it (canvas px) */
	renderedFeatures(layers?: string[], box?: [Pixel, Pixel]): DrawnFeature[];
	/** the style layers drawn at a canvas point, topmost first */
	layersAt(at: Pixel): string[];
	/** the style's layers in drawing order, with their type and whether they are visible */
	styleLayers(): { id: string; type: string; visible: boolean }[];
	layoutProperty(layer: string, name: string): unknown;
	paintProperty(layer: string, name: string): unknown;
	filter(layer: string): unknown;
	/** whether a source's data is loaded (undefined: no such source) */
	sourceLoaded(source: string): boolean | undefined;
	/** the WebGL context is lost, as a GPU reset loses it; given back after `restoreAfterMs` (null: only by `restoreContext`) */
	loseContext(restoreAfterMs: number | null): void;
	restoreContext(): void;
	contextLost(): boolean;
	/** from now on, the zoom of every frame the map draws; `zoomsDrawn` reads them */
	recordZooms(): void;
	zoomsDrawn(): number[];
};

/** The test handle over a map: read-only but for the camera set-up and the context loss tests stage. */
export function testHandle(map: MaplibreMap): MapTestHandle {
	const gl = () => {
		const canvas = map.getCanvas();
		return (canvas.getContext('webgl2') ?? canvas.getContext('webgl'))!;
	};
	const idle = () =>
		new Promise<void>((resolve) => {
			map.once('idle', () => resolve());
			map.triggerRepaint();
		});
	const zooms: number[] = [];
	let recording = false;
	let restore = () => {};
	return {
		camera: () => {
			const { lng, lat } = map.getCenter();
			return { center: [lng, lat], zoom: map.getZoom(), bearing: map.getBearing(), moving: map.isMoving() };
		},
		jumpTo: (camera) => {
			map.jumpTo(camera);
			return idle();
		},
		idle,
		detailLoaded: () => !!map.getSource(DETAIL) && map.isSourceLoaded(DETAIL) && map.areTilesLoaded() && !map.isMoving(),
		project: (lngLat) => {
			const { x, y } = map.project(lngLat);
			return { x, y };
		},
		canvas: () => {
			const { left, top, width, height } = map.getCanvas().getBoundingClientRect();
			const { top: t = 0, right = 0, bottom = 0, left: l = 0 } = map.getPadding();
			return { left, top, width, height, padding: { top: t, right, bottom, left: l } };
		},
		renderedFeatures: (layers, box) => {
			const options = layers ? { layers } : {};
			const found = box
				? map.queryRenderedFeatures([box[0], box[1]].map(({ x, y }) => [x, y]) as [PointLike, PointLike], options)
				: map.queryRenderedFeatures(options);
			return found.map((f) => ({
				layer: f.layer.id,
				properties: { ...f.properties },
				at: f.geometry.type === 'Point' ? (({ x, y }) => ({ x, y }))(map.project(f.geometry.coordinates as [number, number])) : null
			}));
		},
		layersAt: ({ x, y }) => map.queryRenderedFeatures([x, y]).map((f) => f.layer.id),
		styleLayers: () =>
			map.getLayersOrder().map((id) => {
				const layer = map.getLayer(id)!;
				return { id, type: layer.type, visible: map.getLayoutProperty(id, 'visibility') !== 'none' };
			}),
		layoutProperty: (layer, name) => map.getLayoutProperty(layer, name),
		paintProperty: (layer, name) => map.getPaintProperty(layer, name as never),
		filter: (layer) => map.getFilter(layer),
		sourceLoaded: (source) => map.getSource(source)?.loaded(),
		loseContext: (restoreAfterMs) => {
			const lose = gl().getExtension('WEBGL_lose_context')!;
			restore = () => lose.restoreContext();
			lose.loseContext();
			if (restoreAfterMs !== null) setTimeout(restore, restoreAfterMs);
		},
		restoreContext: () => restore(),
		contextLost: () => gl().isContextLost(),
		recordZooms: () => {
			zooms.length = 0;
			if (!recording) map.on('render', () => zooms.push(map.getZoom()));
			recording = true;
		},
		zoomsDrawn: () => [...zooms]
	};
}
