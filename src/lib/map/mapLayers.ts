// The atlas's map once its data is in: the manifest layers (maplibre's and deck.gl's), time,
// visibility, themes and languages, picking, the coverage wash and the highlight, the base map's
// detail, and the record that carries all of it through a lost WebGL context. Loaded while the
// base map draws: only AtlasMap makes one, and its calls reach it in the order they were made.
import type { GeoJSONSource, Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import type { AtlasMapOptions, PickHandler } from './atlasMap';
import type { LayerSpec } from '../manifest/specs';
import { basemapPaint, COUNTRIES, FILL_STATE, LABELS_START, type MapLanguage } from './basemap';
import * as styles from './styleLayers';
import * as interact from './interact';
import { LIGHT, type Theme } from './theme';
import { PAINT } from '../design/defaults';
import type { DeckLayers } from './deck';
import type { ExportFrame } from './snapshot';
import type { MapTestHandle } from './testHandle';
import { countsAsEvents, isTimed, timeCutoff, type Month } from '../time/timeline';

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

export class MapLayers {
	readonly styles = styles;
	readonly interact = interact;
	specs: LayerSpec[] = [];
	/** the layers drawn: the viewer decides, the map only applies what it is given */
	private shown: ReadonlySet<string> = new Set();
	readonly isShown = (id: string) => this.shown.has(id);
	private deck: Promise<DeckLayers> | null = null;
	private deckReady: DeckLayers | null = null;
	private readonly onPick: PickHandler;
	private until: Month | null = null;
	theme: Theme;
	language: MapLanguage;
	/** the detail's style code, once the detail is on the map */
	private detailCode: typeof import('./detail') | null = null;
	private readonly detailUrl?: string;
	private readonly geodataUrl: string;
	/** the second pass, after the first view with its data layers has drawn: the base map's detail and the points' names */
	private later: Promise<void> | null = null;
	/** the countries the choropleths colour, as set on the base map's land */
	fills = new Map<string, styles.CountryFill>();
	private pmtiles: Promise<void> | null = null;
	private queue: Promise<void> = Promise.resolve();
	/** while the WebGL context is lost maplibre has no style: calls are recorded, and applied when it is back */
	lost: { restored: Promise<void>; resolve: () => void; language: MapLanguage } | null = null;
	highlighted: [number, number] | null = null;
	highlightLabel: string | null = null;
	covered: GeoJSON.Feature | null = null;

	constructor(
		readonly map: MaplibreMap,
		private readonly maplibre: typeof import('maplibre-gl'),
		options: AtlasMapOptions
	) {
		this.theme = options.theme ?? LIGHT;
		this.language = options.language ?? 'en';
		this.onPick = options.onPick;
		this.detailUrl = options.detailUrl;
		this.geodataUrl = options.geodataUrl ?? new URL('geodata', location.href).href;
		map.addImage(styles.HATCH_IMAGE, styles.hatchImage());
		map.addImage(styles.BLOCKER_IMAGE, styles.blockerImage());
		map.on('mousemove', (e) => this.pickAt(e, 'hover'));
		map.on('click', (e) => this.pickAt(e, 'click'));
		// the hover preview leaves with the pointer
		map.getCanvasContainer().addEventListener('mouseleave', () => this.onPick([], 'hover'));
		void import('./contextLoss').then(({ survive }) => survive(this, options.onContextGone));
	}

	setLanguage(language: MapLanguage): void {
		if (language === this.language) return;
		this.language = language;
		if (!this.lost) this.writeLanguage();
	}

	writeLanguage(): void {
		void import('./detail').then(({ writeLanguage }) => writeLanguage(this.map, this.language, this.specs, this.named));
	}

	/** The layers whose points are named at any zoom (a tour scene's); the rest from POINT_LABEL_ZOOM. */
	private named: ReadonlySet<string> = new Set();
	setNamed(ids: readonly string[]): void {
		const next = new Set(ids);
		if (next.size === this.named.size && [...next].every((id) => this.named.has(id))) return;
		this.named = next;
		for (const spec of this.specs) {
			const property = spec.def.style.label;
			if (property && this.map.getLayer(`${spec.id}:label`))
				this.map.setLayoutProperty(`${spec.id}:label`, 'text-field', styles.labelText(property, this.language, styles.labelFrom(spec.id, next)));
		}
	}

	/** Calls run one after another: each may wait for pmtiles or deck.gl to load. */
	setLayers(specs: LayerSpec[], shown: ReadonlySet<string>): Promise<void> {
		this.queue = this.queue.catch(() => {}).then(() => this.replaceLayers(specs, shown));
		return this.queue;
	}

	private async replaceLayers(specs: LayerSpec[], shown: ReadonlySet<string>): Promise<void> {
		const { sourceId, drawnData } = styles;
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
		for (const spec of swapped) (this.map.getSource(sourceId(spec)) as GeoJSONSource | undefined)?.setData(drawnData(spec));
		for (const spec of added.filter((s) => s.def.renderer !== 'deck' && !swapped.has(s))) {
			const layers = this.drawnLayers(spec, this.isShown(spec.id));
			// a choropleth is drawn by the land itself: a source only for its hatch or outline, if any
			if (layers.length === 0) continue;
			if (spec.tiled) this.map.addSource(sourceId(spec), { type: 'vector', url: `pmtiles://${this.geodataUrl}/${spec.def.file}` });
			else this.map.addSource(sourceId(spec), { type: 'geojson', data: drawnData(spec) });
			// a point's name goes above every label of the base map, which gives way to it
			for (const layer of layers)
				this.map.addLayer(styles.localised(layer, spec, this.language, this.theme, this.named), styles.isTopLayer(layer.id) ? undefined : LABELS_START);
		}
		this.paintCountries();
		this.applyTime();
		await this.redrawDeck();
		// the rivers, lakes, towns and the points' names come once the first view has drawn, in the
		// next task: after the page has said it is ready, so they add nothing to its bytes or its wait
		// (towns are what the points' place in the label collision is for)
		this.later ??= (this.map.once('idle') as Promise<unknown>)
			.then(() => new Promise((next) => setTimeout(next, 0)))
			.then(() => (this.queue = this.queue.then(() => this.addLater()).catch((e) => void this.map.fire('error', { error: e }))));
	}

	private async addLater(): Promise<void> {
		const url = this.detailUrl;
		const [detail] = await Promise.all([import('./detail'), url && this.pmtilesProtocol()]);
		await this.lost?.restored;
		if (url) detail.addDetail(this.map, url, this.theme, this.language);
		this.detailCode = detail;
		for (const spec of this.specs.filter((s) => s.def.renderer !== 'deck'))
			for (const layer of styles.styleLayersFor(spec, this.isShown(spec.id)))
				if (!this.map.getLayer(layer.id)) this.map.addLayer(styles.localised(layer, spec, this.language, this.theme, this.named));
		this.applyTime();
	}

	/** A layer's style layers on the map: its name and place in the label collision only once the detail is in. */
	private drawnLayers(spec: LayerSpec, visible?: boolean) {
		return styles.styleLayersFor(spec, visible).filter((l) => this.detailCode || !styles.isTopLayer(l.id));
	}

	setTime(until: Month | null): void {
		this.until = until;
		this.paintCountries();
		this.applyTime();
		void this.redrawDeck();
	}

	/** Sets each country's colour from the choropleths (as feature state: no source changes, no relayout). */
	private paintCountries(): void {
		if (this.lost) return;
		const next = styles.countryFills(this.specs, this.theme, this.until, this.isShown);
		for (const iso of this.fills.keys()) if (!next.has(iso)) this.map.removeFeatureState({ source: COUNTRIES, id: iso }, FILL_STATE);
		for (const [iso, fill] of next)
			if (this.fills.get(iso)?.color !== fill.color) this.map.setFeatureState({ source: COUNTRIES, id: iso }, { [FILL_STATE]: fill.color });
		this.fills = next;
	}

	applyTime(): void {
		if (this.lost) return;
		// no filter is `undefined`, not null: maplibre compares the new filter with the layer's, and
		// null never equals an absent one, so each call would send the whole source to its worker again
		// the bound is the last event's date up to the month: a month with no new event leaves the
		// filter as it was, and maplibre lays out nothing again
		for (const spec of this.specs.filter((s) => s.def.renderer !== 'deck' && countsAsEvents(s.def) && isTimed(s.display.features))) {
			const cutoff = timeCutoff(spec.display.features, this.until);
			const filter = cutoff === null ? undefined : (['<=', ['coalesce', ['get', 'date'], ''], cutoff] as const);
			for (const layer of this.drawnLayers(spec)) this.map.setFilter(layer.id, filter as never);
		}
	}

	async redrawDeck(): Promise<void> {
		if (this.lost) return;
		const deckSpecs = this.specs.filter((s) => s.def.renderer === 'deck');
		if (deckSpecs.length > 0 || this.deck) void (await this.deckLayers()).set(deckSpecs, LABELS_START, this.until, this.isShown);
	}

	show(shown: ReadonlySet<string>): void {
		const before = this.shown;
		this.shown = shown;
		if (this.lost) return; // no context: the restore reads them
		const changed = this.specs.filter((s) => before.has(s.id) !== shown.has(s.id));
		if (changed.some((s) => s.def.renderer === 'deck')) void this.redrawDeck();
		if (changed.some((s) => s.def.kind === 'choropleth')) this.paintCountries();
		for (const spec of changed.filter((s) => s.def.renderer !== 'deck'))
			for (const layer of this.drawnLayers(spec)) this.map.setLayoutProperty(layer.id, 'visibility', shown.has(spec.id) ? 'visible' : 'none');
	}

	async setCoverage(covered: GeoJSON.Feature | null): Promise<void> {
		this.covered = covered;
		if (!this.lost) interact.drawCoverage(this.map, covered, styles.coverageLayers());
	}

	highlight(at: [number, number] | null, label: string | null = null): void {
		this.highlighted = at;
		this.highlightLabel = label;
		if (!this.lost) interact.drawHighlight(this.map, at, label);
	}

	setTheme(theme: Theme): void {
		this.theme = theme;
		if (this.lost) return;
		for (const [layer, paint] of [...Object.entries(basemapPaint(theme)), ...Object.entries(this.detailCode?.detailPaint(theme) ?? {})])
			if (this.map.getLayer(layer)) for (const [property, value] of Object.entries(paint)) this.map.setPaintProperty(layer, property, value);
		// the points' own names
		styles.paintPointLabels(this.map, this.specs, theme);
		// the choropleths' colours are blended with the land's
		this.paintCountries();
	}

	destroy(): void {
		void this.deck?.then((d) => d.remove());
	}

	// the PNG export's code comes when first asked for, never with the map
	async exportFrame(width: number, height: number): Promise<ExportFrame> {
		const { exportFrame } = await import('./snapshot');
		return exportFrame(this.map, width, height);
	}

	async snapshot(width: number, height: number, frame: ExportFrame, idle: () => Promise<void>): Promise<HTMLCanvasElement> {
		const { snapshot } = await import('./snapshot');
		return snapshot(this.map, idle, width, height, frame);
	}

	/** The e2e tests' handle (window.__atlas.test): its own chunk, asked for after the first idle, never on a reader's way to the map. */
	async testHandle(): Promise<MapTestHandle> {
		const { testHandle } = await import('./testHandle');
		return testHandle(this.map);
	}

	/**
	 * deck.gl's overlay cannot outlive its context: it goes with it (its deletes then touch no live
	 * context), and `redrawDeck` makes a new one once the context is back.
	 */
	async dropDeck(): Promise<void> {
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

	private deckLayers(): Promise<DeckLayers> {
		this.deck ??= import('./deck').then(({ createDeckLayers }) => (this.deckReady = createDeckLayers(this.map, PAINT)));
		return this.deck;
	}

	private removeMaplibreLayer(spec: LayerSpec): void {
		if (spec.def.renderer === 'deck') return;
		for (const layer of styles.styleLayersFor(spec)) if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
		if (this.map.getSource(styles.sourceId(spec))) this.map.removeSource(styles.sourceId(spec));
	}

	private pickAt(e: MapMouseEvent, how: 'hover' | 'click'): void {
		if (this.lost) return;
		const layers = this.specs.filter((s) => s.def.renderer !== 'deck' && this.isShown(s.id)).flatMap(styles.pickableLayerIds);
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
		const picks = interact.picksAt(this.map, e.point, layers, onDeck, this.fills);
		this.map.getCanvas().style.cursor = picks.length ? 'pointer' : '';
		this.onPick(picks, how);
	}
}
