import type { LayerSpec } from '../manifest/specs';
import type { Problem } from '../manifest/errors';
import { DETAIL, DETAIL_FILE } from './basemap';

/** What maplibre's `error` event carries: a source's errors come with its id, a style layer's with the layer. */
export type MapErrorEvent = { error?: unknown; sourceId?: string; layer?: { id?: string } };

/**
 * maplibre's `error` event as a notice naming the layer it belongs to: left to itself, maplibre
 * only logs it to the console and the layer is silently missing from the map. `sourceId` comes
 * from the caller: styleLayers is not loaded before the base map's first paint, and this module is.
 *
 * @example
 * map.on('error', (e) => onError(problemOfMapError(e, specs, styleLayers.sourceId)));
 */
export function problemOfMapError(event: MapErrorEvent, specs: readonly LayerSpec[], sourceId: (spec: LayerSpec) => string | undefined): Problem {
	const error = event.error instanceof Error ? event.error.message : String(event.error ?? 'unknown error');
	// a style layer's id is the manifest layer's id and a suffix (`hubs:circle`)
	const spec = specs.find((s) => (event.sourceId !== undefined && event.sourceId === sourceId(s)) || event.layer?.id?.split(':')[0] === s.id);
	// the rivers, lakes and towns: the map is whole without them, so the notice says what is missing
	// and, for a host that sends the whole file where a part was asked for, what the host must do
	if (event.sourceId === DETAIL)
		return {
			file: DETAIL_FILE,
			field: '',
			fatal: false,
			message: /content-length|byte serving/i.test(error)
				? `the base map's rivers, lakes and towns were not drawn: the site's server sent the whole file where a part was asked for (it must answer HTTP byte-range requests, as most hosts and CDNs do)`
				: `the base map's rivers, lakes and towns were not drawn (${error})`
		};
	if (!spec) return { file: '', field: 'map', message: `the map reported an error (${error})` };
	return { file: `geodata/${spec.def.file}`, field: '', layer: spec.id, message: `the map could not draw this layer (${error})` };
}
