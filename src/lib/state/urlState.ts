import type { Problem } from '../manifest/errors';
import { MONTH, type Month } from '../time/timeline';

const THEME_NAMES = ['light', 'dark'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/**
 * A newsroom's own words for an embed and its PNG, each one line of plain text, at most this many
 * characters: a headline, a subtitle, a note (one short paragraph) and a byline ("Graphic: …").
 */
export const WORD_LIMITS = { title: 120, subtitle: 200, note: 400, byline: 80 } as const;
export type WordKey = keyof typeof WORD_LIMITS;
export type NewsroomWords = Partial<Record<WordKey, string>>;
export const WORD_KEYS = Object.keys(WORD_LIMITS) as WordKey[];

/** A newsroom's text as it is kept: white space (line breaks included) folded to single spaces, trimmed. */
export const tidyWords = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** What is wrong with a newsroom's text for `key`, in words, or null: only its length can be. */
export function wordsProblem(key: WordKey, text: string): string | null {
	const length = [...tidyWords(text)].length;
	return length > WORD_LIMITS[key] ? `${length} characters, at most ${WORD_LIMITS[key]} fit` : null;
}

/** What a link restores: layers, view, time, scene, the open feature, language and theme, and a newsroom's words. */
export type AtlasState = {
	layers?: string[];
	view?: { lng: number; lat: number; zoom: number };
	/** dated events up to the end of this month */
	time?: Month;
	scene?: string;
	/** the feature whose card is open: its layer and its `id` */
	feature?: { layer: string; id: string };
	lang?: 'en' | 'uk';
	theme?: ThemeName;
	words?: NewsroomWords;
};

/** What the address may name: the layers (and their feature ids), scenes and the months with data. */
export type Known = {
	layers: string[];
	scenes?: string[];
	months?: { first: Month; last: Month };
	hasFeature?: (layer: string, id: string) => boolean;
};

/**
 * Reads the atlas state from a query string. A malformed parameter is left out and reported, so
 * the map falls back to its default for that part and says so. Parameters that are not ours
 * (pym.js's childId, utm_*, fbclid) are ignored silently: readers did nothing wrong. Never throws.
 *
 * @example
 * parseState(new URLSearchParams('layers=hubs,incursions&view=30.5,49,4'), ['hubs', 'incursions'])
 */
export function parseState(params: URLSearchParams, known: string[] | Known): { state: AtlasState; problems: Problem[] } {
	const { layers: layerIds, scenes, months, hasFeature } = Array.isArray(known) ? ({ layers: known } as Known) : known;
	const state: AtlasState = {};
	const problems: Problem[] = [];
	const reject = (key: string, message: string) => problems.push({ file: 'address', field: key, message: `${message}; the default is used` });

	const layers = params.get('layers');
	if (layers !== null) {
		const ids = layers === '' ? [] : layers.split(',');
		const unknown = ids.filter((id) => !layerIds.includes(id));
		if (unknown.length) reject('layers', `no layer called ${unknown.map((u) => `"${u}"`).join(', ')}`);
		state.layers = ids.filter((id) => layerIds.includes(id));
		if (unknown.length && state.layers.length === 0) delete state.layers;
	}

	const view = params.get('view');
	if (view !== null) {
		const parts = view.split(',');
		const [lng, lat, zoom] = parts.map(Number);
		const ok = parts.length === 3 && parts.every((p) => p.trim() !== '') && Math.abs(lng) <= 180 && Math.abs(lat) <= 85 && zoom >= 0 && zoom <= 22;
		if (ok) state.view = { lng, lat, zoom };
		else reject('view', `"${view}" is not longitude,latitude,zoom`);
	}

	const time = params.get('time');
	if (time !== null) {
		if (!MONTH.test(time)) reject('time', `"${time}" is not a month like 2025-09`);
		else if (months && (time < months.first || time > months.last)) reject('time', `${time} is outside the data (${months.first} to ${months.last})`);
		else state.time = time;
	}

	const scene = params.get('scene');
	if (scene !== null) {
		if (scenes && !scenes.includes(scene)) reject('scene', `no scene called "${scene}"`);
		else state.scene = scene;
	}

	const feature = params.get('feature');
	if (feature !== null) {
		const [layer, id] = [feature.slice(0, feature.indexOf(':')), feature.slice(feature.indexOf(':') + 1)];
		if (!feature.includes(':') || !layer || !id) reject('feature', `"${feature}" is not layer:id`);
		else if (!layerIds.includes(layer) || (hasFeature && !hasFeature(layer, id))) reject('feature', `no feature "${id}" in layer "${layer}"`);
		else state.feature = { layer, id };
	}

	const lang = params.get('lang');
	if (lang !== null) {
		if (lang === 'en' || lang === 'uk') state.lang = lang;
		else reject('lang', `"${lang}" is not a language of the atlas (en, uk)`);
	}

	const theme = params.get('theme');
	if (theme !== null) {
		if ((THEME_NAMES as readonly string[]).includes(theme)) state.theme = theme as ThemeName;
		else reject('theme', `"${theme}" is not a theme (light, dark)`);
	}

	for (const key of WORD_KEYS) {
		const text = params.get(key);
		if (text === null || tidyWords(text) === '') continue;
		const problem = wordsProblem(key, text);
		if (problem) reject(key, `the ${key} is ${problem}`);
		else state.words = { ...state.words, [key]: tidyWords(text) };
	}
	return { state, problems };
}

/** The query string for a state, short and readable: `layers=hubs,incursions&view=30.50,49.00,3.9`. */
export function serializeState(state: AtlasState): string {
	const params = new URLSearchParams();
	if (state.layers) params.set('layers', state.layers.join(','));
	if (state.view) params.set('view', [state.view.lng.toFixed(2), state.view.lat.toFixed(2), state.view.zoom.toFixed(1)].join(','));
	if (state.time) params.set('time', state.time);
	if (state.scene) params.set('scene', state.scene);
	if (state.feature) params.set('feature', `${state.feature.layer}:${state.feature.id}`);
	if (state.lang) params.set('lang', state.lang);
	if (state.theme) params.set('theme', state.theme);
	for (const key of WORD_KEYS) if (state.words?.[key]) params.set(key, state.words[key]!);
	return params.toString().replace(/%2C/g, ',').replace(/%3A/g, ':');
}
