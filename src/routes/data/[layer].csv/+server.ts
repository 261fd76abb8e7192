import { error } from '@sveltejs/kit';
import { loadBundledGeodata } from '$lib/content/bundled';
import { featuresToCsv, layerColumns } from '$lib/content/csv';
import type { EntryGenerator, RequestHandler } from './$types';

// written once at build time, one static file a layer, like the GeoJSON beside it
export const prerender = true;

export const entries: EntryGenerator = async () => (await loadBundledGeodata()).layers.map((layer) => ({ layer: layer.def.id }));

export const GET: RequestHandler = async ({ params }) => {
	const layer = (await loadBundledGeodata()).layers.find((l) => l.def.id === params.layer);
	if (!layer) error(404, `No layer "${params.layer}" in geodata/layers.json`);
	const csv = featuresToCsv(layer.data.features, layerColumns(layer.def, layer.data.features));
	// the byte-order mark tells Excel the file is UTF-8 (Šiauliai, Câmpia Turzii), as the header cannot
	return new Response(`\uFEFF${csv}`, { headers: { 'content-type': 'text/csv; charset=utf-8' } });
};
