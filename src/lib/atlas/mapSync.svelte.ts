// The one path from state to the map: each effect below reads one piece of the viewer's or the
// session's state and makes the matching call on AtlasMap. Nothing else calls the map (start-up
// hands it the first layers); a reader looking for where a checkbox becomes pixels starts here.
import { untrack } from 'svelte';
import type { LoadedLayer } from '../manifest/load';
import { PALETTES } from '../map/theme';
import { lang } from '../i18n/i18n.svelte';
import type { AtlasSession } from './session.svelte';

/** Registers the effects: inside a component's initialisation or an effect root (they end with it). */
export function syncMap(session: AtlasSession, options: { extraLayers: () => LoadedLayer[]; attribution: () => string }): void {
	// the layers themselves: a dated version loaded, an editor's draft added (what is on is below)
	$effect(() => {
		const { map, viewer } = session;
		if (map && viewer)
			void map.setLayers(
				viewer.layers,
				untrack(() => viewer.drawnIds)
			);
	});
	// the layers on, and of dated versions whether one is in force at the slider's month
	$effect(() => {
		const ids = session.viewer?.drawnIds;
		if (ids) session.map?.show(ids);
	});
	$effect(() => session.map?.setTime(session.viewer?.until ?? null));
	// a ring around the place the keyboard is on, else around the open card's point, else around
	// the town or country a search found, with its name
	$effect(() => {
		const viewer = session.viewer;
		const ring = viewer?.focused?.anchor ?? viewer?.pinnedAt ?? null;
		session.map?.highlight(ring ?? viewer?.found?.at ?? null, ring ? null : (viewer?.found?.name ?? null));
	});
	$effect(() => session.map?.setAttribution(options.attribution()));
	// the map's own labels (countries, towns, rivers, the hubs' names) in the reader's language
	$effect(() => session.map?.setLanguage(lang()));
	// a tour scene names the points it is about (the hubs, the air bases) at its own zoom, on any screen
	$effect(() => {
		const viewer = session.viewer;
		session.map?.setNamed(viewer && viewer.sceneIndex >= 0 ? (viewer.scenes[viewer.sceneIndex]?.layers ?? []) : []);
	});
	// light or dark: the base map's colours with the page's (which Atlas.svelte sets from the start)
	$effect(() => session.map?.setTheme(PALETTES[session.theme]));
	// the coverage shape belongs to its panel: it is on the map while the panel is open
	$effect(() => {
		const { viewer, coverage } = session;
		if (viewer?.tab === 'coverage') {
			if (!coverage) session.openCoverage();
			coverage?.recompute();
		} else coverage?.hide();
	});
	$effect(() => void session.map?.setCoverage(session.coverage?.shown ?? null));
	// the tab's title in the reader's language (a page gives its Ukrainian in a meta tag)
	const english = document.title;
	$effect(() => {
		const uk = document.querySelector<HTMLMetaElement>('meta[name="atlas:title-uk"]')?.content;
		document.title = lang() === 'uk' && uk ? uk : english;
	});
	// a camera move the reader asked for (a scene, a search result)
	$effect(() => {
		const camera = session.viewer?.camera;
		const map = session.map;
		if (!camera || !map) return;
		const { animate, ...to } = camera;
		// at the next frame, once the panels over the map have their new size (the next scene's caption)
		requestAnimationFrame(() => ('bbox' in to ? map.frame(to.bbox, animate) : map.flyTo(to, animate)));
	});
	// an editor's draft joins the map (and the search and keyboard stops) as soon as it changes
	let drawnExtra: LoadedLayer[] = [];
	$effect(() => {
		const { map, viewer, countries, lib, ready } = session;
		const extraLayers = options.extraLayers();
		if (!ready || !map || !countries || !viewer || !lib || extraLayers === drawnExtra || (extraLayers.length === 0 && drawnExtra.length === 0)) return;
		drawnExtra = extraLayers;
		const extra = extraLayers.map((l) => lib.layerSpec(l, countries));
		untrack(() => {
			// a new draft shows; one the reader hid stays hidden while it is edited
			for (const l of extra) if (!(l.id in viewer.visible)) viewer.visible[l.id] = l.def.visible !== false;
			viewer.layers = [...viewer.manifestLayers, ...extra];
		});
	});
}
