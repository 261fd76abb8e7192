// The atlas's start-up, in the order that paints soonest: maplibre, the data code, the base map
// and the checked content load side by side; the map is made as soon as the base map and the
// reader's language are in; the data layers go to maplibre's workers before any panel renders.
import { assets } from '$app/paths';
import { AtlasMap, type PickHandler } from '../map/atlasMap';
import { decodeBasemap, DETAIL_FILE, type Basemap } from '../map/basemap';
import { PALETTES } from '../map/theme';
import { readContentFast } from './content';
import { firstView } from '../map/view';
import { PHONE_MAX_PX, SHEET_SHARE, SIDE_PANEL_REM } from '../design/layout';
import { lang, preferredLang, setLang, t } from '../i18n/i18n.svelte';
import type { AtlasSession } from './session.svelte';
import type { Viewer } from './viewer.svelte';
import type { AtlasHandle } from './handle';

export type StartOptions = {
	container: HTMLElement;
	/** the explorer's panels lie over the map; the embed has none */
	chrome: 'full' | 'embed';
	/** the scene a page opens on when its address names none (the /scenes/… pages) */
	pageScene?: string;
	/** the base map's credit in the reader's language */
	attribution: () => string;
	/** the viewer, once every layer has drawn: what a page asks of the map (a frame, a camera move) it asks of it */
	onready?: (viewer: Viewer) => void;
};

const json = async (path: string) => {
	const response = await fetch(`${assets}/${path}`);
	if (!response.ok) throw new Error(`${path}: ${response.status} ${response.statusText}`);
	return response.json();
};

// maplibre's own labels and hints, read when the map is made
const mapLocale = () => ({
	'NavigationControl.ZoomIn': t('Zoom in'),
	'NavigationControl.ZoomOut': t('Zoom out'),
	'AttributionControl.ToggleAttribution': t('Show or hide the credits'),
	'CooperativeGesturesHandler.WindowsHelpText': t('Use Ctrl + scroll to zoom the map'),
	'CooperativeGesturesHandler.MacHelpText': t('Use ⌘ + scroll to zoom the map'),
	'CooperativeGesturesHandler.MobileHelpText': t('Use two fingers to move the map')
});

/** The strip a phone's zoom buttons take at the map's right edge, in CSS px. */
const ZOOM_BUTTONS_PX = 44;

/** How far down the map the masthead over its top reaches (a phone's title and tour button), in CSS px. */
function mastheadBottom(container: HTMLElement): number {
	const masthead = document.querySelector<HTMLElement>('[data-covers-map="top"]');
	return masthead ? Math.max(0, masthead.getBoundingClientRect().bottom - container.getBoundingClientRect().top) : 0;
}

/** How much of a wide map's right the side panel covers, in CSS px: BottomSheet's width and its gap from the edge, for the zoom buttons. */
function sidePanelWidth(container: HTMLElement): number {
	const rem = parseFloat(getComputedStyle(document.documentElement).fontSize) || 16;
	const { width, margin, right } = SIDE_PANEL_REM;
	return Math.min(width * rem, container.clientWidth - margin * rem) + right * rem;
}

/**
 * Starts the atlas in `session`: reads the address, makes the map, hands it the layers and fills
 * the session as each piece arrives. Returns what stops it (the page is left).
 */
export function startAtlas(session: AtlasSession, options: StartOptions): () => void {
	const { pageScene, onready } = options;
	const { params, langReady } = readPreferences(session);
	let destroyed = false;
	const libReady = import('./lazy');
	const geodataUrl = new URL(`${assets}/geodata`, location.href).href;
	// the build's checked content, preloaded by the page (a worker reads the files where it is missing)
	const content = readContentFast(assets, geodataUrl);
	const basemap = Promise.all([json('data/basemap.topo.json'), json('data/labels.geojson')]).then(([t, l]) => decodeBasemap(t, l));
	const created = createMap(
		session,
		options,
		Promise.all([basemap, langReady]).then(([b]) => b),
		geodataUrl
	);
	created.catch(() => {}); // a map that cannot be made is reported below, where it is awaited

	(async () => {
		const site = await content;
		performance.mark('atlas:content');
		const code = await libReady;
		const { link, problems } = code.linkOf(site, params);
		const found = [...site.problems, ...problems];
		let basemapData;
		try {
			basemapData = await basemap;
		} catch (error) {
			session.lib = code;
			session.problems = [...found, { file: '', field: 'base map', message: `the map could not be drawn (${(error as Error).message})` }];
			return;
		}
		const v = new code.Viewer(site, link, basemapData, pageScene);
		let map: AtlasMap;
		try {
			map = await created;
		} catch (error) {
			session.webglFailed = true;
			session.lib = code;
			session.problems = [
				...found,
				{ file: '', field: 'map', message: `this browser cannot draw the interactive map (${(error as Error).message}); a static map is shown` }
			];
			session.countries = basemapData.countries;
			session.viewer = v;
			return;
		}
		if (destroyed) return map.destroy();
		applyLink(v, link, map);
		// what the scene and the link chose is what the first frame draws; maplibre's workers
		// get the data layers before the panels render, so the two share the wait
		await map.setLayers(v.layers, v.drawnIds);
		performance.mark('atlas:layersAdded');
		if (destroyed) return map.destroy();
		// the session once the layers are in: the code, the viewer and the map for the panels, the view for the address
		session.lib = code;
		session.view = link.view;
		if (link.theme) [session.theme, session.themeChosen] = [link.theme, true];
		// the map's own errors may already be in: a layer its worker refused while the layers were added
		session.problems = [...found, ...session.problems];
		session.countries = basemapData.countries;
		session.viewer = v;
		session.map = map;
		map.onViewChange(({ lng, lat, zoom, bbox }) => {
			session.view = { lng, lat, zoom };
			v.viewBox = bbox;
		});
		// the coverage panel's code comes when a reader first opens it
		if (site.coverage) {
			const settings = site.coverage;
			session.makeCoverage = () => import('./coverage.svelte').then((m) => new m.Coverage(basemapData.countries, v.layers, settings));
		}
		await map.idle();
		performance.mark('atlas:ready');
		session.ready = true;
		// published for people and tests outside the atlas (handle.ts); nothing in the atlas reads it.
		// The tests' handle comes after: `ready` stays the first idle, and no reader waits for it.
		const published = map.published();
		const handle: AtlasHandle = { map: published.map, layers: v.layers, problems: session.problems, ready: true };
		window.__atlas = handle;
		void published.test().then((test) => (handle.test = test));
		onready?.(v);
	})();

	return () => {
		destroyed = true;
		session.coverage?.destroy();
		session.map?.destroy();
	};
}

/** The reader's language (the address's, else the browser's) and colour scheme, into the session; the address. */
function readPreferences(session: AtlasSession): { params: URLSearchParams; langReady: Promise<void> } {
	session.origin = location.origin;
	const params = new URLSearchParams(location.search);
	const langReady = setLang(preferredLang(params.get('lang'), navigator.languages ?? [navigator.language]));
	session.langChosen = params.get('lang') === 'uk' || params.get('lang') === 'en';
	session.theme = matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
	return { params, langReady };
}

/**
 * The part of the map the panels leave (CSS px at each edge) and the first view fitted into it.
 * The explorer's panel covers the map's right (wide screens) or its lower part (phones): Ukraine
 * is centred in what stays visible, and, on phones, below the masthead over its top.
 */
function openingView(container: HTMLElement, full: boolean) {
	const wide = container.clientWidth > PHONE_MAX_PX;
	const padding = {
		top: full && !wide ? mastheadBottom(container) : 0,
		// (a phone's zoom buttons keep the right edge)
		right: full && wide ? sidePanelWidth(container) : wide ? 0 : ZOOM_BUTTONS_PX,
		bottom: full && !wide ? container.clientHeight * SHEET_SHARE : 0,
		left: 0
	};
	// the first view fits the screen: all of Ukraine on a phone, the coalition's Europe on a wider one
	return { padding, first: firstView(container.clientWidth, container.clientHeight, padding) };
}

/** The map, made once the base map and the reader's language are in (maplibre takes its own labels when it is made). */
async function createMap(
	session: AtlasSession,
	{ container, chrome, attribution }: StartOptions,
	basemap: Promise<Basemap>,
	geodataUrl: string
): Promise<AtlasMap> {
	const full = chrome === 'full';
	const { padding, first } = openingView(container, full);
	const onPick: PickHandler = (picks, how) => session.viewer?.onPick(picks, how);
	return AtlasMap.create({
		container,
		basemap: await basemap,
		onPick,
		// a layer maplibre cannot draw says so, instead of silently missing from the map
		onError: (problem) => session.report(problem),
		// a blank box is never left in the map's place: the static map, until the context comes back
		onContextGone: (gone) => (session.contextGone = gone),
		padding,
		center: first.center,
		zoom: first.zoom,
		attribution: attribution(),
		locale: mapLocale(),
		language: lang(),
		detailUrl: new URL(`${assets}/${DETAIL_FILE}`, location.href).href,
		geodataUrl,
		cooperativeGestures: !full,
		theme: PALETTES[session.theme]
	});
}

type Lib = typeof import('./lazy');
type Link = ReturnType<Lib['linkOf']>['link'];

/** What the address asks, on the viewer and the map before its first frame: a scene, then the layers, month, view and card it names besides. */
function applyLink(v: Viewer, link: Link, map: AtlasMap): void {
	// a scene sets layers, time and camera; what the link names besides wins
	if (v.sceneIndex >= 0) v.showScene(v.sceneIndex, false);
	if (link.layers) for (const l of v.layers) v.toggle(l.id, link.layers.includes(l.id));
	if (link.time) v.until = link.time;
	const scene = v.camera && 'center' in v.camera ? v.camera : null;
	const camera = link.view ? { center: [link.view.lng, link.view.lat] as [number, number], zoom: link.view.zoom } : scene;
	if (camera) map.flyTo({ center: camera.center, zoom: camera.zoom }, false);
	// the first frame is there already; a scene's request stays, and the map's sync frames it
	// again once the panels lie over the map (a phone's sheet)
	if (camera !== scene) v.camera = null;
	if (link.feature) v.pin(link.feature);
}
