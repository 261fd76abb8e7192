import maplibregl, { type Map as MaplibreMap } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LayerSpec } from '../manifest/specs';
import { basemapStyle, type Basemap, type MapLanguage } from './basemap';
import { LIGHT, type Theme } from './theme';
import type { Camera, View } from './interact';
import type { MapLayers } from './mapLayers';
import { DEFAULT_VIEW } from './view';
import { PHONE_MAX_PX } from '../design/layout';
import { BASE_MAP_CREDIT } from '../design/credit';
import type { Month } from '../time/timeline';
import type { Problem } from '../manifest/errors';
import type { ExportFrame } from './snapshot';
import type { MapTestHandle } from './testHandle';

/** A feature under the pointer: its layer and its index in that layer's `display`. */
export type FeaturePick = { layerId: string; index: number; properties?: Record<string, unknown> };
/** Every feature under the pointer, the topmost first (none: an empty list); the viewer decides which to show. */
export type PickHandler = (picks: FeaturePick[], how: 'hover' | 'click') => void;

export type AtlasMapOptions = {
	container: HTMLElement;
	basemap: Basemap;
	theme?: Theme;
	center?: [number, number];
	zoom?: number;
	onPick: PickHandler;
	/** each distinct error maplibre reports (a layer its worker could not take, a tile that failed), naming the layer */
	onError?: (problem: Problem) => void;
	/** one finger scrolls the page, two move the map (for embeds in articles) */
	cooperativeGestures?: boolean;
	/** screen space taken by panels over the map, so the view centres in what stays visible */
	padding?: { top: number; right: number; bottom: number; left: number };
	/** the absolute address geodata/ is served from, for layers read tile by tile (.pmtiles) */
	geodataUrl?: string;
	/** the base map's credit in the reader's language (English unless given); `setAttribution` changes it */
	attribution?: string;
	/** maplibre's own control labels and hints in the reader's language, by maplibre's string ids */
	locale?: Record<string, string>;
	/** the language of the map's own labels (countries, towns, rivers); `setLanguage` changes it */
	language?: MapLanguage;
	/** the base map's rivers, lakes and towns, as a PMTiles archive on the site's origin (none: the map has none) */
	detailUrl?: string;
	/** the WebGL context was lost and not given back within a few seconds (true), or came back after that (false) */
	onContextGone?: (gone: boolean) => void;
};

/**
 * The one place that owns maplibre and deck.gl: creates the map over the local base map, adds
 * and removes manifest layers, reports picks. Only the base map is drawn from here: the data
 * layers, picking, camera moves and the rest are `MapLayers`, whose code loads while the base map
 * draws, so none of it is fetched before the first paint. Calls wait for it, in the order made.
 */
export class AtlasMap {
	// maplibre's map stays in here: what the atlas and its tests need of it is a method below
	readonly #map: MaplibreMap;
	private readonly layers: Promise<MapLayers>;
	private attribution: import('maplibre-gl').AttributionControl | null = null;

	private constructor(map: MaplibreMap, options: AtlasMapOptions) {
		this.#map = map;
		const onError = options.onError;
		this.layers = import('./mapLayers').then(({ MapLayers }) => new MapLayers(map, maplibregl, options));
		if (onError) {
			const seen = new Set<string>();
			// passed on once each: a failing tile would otherwise repeat its notice at every frame; the
			// reading of an error loads with the first one (none is expected before the first paint)
			map.on(
				'error',
				(e) =>
					void Promise.all([import('./mapError'), this.layers]).then(([{ problemOfMapError }, layers]) => {
						const problem = problemOfMapError(e, layers.specs, layers.styles.sourceId);
						const key = `${problem.layer}\n${problem.message}`;
						if (seen.has(key)) return;
						seen.add(key);
						onError(problem);
					})
			);
		}
	}

	static async create(options: AtlasMapOptions): Promise<AtlasMap> {
		const map = new maplibregl.Map({
			container: options.container,
			style: basemapStyle(options.theme ?? LIGHT, options.basemap, options.language ?? 'en'),
			center: options.center ?? DEFAULT_VIEW.center,
			zoom: options.zoom ?? DEFAULT_VIEW.zoom,
			minZoom: 2,
			maxZoom: 11,
			// added below, by setAttribution, so that a change of language can replace it
			attributionControl: false,
			cooperativeGestures: options.cooperativeGestures ?? false,
			locale: options.locale,
			dragRotate: false,
			pitchWithRotate: false,
			touchPitch: false,
			// labels that gain or lose their place show at once: maplibre's 300 ms fade redraws the
			// whole map for each of its frames (3 a repaint under software rendering, 1 without it)
			fadeDuration: 0
		});
		map.touchZoomRotate.disableRotation();
		if (options.padding) map.setPadding(options.padding);
		map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
		const atlas = new AtlasMap(map, options);
		atlas.setAttribution(options.attribution ?? BASE_MAP_CREDIT);
		// data layers can be added once the style is parsed: their sources then load beside the
		// base map's instead of after its first full draw, and the map reaches idle once, not twice
		await new Promise<void>((resolve) => map.once('style.load', () => resolve()));
		return atlas;
	}

	/** Writes the map's labels (countries, towns, rivers, the points' names) in another language. */
	setLanguage(language: MapLanguage): void {
		void this.layers.then((l) => l.setLanguage(language));
	}

	/** Names the points of these layers at any zoom (a tour scene about them), the others from their usual zoom. */
	setNamed(layerIds: readonly string[]): void {
		void this.layers.then((l) => l.setNamed(layerIds));
	}

	/**
	 * Replaces the layers, drawn in order under the country labels. A layer passed again as the
	 * same object stays as it is, so an editor's draft changing redraws the draft alone.
	 */
	setLayers(specs: LayerSpec[], shown: ReadonlySet<string>): Promise<void> {
		return this.layers.then((l) => l.setLayers(specs, shown));
	}

	/** Shows dated events up to the end of `until` (null: all of them); undated features stay. */
	setTime(until: Month | null): void {
		void this.layers.then((l) => l.setTime(until));
	}

	/** Draws exactly the layers named, hiding the rest: what changed is all that is touched. */
	show(shown: ReadonlySet<string>): void {
		void this.layers.then((l) => l.show(shown));
	}

	/** Draws (or, with null, removes) the coverage the panel computed, under the labels. */
	setCoverage(covered: GeoJSON.Feature | null): Promise<void> {
		return this.layers.then((l) => l.setCoverage(covered));
	}

	/** Calls `onChange` with the view (centre, zoom, bounds) now and after every move; returns the unsubscribe. */
	onViewChange(onChange: (view: View) => void): () => void {
		let stop = () => {};
		let stopped = false;
		void this.layers.then((l) => stopped || (stop = l.interact.watchView(this.#map, onChange)));
		return () => ((stopped = true), stop());
	}

	/** Moves the camera, in the part of the map no panel hides; with `animate` false (reduced motion) it jumps. */
	flyTo(camera: Camera, animate: boolean): void {
		void this.layers.then((l) => l.interact.flyTo(this.#map, camera, animate));
	}

	/** Calls `onMove` after every move of the camera (none now); returns the unsubscribe. */
	onMoveEnd(onMove: () => void): () => void {
		this.#map.on('moveend', onMove);
		return () => void this.#map.off('moveend', onMove);
	}

	/** Where a longitude/latitude lies on the page (CSS px, as `getBoundingClientRect` measures), and the map's own box there. */
	onPage(lngLat: [number, number]): { x: number; y: number; box: DOMRect } {
		const box = this.#map.getContainer().getBoundingClientRect();
		const { x, y } = this.#map.project(lngLat);
		return { x: box.left + x, y: box.top + y, box };
	}

	/** Frames a feature's bounding box (a point gets a fixed zoom) in the part of the map no panel hides. */
	frame(bbox: [number, number, number, number], animate: boolean): void {
		void this.layers.then((l) => l.interact.frame(this.#map, bbox, animate));
	}

	/** A ring around one place (the feature a keyboard user is on), or none. */
	highlight(at: [number, number] | null, label: string | null = null): void {
		void this.layers.then((l) => l.highlight(at, label));
	}

	/** Recolours the map (land, sea, borders, labels, the choropleths) for a theme. */
	setTheme(theme: Theme): void {
		void this.layers.then((l) => l.setTheme(theme));
	}

	/** The base map's credit, in another language: maplibre reads the text only when its control is added, so a new control replaces the old. */
	setAttribution(text: string): void {
		if (this.attribution?.options.customAttribution === text) return;
		if (this.attribution) this.#map.removeControl(this.attribution);
		this.attribution = new maplibregl.AttributionControl({ compact: true, customAttribution: text });
		this.#map.addControl(this.attribution);
		// on a narrow map (a phone, an embed) the credit is an (i) that opens on a tap, not a pill over the map:
		// maplibre opens it at first, and closes it only when the map is dragged
		if (this.#map.getCanvasContainer().offsetWidth <= PHONE_MAX_PX)
			this.#map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
	}

	/** Resolves once the map has drawn everything it was given. */
	idle(): Promise<void> {
		return new Promise((resolve) => {
			this.#map.once('idle', () => resolve());
			this.#map.triggerRepaint();
		});
	}

	/** What an image of `width` × `height` device pixels shows of the reader's map (the PNG export). */
	exportFrame(width: number, height: number): Promise<ExportFrame> {
		return this.layers.then((l) => l.exportFrame(width, height));
	}

	/** The map drawn as `frame` says, as a canvas of `width` × `height`; then the reader's map is as it was. */
	snapshot(width: number, height: number, frame: ExportFrame): Promise<HTMLCanvasElement> {
		return this.layers.then((l) => l.snapshot(width, height, frame, () => this.idle()));
	}

	/**
	 * What a page publishes on `window.__atlas` for people and tests outside the atlas: maplibre's
	 * map, a read-only handle for QA scripts and devtools; and, loaded after the first idle, the
	 * named questions the project's end-to-end tests ask (`testHandle.ts`). No code of the atlas
	 * reads either.
	 */
	published(): { map: MaplibreMap; test: () => Promise<MapTestHandle> } {
		return { map: this.#map, test: () => this.layers.then((l) => l.testHandle()) };
	}

	destroy(): void {
		void this.layers.then((l) => l.destroy());
		this.#map.remove();
	}
}
