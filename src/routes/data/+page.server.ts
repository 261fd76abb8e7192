import { bundledFrontFigures, loadBundledGeodata } from '$lib/content/bundled';
import { dataTables } from '$lib/content/dataTables';

export async function load() {
	return { layers: dataTables(await loadBundledGeodata(), bundledFrontFigures()) };
}
