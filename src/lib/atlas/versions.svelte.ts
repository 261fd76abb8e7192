// Dated versions on demand: the page starts with each layer's latest version (in the build's
// content); when the slider moves to a month another version is in force, that version's file is
// fetched from the site, once, and takes the layer's place. The map then swaps the data alone.
import { assets } from '$app/paths';
import type { LayerSpec } from '../manifest/specs';
import { versionInForce } from '../time/timeline';
import type { AtlasSession } from './session.svelte';

/** Registers the effect; call it while a component initialises. */
export function syncVersions(session: AtlasSession): void {
	// by file: a version fetched once is kept, so playing the months back and forth fetches nothing twice
	const loaded = new Map<string, Promise<LayerSpec>>();
	const load = (spec: LayerSpec, file: string): Promise<LayerSpec> => {
		const { lib, countries } = session;
		let next = loaded.get(file);
		if (!next) {
			next = fetch(`${assets}/geodata/${file}`)
				.then((response) => {
					if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
					return response.json();
				})
				.then((data) => lib!.layerSpec({ index: -1, def: { ...spec.def, file }, data, problems: [] }, countries!));
			loaded.set(file, next);
			next.catch(() => loaded.delete(file));
		}
		return next;
	};
	$effect(() => {
		const { viewer, lib, countries } = session;
		if (!viewer || !lib || !countries) return;
		// the months either side of the slider's: fetched (and checked) before a drag or a play asks
		// for them, once the month shown is drawn, so the next step redraws from what is loaded
		const months = viewer.series.map((m) => m.month);
		const at = viewer.until === null ? months.length - 1 : months.indexOf(viewer.until);
		const neighbours = [months[at - 1], months[at + 1]].filter((m) => m !== undefined).map((m) => (m === months.at(-1) ? null : m));
		for (const spec of viewer.layers) {
			const version = viewer.inForce.get(spec.id);
			// (once the page is ready and the reader is in time, by the slider or an address: a page at
			// the latest month fetches nothing for a slider no one may touch)
			if (spec.def.versions && viewer.visible[spec.id] && session.ready && viewer.until !== null)
				for (const month of neighbours) {
					const next = versionInForce(spec.def.versions, month);
					if (next && next.file !== spec.def.file && !loaded.has(next.file)) setTimeout(() => load(spec, next.file).catch(() => {}), 0);
				}
			// a layer that is off fetches nothing; switched on, it fetches the month's version then
			if (!version || version.file === spec.def.file || !viewer.visible[spec.id]) continue;
			load(spec, version.file).then(
				// the slider may have moved on while the file came
				(next) => viewer.inForce.get(spec.id)?.file === version.file && viewer.replaceLayer(next),
				(error) =>
					session.report({
						file: `geodata/${version.file}`,
						field: '',
						layer: spec.id,
						message: `this month's version could not be loaded (${(error as Error).message})`
					})
			);
		}
	});
}
