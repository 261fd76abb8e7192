// The build's side of the features' Ukrainian (see dataUk.svelte.ts): kept out of the code every
// page loads before its first paint.
import type { Feature } from 'geojson';
import type { DataUk } from './built';

/**
 * The build's side of it: takes every `<property>_uk` out of the features that have an id, except
 * those a layer's map labels read (`style.label`'s `<property>_uk`), and returns them by layer and id.
 */
export function splitUkrainian(layers: { id: string; label?: string; features: Feature[] }[]): DataUk {
	const out: DataUk = {};
	for (const layer of layers) {
		const keep = layer.label ? `${layer.label}_uk` : null;
		for (const f of layer.features) {
			const p = f.properties;
			if (!p || typeof p.id !== 'string') continue;
			for (const key of Object.keys(p)) {
				if (!key.endsWith('_uk') || key === keep) continue;
				((out[layer.id] ??= {})[p.id] ??= {})[key] = p[key];
				delete p[key];
			}
		}
	}
	return out;
}
