import { loadBundledAtlasData } from '$lib/manifest/bundled';
import { staticSummary } from '$lib/manifest/staticSummary';

export async function load() {
	return { summary: staticSummary(await loadBundledAtlasData()) };
}
