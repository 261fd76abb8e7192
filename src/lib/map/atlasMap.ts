import maplibregl, { type GeoJSONSource, type Map as MaplibreMap, type MapMouseEvent } from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { LayerSpec } from '../manifest/specs';
import { basemapPaint, basemapStyle, COUNTRIES, FILL_STATE, LABELS_START, type Basemap, type MapLanguage } from './basemap';
import type * as StyleLayers from './styleLayers';
import { LIGHT, type Theme } from './theme';
import type { DeckLayers } from './deck';
import type { Camera } from './interact';
import { DEFAULT_VIEW } from './view';
import { isTimed, monthEnd, type Month } from '../time/timeline';
import type { Problem } from '../manifest/errors';

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

/** Two versions of a layer that the same style layers draw: a GeoJSON source each, styled alike. */
const sameDrawing = (a: LayerSpec, b: LayerSpec) =>
	a.def.renderer !== 'deck' &&
	b.def.renderer !== 'deck' &&
	!a.tiled &&
	!b.tiled &&
	a.def.kind === b.def.kind &&
	JSON.stringify(a.def.style) === JSON.stringify(b.def.style);

// maplibre's protocols are global: registered once however many maps a page makes
let registeredPmtiles = false;
const ATTRIBUTION = 'Base map: Natural Earth (public domain), towns GeoNames (CC BY 4.0); Crimea redrawn as part of Ukraine';

/**
 * The one place that owns maplibre and deck.gl: creates the map over the local base map, adds
 * and removes manifest layers, reports picks. deck.gl is imported only when a layer needs it,
 * after the base map has drawn, so it never delays the first paint.
 */
export class AtlasMap {
	readonly map: MaplibreMap;
	private specs: LayerSpec[] = [];
	/** the layers drawn: the viewer decides, the map only applies what it is given */
	private shown: ReadonlySet<string> = new Set();
	private readonly isShown = (id: string) => this.shown.has(id);
	private deck: Promise<DeckLayers> | null = null;
	private deckReady: DeckLayers | null = null;
	private readonly onPick: PickHandler;
	private until: Month | null = null;
	private attribution: import('maplibre-gl').AttributionControl | null = null;
	private theme: Theme;
	private language: MapLanguage;
	/** the detail's style code, once the detail is on the map */
	private detailCode: typeof import('./detail') | null = null;
	/** the countries the choropleths colour, as set on the base map's land */
	private fills = new Map<string, StyleLayers.CountryFill>();

	private pmtiles: Promise<void> | null = null;
	private queue: Promise<void> = Promise.resolve();
	// the data layers' style code is not needed to paint the base map: it comes with the first
	// setLayers, before any data layer exists, so the methods that find a layer always have it
	private styleCode: Promise<typeof StyleLayers> | null = null;
	private styles: typeof StyleLayers | null = null;
	private interact: typeof import('./interact') | null = null;
	/** while the WebGL context is lost maplibre has no style: calls are recorded, and applied when it is back */
	private lost: { restored: Promise<void>; resolve: () => void; language: MapLanguage } | null = null;
	private highlighted: [number, number] | null = null;
	private covered: GeoJSON.Feature | null = null;

	private constructor(
		map: MaplibreMap,
		onPick: PickHandler,
		private readonly maplibre: typeof import('maplibre-gl'),
		private readonly geodataUrl: string,
		theme: Theme,
		language: MapLanguage
	) {
		this.map = map;
		this.theme = theme;
		this.language = language;
		this.onPick = onPick;
		map.on('mousemove', (e) => this.pickAt(e, 'hover'));
		map.on('click', (e) => this.pickAt(e, 'click'));
		// the hover preview leaves with the pointer
		map.getCanvasContainer().addEventListener('mouseleave', () => onPick([], 'hover'));
	}

	/** Passes maplibre's errors on, once each: a failing tile would otherwise repeat its notice at every frame. */
	private reportErrors(onError: (problem: Problem) => void): void {
		const seen = new Set<string>();
		// the reading of an error loads with the first one: none is expected before the first paint
		this.map.on(
			'error',
			(e) =>
				void import('./mapError').then(({ problemOfMapError }) => {
					const problem = problemOfMapError(e, this.specs, (spec) => this.styles?.sourceId(spec));
					const key = `${problem.layer}\n${problem.message}`;
					if (seen.has(key)) return;
					seen.add(key);
					onError(problem);
				})
		);
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
			touchPitch: false
		});
		map.touchZoomRotate.disableRotation();
		if (options.padding) map.setPadding(options.padding);
		map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
		const atlas = new AtlasMap(
			map,
			options.onPick,
			maplibregl,
			options.geodataUrl ?? new URL('geodata', location.href).href,
			options.theme ?? LIGHT,
			options.language ?? 'en'
		);
		atlas.setAttribution(options.attribution ?? ATTRIBUTION);
		if (options.onError) atlas.reportErrors(options.onError);
		void atlas.survive(options.onContextGone);
		// fetched while the base map draws, so the first data layers do not wait for it
		void atlas.styleLayers();
		// data layers can be added once the style is parsed: their sources then load beside the
		// base map's instead of after its first full draw, and the map reaches idle once, not twice
		await new Promise<void>((resolve) => map.once('style.load', () => resolve()));
		// the rivers, lakes and towns come after the first view has drawn: they add nothing to its bytes or its wait
		const detailUrl = options.detailUrl;
		if (detailUrl)
			map.once('idle', () =>
				Promise.all([import('./detail'), atlas.pmtilesProtocol()])
					.then(([detail]) => (atlas.detailCode = detail).addDetail(map, detailUrl, atlas.theme, atlas.language))
					.catch((e) => map.fire('error', { error: e }))
			);
		return atlas;
	}

	/** Writes the map's labels (countries, towns, rivers, the points' names) in another language. */
	setLanguage(language: MapLanguage): void {
		if (language === this.language) return;
		this.language = language;
		if (!this.lost) this.writeLanguage();
	}

	private writeLanguage(): void {
		void import('./detail').then(({ writeLanguage }) => writeLanguage(this.map, this.language, this.specs));
	}

	/**
	 * Replaces the layers, drawn in order under the country labels. A layer passed again as the
	 * same object stays as it is, so an editor's draft changing redraws the draft alone. Calls run
	 * one after another: each may wait for pmtiles or deck.gl to load.
	 */
	setLayers(specs: LayerSpec[], shown: ReadonlySet<string>): Promise<void> {
		this.queue = this.queue.catch(() => {}).then(() => this.replaceLayers(specs, shown));
		return this.queue;
	}

	private async replaceLayers(specs: LayerSpec[], shown: ReadonlySet<string>): Promise<void> {
		const { sourceId, styleLayersFor } = await this.styleLayers();
		await this.lost?.restored;
		this.shown = shown;
		const before = new Set(this.specs);
		const kept = new Set(specs);
		// another version of a layer drawn the same way (the slider's month changed): only its data changes
		const byId = new Map(this.specs.filter((s) => !kept.has(s)).map((s) => [s.id, s]));
		const swapped = new Set(specs.filter((s) => !before.has(s) && byId.has(s.id) && sameDrawing(byId.get(s.id)!, s)));
		for (const old of this.specs) if (!kept.has(old) && ![...swapped].some((s) => s.id === old.id)) this.removeMaplibreLayer(old);
		this.specs = specs;
		const added = specs.filter((s) => !before.has(s));
		if (added.some((s) => s.tiled)) await this.pmtilesProtocol();
		for (const spec of swapped) (this.map.getSource(sourceId(spec)) as GeoJSONSource | undefined)?.setData(spec.display);
		for (const spec of added.filter((s) => s.def.renderer !== 'deck' && !swapped.has(s))) {
			const layers = styleLayersFor(spec, this.isShown(spec.id));
			// a choropleth is drawn by the land itself: a source only for its hatch or outline, if any
			if (layers.length === 0) continue;
			if (spec.tiled) this.map.addSource(sourceId(spec), { type: 'vector', url: `pmtiles://${this.geodataUrl}/${spec.def.file}` });
			else this.map.addSource(sourceId(spec), { type: 'geojson', data: spec.display });
			// a point's name goes above every label of the base map, which gives way to it
			for (const layer of layers)
				this.map.addLayer(this.styles!.localised(layer, spec, this.language, this.theme), this.styles!.isTopLayer(layer.id) ? undefined : LABELS_START);
		}
		this.paintCountries();
		this.applyTime();
		await this.redrawDeck();
	}

	/** Shows dated events up to the end of `until` (null: all of them); undated features stay. */
	setTime(until: Month | null): void {
		this.until = until;
		this.paintCountries();
		this.applyTime();
		void this.redrawDeck();
	}

	/** Sets each country's colour from the choropleths (as feature state: no source changes, no relayout). */
	private paintCountries(): void {
		if (!this.styles || this.lost) return;
		const next = this.styles.countryFills(this.specs, this.theme, this.until, this.isShown);
		for (const iso of this.fills.keys()) if (!next.has(iso)) this.map.removeFeatureState({ source: COUNTRIES, id: iso }, FILL_STATE);
		for (const [iso, fill] of next)
			if (this.fills.get(iso)?.color !== fill.color) this.map.setFeatureState({ source: COUNTRIES, id: iso }, { [FILL_STATE]: fill.color });
		this.fills = next;
	}

	private applyTime(): void {
		if (!this.styles || this.lost) return;
		const { styleLayersFor } = this.styles;
		// no filter is `undefined`, not null: maplibre compares the new filter with the layer's, and
		// null never equals an absent one, so each call would send the whole source to its worker again
		const filter = this.until === null ? undefined : (['<=', ['coalesce', ['get', 'date'], ''], monthEnd(this.until)] as const);
		for (const spec of this.specs.filter((s) => s.def.renderer !== 'deck' && isTimed(s.display.features)))
			for (const layer of styleLayersFor(spec, this.isShown(spec.id))) this.map.setFilter(layer.id, filter as never);
	}

	private async redrawDeck(): Promise<void> {
		if (this.lost) return;
		const deckSpecs = this.specs.filter((s) => s.def.renderer === 'deck');
		if (deckSpecs.length > 0 || this.deck) void (await this.deckLayers()).set(deckSpecs, LABELS_START, this.until, this.isShown);
	}

	/** Draws exactly the layers named, hiding the rest: what changed is all that is touched. */
	show(shown: ReadonlySet<string>): void {
		const before = this.shown;
		this.shown = shown;
		if (!this.styles || this.lost) return; // not drawn yet (or no context): setLayers (or the restore) reads them
		const changed = this.specs.filter((s) => before.has(s.id) !== shown.has(s.id));
		if (changed.some((s) => s.def.renderer === 'deck')) void this.redrawDeck();
		if (changed.some((s) => s.def.kind === 'choropleth')) this.paintCountries();
		for (const spec of changed.filter((s) => s.def.renderer !== 'deck'))
			for (const layer of this.styles.styleLayersFor(spec)) this.map.setLayoutProperty(layer.id, 'visibility', shown.has(spec.id) ? 'visible' : 'none');
	}

	/** Draws (or, with null, removes) the coverage the panel computed, under the labels. */
	async setCoverage(covered: GeoJSON.Feature | null): Promise<void> {
		this.covered = covered;
		const { coverageLayers } = await this.styleLayers();
		if (!this.lost) this.interact!.drawCoverage(this.map, covered, coverageLayers());
	}

	/** Calls `onChange` with the view (centre, zoom, bounds) now and after every move; returns the unsubscribe. */
	onViewChange(onChange: (view: import('./interact').View) => void): () => void {
		let stop = () => {};
		let stopped = false;
		void this.styleLayers().then(() => stopped || (stop = this.interact!.watchView(this.map, onChange)));
		return () => ((stopped = true), stop());
	}

	/** Moves the camera, in the part of the map no panel hides; with `animate` false (reduced motion) it jumps. */
	flyTo(camera: Camera, animate: boolean): void {
		void this.styleLayers().then(() => this.interact!.flyTo(this.map, camera, animate));
	}

	/** Frames a feature's bounding box (a point gets a fixed zoom) in the part of the map no panel hides. */
	frame(bbox: [number, number, number, number], animate: boolean): void {
		void this.styleLayers().then(() => this.interact!.frame(this.map, bbox, animate));
	}

	/** A ring around one place (the feature a keyboard user is on), or none. */
	highlight(at: [number, number] | null): void {
		this.highlighted = at;
		void this.styleLayers().then(() => this.lost || this.interact!.drawHighlight(this.map, this.highlighted));
	}

	/** Recolours the base map (land, sea, borders, labels) without touching the data layers. */
	setTheme(theme: Theme): void {
		this.theme = theme;
		if (this.lost) return;
		for (const [layer, paint] of [...Object.entries(basemapPaint(theme)), ...Object.entries(this.detailCode?.detailPaint(theme) ?? {})])
			if (this.map.getLayer(layer)) for (const [property, value] of Object.entries(paint)) this.map.setPaintProperty(layer, property, value);
		// the points' own names
		this.styles?.paintPointLabels(this.map, this.specs, theme);
		// the choropleths' colours are blended with the land's
		this.paintCountries();
	}

	/** The base map's credit, in another language: maplibre reads the text only when its control is added, so a new control replaces the old. */
	setAttribution(text: string): void {
		if (this.attribution?.options.customAttribution === text) return;
		if (this.attribution) this.map.removeControl(this.attribution);
		this.attribution = new this.maplibre.AttributionControl({ compact: true, customAttribution: text });
		this.map.addControl(this.attribution);
		// on a narrow map (a phone, an embed) the credit is an (i) that opens on a tap, not a pill over the map:
		// maplibre opens it at first, and closes it only when the map is dragged
		if (this.map.getCanvasContainer().offsetWidth <= 640)
			this.map.getContainer().querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show');
	}

	/** Resolves once the map has drawn everything it was given. */
	idle(): Promise<void> {
		return new Promise((resolve) => {
			this.map.once('idle', () => resolve());
			this.map.triggerRepaint();
		});
	}

	destroy(): void {
		void this.deck?.then((d) => d.remove());
		this.map.remove();
	}

	/**
	 * Through a lost WebGL context: maplibre saves its style and sets it again on the restored
	 * context, but feature state (the choropleths' colours) and deck.gl's layers are not in a style,
	 * and whatever the viewer changed meanwhile never reached it. All of it goes back from this record.
	 */
	private async survive(onGone?: (gone: boolean) => void): Promise<void> {
		// watched from when the data layers' code is in: the JavaScript before the first paint stays as it was
		await this.styleLayers();
		(await import('./contextLoss')).survive(this as unknown as import('./contextLoss').Survivor, onGone);
	}

	/**
	 * deck.gl's overlay cannot outlive its context: it goes with it (its deletes then touch no live
	 * context), and `redrawDeck` makes a new one once the context is back.
	 */
	private async dropDeck(): Promise<void> {
		if (!this.deck) return;
		const old = await this.deck;
		this.deck = this.deckReady = null;
		try {
			old.remove();
		} catch {
			// nothing of it is left to free on a lost context
		}
		(await import('./deck')).forgetLostDevice(this.map);
	}

	/** The pmtiles reader, loaded only when a layer is an archive; it fetches byte ranges on the site's origin. */
	private pmtilesProtocol(): Promise<void> {
		this.pmtiles ??= import('pmtiles').then(({ Protocol }) => {
			if (!registeredPmtiles) this.maplibre.addProtocol('pmtiles', new Protocol().tilev4);
			registeredPmtiles = true;
		});
		return this.pmtiles;
	}

	private styleLayers(): Promise<typeof StyleLayers> {
		this.styleCode ??= Promise.all([import('./styleLayers'), import('./interact')]).then(([code, interact]) => {
			this.interact = interact;
			this.map.addImage(code.HATCH_IMAGE, code.hatchImage());
			this.map.addImage(code.BLOCKER_IMAGE, code.blockerImage());
			return (this.styles = code);
		});
		return this.styleCode;
	}

	private deckLayers(): Promise<DeckLayers> {
		this.deck ??= import('./deck').then(({ createDeckLayers }) => (this.deckReady = createDeckLayers(this.map)));
		return this.deck;
	}

	private removeMaplibreLayer(spec: LayerSpec): void {
		if (spec.def.renderer === 'deck') return;
		const { sourceId, styleLayersFor } = this.styles!;
		for (const layer of styleLayersFor(spec)) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
		if (this.map.getSource(sourceId(spec))) this.map.removeSource(sourceId(spec));
	}

	private pickAt(e: MapMouseEvent, how: 'hover' | 'click'): void {
		if (this.lost || !this.styles || !this.interact) return;
		const layers = this.specs.filter((s) => s.def.renderer !== 'deck' && this.isShown(s.id)).flatMap(this.styles.pickableLayerIds);
		// deck.gl draws its points above every maplibre layer, so it is asked first
		const onDeck = this.deckReady?.pick(e.point.x, e.point.y) ?? null;
		// a cluster of a dense layer is no feature to show in a card: a click zooms in until it splits
		if (onDeck && 'cluster' in onDeck) {
			this.map.getCanvas().style.cursor = 'pointer';
			if (how === 'click') this.map.easeTo({ center: onDeck.cluster.center, zoom: onDeck.cluster.zoom });
			else this.onPick([], 'hover');
			return;
		}
		// every feature under the pointer, not only the topmost: two at one airport are both offered
		const picks = this.interact.picksAt(this.map, e.point, layers, onDeck, this.fills);
		this.map.getCanvas().style.cursor = picks.length ? 'pointer' : '';
		this.onPick(picks, how);
	}
}
