// The features' Ukrainian, fetched once a reader reads the atlas in Ukrainian (see content/dataUk).
import { assets } from '$app/paths';
import { lang } from '../i18n/i18n.svelte';
import { BUILT_CONTENT_UK } from '../content/built';
import { fillDataUk } from '../content/dataUk.svelte';
import type { AtlasSession } from './session.svelte';

/** Registers the effect; call it while a component initialises. */
export function syncDataLang(session: AtlasSession): void {
	$effect(() => {
		const { viewer } = session;
		if (!viewer || lang() !== 'uk') return;
		// the layers in hand and those a month's slider swaps back to
		const specs = [...viewer.layers, ...viewer.manifestLayers];
		fillDataUk(
			`${assets}/${BUILT_CONTENT_UK}`,
			specs.map((s) => ({ id: s.id, features: [...s.display.features, ...s.offMap] }))
		).catch((error) =>
			session.report({
				file: BUILT_CONTENT_UK,
				field: '',
				message: `the features' Ukrainian texts could not be loaded; they show in English (${(error as Error).message})`
			})
		);
	});
}
