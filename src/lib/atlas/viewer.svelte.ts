import type { FeaturePick } from '../map/atlasMap';
import type { Basemap } from '../map/basemap';
import type { LayerSpec } from '../manifest/specs';
import type { Bibliography } from '../manifest/schema';
import type { Scene } from '../manifest/scenes';
import type { CheckedClaim, ClaimsFile } from '../manifest/claims';
import type { Content } from '../content/content';
import type { AtlasState, NewsroomWords } from '../state/urlState';
import { layerSpec } from '../manifest/specs';
import { claimsFromAtlas } from '../content/claimsFromAtlas';
import { countsAsEvents, isTimed, layerCounts, shownIn, timelineOf, versionInForce, type Month } from '../time/timeline';
import { figuresAt, type FrontFigures } from '../manifest/frontFigures';
import { STALE_AFTER_DAYS, staleLayers } from '../manifest/staleness';
import { pictureDates } from '../content/dating';
import type { Place, TownIndex } from '../geo/places';
import type { BBox } from '../geo/types';
import { boundsOf } from '../geo/frame';
import { prefersReducedMotion } from '../ui/motion';
import { lang } from '../i18n/i18n.svelte';
import { dataFrame } from '../geo/frame';
import { cameraBounds } from '../geo/camera';
import { SCENE_WINDOW } from '../map/view';
import { featureText, layerTitle } from '../manifest/localise';
import { dataLang } from '../content/dataUk.svelte';
import { assets } from '$app/paths';

export type Tab = 'layers' | 'coverage' | 'claims';

/**
 * Where the reader asked the camera to go: a place and zoom (with a scene, its `subject`: the box
 * of what it shows, which a map partly covered by a panel frames instead), or a box to frame. A
 * new object each time, so asking twice moves twice.
 */
export type CameraRequest = ({ center: [number, number]; zoom: number; subject?: BBox } | { bbox: BBox }) & { animate: boolean };

/**
 * What a reader is looking at, once the data has come: the layers and which are on, the month,
 * the tour, the feature shown in the card, the places in view, where the camera was asked to go.
 * It never calls the map: atlas/mapSync.svelte.ts turns this state into calls on AtlasMap. It
 * loads with the data, not before the first paint.
 */
export class Viewer {
	layers = $state.raw<LayerSpec[]>([]);
	visible = $state<Record<string, boolean>>({});
	hovered = $state.raw<FeaturePick | null>(null);
	pinned = $state.raw<FeaturePick | null>(null);
	/** the marks a click found on top of one another (a hub and an air base at one airport), for the reader to choose from */
	choices = $state.raw<FeaturePick[] | null>(null);
	/** the place the keyboard is on */
	focused = $state.raw<Place | null>(null);
	/** dated events are shown up to the end of this month; null shows them all */
	until = $state<Month | null>(null);
	tab = $state<Tab>('layers');
	/** the tour's scene on screen; -1 while the tour is not running */
	sceneIndex = $state(-1);
	viewBox = $state.raw<BBox | null>(null);
	/** the last camera move asked for (a scene, a search); null until one is */
	camera = $state.raw<CameraRequest | null>(null);
	manifestLayers = $state.raw<LayerSpec[]>([]);
	readonly sources: Bibliography;
	readonly scenes: Scene[];
	readonly claimsFile: ClaimsFile | null;
	// the claims set against what the map measures (areas, the line's length): worked out when the
	// claims tab first asks, not on every load before the layers can be handed to maplibre
	#claims: (() => CheckedClaim[] | null) | CheckedClaim[] | null;
	get claims(): CheckedClaim[] | null {
		if (typeof this.#claims === 'function') this.#claims = this.#claims();
		return this.#claims;
	}
	private labels = $state.raw<Basemap['labels'] | null>(null);
	// turf's point-on-feature is not needed for the first paint: the module comes once the map is up
	private placesCode = $state.raw<typeof import('../geo/places') | null>(null);

	constructor(content: Content, link: AtlasState, basemap: Basemap, pageScene: string | undefined) {
		this.layers = this.manifestLayers = content.data.layers.map((l) => layerSpec(l, basemap.countries));
		// on as the address asks, else as the manifest does: the one record of what is on
		this.visible = Object.fromEntries(this.layers.map((l) => [l.id, link.layers ? link.layers.includes(l.id) : l.def.visible !== false]));
		this.sources = content.data.sources;
		this.scenes = content.scenes;
		this.claimsFile = content.claims;
		this.front = content.front;
		this.staleAfterDays = content.data.staleAfterDays ?? STALE_AFTER_DAYS;
		this.builtOn = content.builtOn;
		this.words = link.words ?? {};
		this.stale = new Set(
			staleLayers(
				this.layers.map((l) => l.def),
				content.builtOn,
				this.staleAfterDays
			).map((l) => l.id)
		);
		this.#claims = () => content.claims && claimsFromAtlas(content.claims, content.data.layers, basemap.countries, content.front);
		this.labels = basemap.labels;
		// known before the map exists, so even the static fallback shows the scene
		this.sceneIndex = this.scenes.findIndex((s) => s.id === (link.scene ?? pageScene));
	}

	// the incursions' months and the dated versions' as-of dates, for the slider and its chart
	// (an event with no published place counts too: it is listed beside the map)
	readonly series = $derived(
		timelineOf(this.layers.map((l) => ({ features: countsAsEvents(l.def) ? [...l.display.features, ...l.offMap] : [], versions: l.def.versions })))
	);
	/** each drawn events layer's own count, for the slider when there are several */
	readonly layerCounts = $derived(
		layerCounts(
			this.layers
				.filter((l) => this.visible[l.id] && countsAsEvents(l.def))
				.map((l) => ({ title: layerTitle(l.def, lang()), features: [...l.display.features, ...l.offMap] })),
			this.until
		)
	);
	readonly timedVisible = $derived(this.layers.some((l) => this.visible[l.id] && ((countsAsEvents(l.def) && isTimed(l.display.features)) || l.def.versions)));
	/** the occupied area's and the front's figures, one row a snapshot */
	readonly front = $state.raw<FrontFigures[]>([]);
	/** the row in force at the slider's month */
	readonly frontNow = $derived(figuresAt(this.front, this.until));

	/** a layer older than this many days before the content was built is stale */
	readonly staleAfterDays: number;
	/** the layers not checked for longer than that: the legend says so */
	readonly stale: ReadonlySet<string>;
	private readonly builtOn: string;
	/** a newsroom's own headline, subtitle, note and byline from the address, for the embed and its PNG */
	readonly words: NewsroomWords;

	// of a layer's dated versions, the one in force at the slider's month: null before the first
	readonly inForce = $derived(
		new Map(this.layers.flatMap((l) => (l.def.versions ? [[l.id, versionInForce(l.def.versions, this.until) ?? null] as const] : [])))
	);

	/** Whether the map draws a layer: on, and, for dated versions, one in force. */
	drawn(id: string): boolean {
		return this.visible[id] === true && this.inForce.get(id) !== null;
	}

	/** A dated version, loaded, takes the place of the layer's version drawn before. */
	replaceLayer(next: LayerSpec): void {
		const swap = (layers: LayerSpec[]) => layers.map((l) => (l.id === next.id ? next : l));
		this.manifestLayers = swap(this.manifestLayers);
		this.layers = swap(this.layers);
	}

	/** The layers the map draws (see `drawn`), as one set the map applies. */
	readonly drawnIds = $derived(new Set(this.layers.filter((l) => this.drawn(l.id)).map((l) => l.id)));
	/** Those layers, in their order: what a key, a credit or a dates line speaks of. */
	readonly drawnLayers = $derived(this.layers.filter((l) => this.drawnIds.has(l.id)));

	/** What each date of the picture the map draws now is for (the front's snapshot at the month shown, the coalition's check): every surface words it with `datesLine`. */
	readonly dates = $derived.by(() =>
		pictureDates(
			this.drawnLayers.map((l) => l.def),
			this.until,
			{ lang: lang(), sources: this.sources, today: this.builtOn, latestMonth: this.series.at(-1)?.month ?? null, staleAfterDays: this.staleAfterDays }
		)
	);

	toggle(id: string, on: boolean): void {
		this.visible[id] = on;
	}

	// the card shows what was clicked, else what is under the pointer or keyboard focus
	readonly shown = $derived.by(() => {
		const focus = this.focused;
		const pick = this.pinned ?? this.hovered ?? (focus?.layerId ? { layerId: focus.layerId, index: focus.index! } : null);
		const spec = pick && this.layers.find((l) => l.id === pick.layerId);
		const properties = pick && pick.index < 0 ? pick.properties : spec?.display.features[pick!.index]?.properties;
		return spec && properties ? { def: spec.def, properties } : null;
	});

	// the card's feature by its id, for the address
	readonly pinnedId = $derived.by(() => {
		const pin = this.pinned;
		const id = pin && this.layers.find((l) => l.id === pin.layerId)?.display.features[pin.index]?.properties?.id;
		return pin && typeof id === 'string' ? { layer: pin.layerId, id } : undefined;
	});

	// a point or a line is aimed at: several under the pointer are offered; of areas the topmost
	// is shown, a country or the occupied area before a patrol zone: a zone's circle spans
	// countries, and a click on Poland inside it means Poland
	private rankOf(pick: FeaturePick): number {
		const kind = this.layers.find((l) => l.id === pick.layerId)?.def.kind;
		return kind === 'point' ? 0 : kind === 'line' ? 1 : kind === 'zone' ? 3 : 2;
	}

	/** Everything under the pointer (topmost first): a hover previews the first mark; a click opens its card, or offers a choice where marks overlap. */
	onPick(picks: FeaturePick[], how: 'hover' | 'click'): void {
		const best = Math.min(...picks.map((p) => this.rankOf(p)));
		const marks = picks.filter((p) => this.rankOf(p) === best);
		const offered = best < 2 ? marks : marks.slice(0, 1);
		if (how === 'hover') return void (this.hovered = offered[0] ?? null);
		this.found = null;
		this.choices = offered.length > 1 ? offered : null;
		this.pinned = offered.length === 1 ? offered[0] : null;
	}

	/** The reader picked one of the overlapping marks. */
	choose(pick: FeaturePick): void {
		this.choices = null;
		this.pinned = pick;
	}

	/** A feature's name and layer title, for the choice between overlapping marks. */
	describe(pick: FeaturePick): { name: string; layer: string } {
		const spec = this.layers.find((l) => l.id === pick.layerId);
		const properties = pick.index < 0 ? pick.properties : spec?.display.features[pick.index]?.properties;
		return { name: featureText(properties, 'name', dataLang()), layer: spec ? layerTitle(spec.def, lang()) : '' };
	}

	/** Where a picked feature is, if it is a point (a hub, a base, an incursion). */
	private pointOf(pick: { layerId: string; index: number } | null): [number, number] | null {
		const geometry = pick && pick.index >= 0 ? this.layers.find((l) => l.id === pick.layerId)?.display.features[pick.index]?.geometry : null;
		return geometry?.type === 'Point' ? (geometry.coordinates.slice(0, 2) as [number, number]) : null;
	}

	/** Where the open card's point is, ringed on the map while the card is open (a point layer's features only). */
	readonly pinnedAt = $derived(this.pointOf(this.pinned));

	/** Where the card's feature is, if it is a point, so the card can keep clear of it. */
	readonly shownAt = $derived.by(() => {
		const focus = this.focused;
		return this.pointOf(this.pinned ?? this.hovered ?? (focus?.layerId ? { layerId: focus.layerId, index: focus.index! } : null));
	});

	/** Opens the card of the feature an address names, if it exists. */
	pin(feature: { layer: string; id: string }): void {
		const layer = this.layers.find((l) => l.id === feature.layer);
		const index = layer?.display.features.findIndex((f) => f.properties?.id === feature.id) ?? -1;
		if (layer && index >= 0) this.pinned = { layerId: layer.id, index };
	}

	/** Shows a scene of the tour: its layers, month, panel and camera. */
	showScene(i: number, animate = !prefersReducedMotion()): void {
		const scene = this.scenes[i];
		if (!scene) return;
		this.sceneIndex = i;
		for (const l of this.layers) if (this.visible[l.id] !== scene.layers.includes(l.id)) this.toggle(l.id, scene.layers.includes(l.id));
		this.until = scene.time ?? null;
		this.tab = scene.panel ?? 'layers';
		this.pinned = this.choices = null;
		this.camera = { ...scene.camera, subject: this.subjectOf(scene), animate };
	}

	/**
	 * What a scene shows: its data inside the view it was written for (`SCENE_WINDOW`), or that
	 * view where its data frames nothing (the coalition's countries).
	 */
	private subjectOf(scene: Scene): BBox {
		const { center, zoom } = scene.camera;
		const view = cameraBounds(center, zoom, SCENE_WINDOW.width, SCENE_WINDOW.height);
		const shown = this.layers
			.filter((l) => scene.layers.includes(l.id))
			.map((l) => ({ kind: l.def.kind, features: l.display.features.filter((f) => shownIn(l.def, f, scene.time ?? null)) }));
		return dataFrame(shown, view) ?? view;
	}

	// the "line in numbers" block: the traced line, and the area of a strip of bufferKm either side
	bufferKm = $state(15);
	readonly traced = $derived(this.layers.find((l) => l.id === 'contact-line')?.display.features[0] ?? null);
	// turf's buffer brings jsts (~60 KB gzip): loaded only when the claims tab first opens
	private bufferArea = $state.raw<typeof import('../geo/bufferArea').bufferAreaKm2 | null>(null);
	readonly stripKm2 = $derived(
		this.traced && this.bufferArea && this.bufferKm > 0 ? this.bufferArea(this.traced.geometry as GeoJSON.LineString, this.bufferKm) : 0
	);
	loadBufferArea(): void {
		if (!this.bufferArea) void import('../geo/bufferArea').then((m) => (this.bufferArea = m.bufferAreaKm2));
	}

	// search and keyboard stops: every drawn feature, and the base map's countries
	loadPlaces(): void {
		if (!this.placesCode) void import('../geo/places').then((m) => (this.placesCode = m));
	}
	/** The base map's towns (a list the build makes, 100 KB), fetched when a reader first goes to the search. */
	loadTowns(): void {
		if (!this.townsAsked) {
			this.townsAsked = true;
			void fetch(`${assets}/data/places.json`)
				.then((r) => (r.ok ? r.json() : null))
				.then((index: TownIndex | null) => {
					if (index?.towns) this.towns = index;
				})
				.catch(() => {});
		}
	}
	private townsAsked = false;
	private towns = $state.raw<TownIndex>({ where: {}, towns: [] });
	// the countries' and towns' places change with the language; a layer's with its data (a slider
	// step swaps one layer's version: the others' places, and the towns', are kept, not made again)
	private readonly basePlaces = $derived(this.placesCode && this.labels ? this.placesCode.basemapPlaces(this.labels, this.towns, lang()) : []);
	private readonly placesByData = new WeakMap<object, { key: string; places: Place[] }>();
	readonly places = $derived.by(() => {
		const code = this.placesCode;
		if (!code || !this.labels || !dataLang()) return [];
		const language = lang();
		const ofLayer = (l: LayerSpec) => {
			const title = layerTitle(l.def, language);
			const key = `${l.id}\n${title}\n${language}`;
			const kept = this.placesByData.get(l.display);
			if (kept?.key === key) return kept.places;
			const places = code.layerPlaces({ id: l.id, title, display: l.display }, language);
			this.placesByData.set(l.display, { key, places });
			return places;
		};
		return [...this.layers.flatMap(ofLayer), ...this.basePlaces];
	});
	search = (query: string): Place[] => this.placesCode?.searchPlaces(this.places, query) ?? [];
	readonly inView = $derived.by(() => {
		const box = this.viewBox;
		if (!box || !this.placesCode) return [];
		const layerOf = (p: Place) => this.layers.find((l) => l.id === p.layerId);
		return this.placesCode.placesInView(
			this.places,
			box,
			this.layers.map((l) => l.id),
			(p) => this.visible[p.layerId!] === true && shownIn(layerOf(p)!.def, layerOf(p)!.display.features[p.index!], this.until)
		);
	});

	/** The front's box (the front line's, else the occupied area's, as drawn now), for "zoom to the front". */
	readonly frontBox = $derived.by(() => {
		const layer = this.drawnLayers.find((l) => l.id === 'front-line') ?? this.drawnLayers.find((l) => l.id === 'occupied');
		return layer ? boundsOf(...layer.display.features.map((f) => f.geometry)) : null;
	});
	/** Whether the front is too small to see where the reader is: a map of Europe, the front a few per cent of it. */
	readonly frontTooSmall = $derived.by(() => {
		const [front, view] = [this.frontBox, this.viewBox];
		return !!front && !!view && (front[2] - front[0]) / (view[2] - view[0]) < 0.25;
	});
	zoomToFront(): void {
		if (this.frontBox) this.camera = { bbox: this.frontBox, animate: !prefersReducedMotion() };
	}

	/**
	 * The layers on that have no dates (the coalition, the hubs) while the slider shows a month
	 * before their earliest fact: they are drawn as they stand now, and the reader is told.
	 */
	readonly undatedAhead = $derived.by(() => {
		const until = this.until;
		if (until === null) return [];
		return this.drawnLayers
			.filter((l) => !l.def.versions && !(countsAsEvents(l.def) && isTimed(l.display.features)))
			.map((l) => ({
				layer: l,
				from: l.display.features
					.map((f) => f.properties?.asOf)
					.filter((d): d is string => typeof d === 'string')
					.sort()[0]
			}))
			.filter((x) => x.from && x.from.slice(0, 7) > until);
	});

	/** A town or country a search found: pinned on the map with its name, until the next search or click. */
	found = $state.raw<{ at: [number, number]; name: string } | null>(null);

	/** A place chosen in the search or from the keyboard: its card opens; a search also flies there. */
	choosePlace(place: Place, how: 'search' | 'keyboard'): void {
		// a new search closes what the last one opened
		if (how === 'search') {
			this.found = place.layerId === null ? { at: place.anchor, name: place.label } : null;
			this.pinned = this.choices = null;
		}
		if (place.layerId !== null) {
			if (!this.visible[place.layerId]) this.toggle(place.layerId, true);
			this.pinned = { layerId: place.layerId, index: place.index! };
			this.choices = null;
		}
		const animate = !prefersReducedMotion();
		// a town is shown at the zoom it is labelled from (at least 8, so its neighbours are named too)
		const zoom = place.kind === 'Town' ? Math.max(8, place.zoom ?? 8) : 5;
		if (how === 'search') this.camera = place.layerId === null ? { center: place.anchor, zoom, animate } : { bbox: place.bbox, animate };
	}
}
