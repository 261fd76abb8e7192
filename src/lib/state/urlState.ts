import type { Problem } from '../manifest/errors';

/** What a link restores: which layers show and where the map looks. */
export type AtlasState = {
	layers?: string[];
	view?: { lng: number; lat: number; zoom: number };
};


/**
 * Reads the atlas state from a query string. A malformed parameter is left out and reported, so
 * the map falls back to its default for that part and says so. Parameters that are not ours
 * (pym.js's childId, utm_*, fbclid) are ignored silently: readers did nothing wrong. Never throws.
 *
 * @example
 * parseState(new URLSearchParams('layers=hubs,incursions&view=30.5,49,4'), ['hubs', 'incursions'])
 */
export function parseState(params: URLSearchParams, layerIds: string[]): { state: AtlasState; problems: Problem[] } {
	const state: AtlasState = {};
	const problems: Problem[] = [];
	const reject = (key: string, message: string) => problems.push({ path: `address: ${key}`, message: `${message}; the default is used` });

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
	return { state, problems };
}

/** The query string for a state, short and readable: `layers=hubs,incursions&view=30.50,49.00,3.9`. */
export function serializeState(state: AtlasState): string {
	const params = new URLSearchParams();
	if (state.layers) params.set('layers', state.layers.join(','));
	if (state.view) params.set('view', [state.view.lng.toFixed(2), state.view.lat.toFixed(2), state.view.zoom.toFixed(1)].join(','));
	return params.toString().replace(/%2C/g, ',');
}
