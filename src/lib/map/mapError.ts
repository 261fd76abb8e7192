import type { LayerSpec } from '../manifest/specs';
import type { Problem } from '../manifest/errors';

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
	if (!spec) return { file: '', field: 'map', message: `the map reported an error (${error})` };
	return { file: `geodata/${spec.def.file}`, field: '', layer: spec.id, message: `the map could not draw this layer (${error})` };
}
