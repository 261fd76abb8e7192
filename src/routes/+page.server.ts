import { loadBundledGeodata } from '$lib/content/bundled';
import { staticSummary } from '$lib/content/staticSummary';

export async function load() {
	return { summary: staticSummary(await loadBundledGeodata()) };
}
