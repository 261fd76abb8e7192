import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Problem } from '../manifest/errors';
import type { LayerSpec } from '../manifest/specs';

/** What the atlas exposes on `window.__atlas` once its layers are on the map. */
export type AtlasHandle = {
	map: MaplibreMap;
	layers: LayerSpec[];
	problems: Problem[];
	/** true once the base map and every manifest layer have drawn */
	ready: boolean;
};
