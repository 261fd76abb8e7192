import { loadBundledGeodata } from '$lib/content/bundled';
import { citationsBySource } from '$lib/content/citations';

export async function load() {
	const data = await loadBundledGeodata();
	const cited = citationsBySource(data);
	const entries = Object.entries(data.sources)
		.map(([key, source]) => ({ key, ...source, citedBy: cited.get(key) ?? [] }))
		.sort((a, b) => a.publisher.localeCompare(b.publisher) || a.key.localeCompare(b.key));
	return { entries };
}
