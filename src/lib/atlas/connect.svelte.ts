import type { LoadedLayer } from '../manifest/load';
import { syncMap } from './mapSync.svelte';
import type { AtlasSession } from './session.svelte';
import { syncVersions } from './versions.svelte';
import { syncDataLang } from './dataLang.svelte';

/**
 * Connects the session's state to its map: the one path from state to AtlasMap, and the dated
 * versions fetched as the slider needs them. Loaded with the data, not before the first paint
 * (nothing is on the map to sync until then); returns what disconnects it.
 */
export function connect(session: AtlasSession, options: { extraLayers: () => LoadedLayer[]; attribution: () => string }): () => void {
	return $effect.root(() => {
		syncMap(session, options);
		syncVersions(session);
		syncDataLang(session);
	});
}
