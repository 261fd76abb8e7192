import { error } from '@sveltejs/kit';
import { bundledScenes, loadBundledGeodata } from '$lib/content/bundled';
import { staticSummary } from '$lib/content/staticSummary';

// one page a scene, so a CMS or social network given its address finds the scene's card and oEmbed
export const entries = () => bundledScenes().map((s) => ({ id: s.id }));

export async function load({ params }) {
	const scene = bundledScenes().find((s) => s.id === params.id);
	if (!scene) error(404, `No scene called "${params.id}"`);
	return { scene, summary: staticSummary(await loadBundledGeodata()) };
}
