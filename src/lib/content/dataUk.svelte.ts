// The features' Ukrainian texts (`<property>_uk`) do not travel in the build's content, which every
// reader loads before the map's first idle: the build writes them apart (BUILT_CONTENT_UK, see
// splitUkrainian), and they come when a reader first asks for Ukrainian, set into the features in
// hand. A layer read from its own file (an editor's draft, a month's version) keeps them inline.
import type { Feature } from 'geojson';
import type { DataUk } from './built';
import { lang } from '../i18n/i18n.svelte';

let version = $state(0);
let loading: Promise<DataUk> | null = null;

/**
 * The reader's language, for a feature's texts: read where they show (a template, a derived that
 * makes the text), so they show again in Ukrainian when the Ukrainian comes.
 */
export function dataLang(): 'en' | 'uk' {
	void version;
	return lang();
}

/** Fetches the Ukrainian texts once and sets them into each layer's features (a layer can be given again: it is filled from what came). */
export async function fillDataUk(url: string, layers: { id: string; features: Feature[] }[]): Promise<void> {
	loading ??= fetch(url).then((response) => {
		if (!response.ok) throw new Error(`${url}: ${response.status}`);
		return response.json() as Promise<DataUk>;
	});
	let texts: DataUk;
	try {
		texts = await loading;
	} catch (error) {
		loading = null;
		throw error;
	}
	for (const layer of layers) {
		const byId = texts[layer.id];
		if (!byId) continue;
		for (const f of layer.features) {
			const uk = f.properties && byId[String(f.properties.id)];
			if (uk) Object.assign(f.properties!, uk);
		}
	}
	version++;
}
