import type { Problem } from '../manifest/errors';
import type { LayerSpec } from '../manifest/specs';
import type { MapTestHandle, PublishedMap } from '../map/testHandle';

/**
 * What the atlas exposes on `window.__atlas` once its layers are on the map, for people and tests
 * outside it; no code of the atlas reads it. `map` is maplibre's map, a read-only handle for QA
 * scripts and the browser's devtools; the project's end-to-end tests ask `test` instead, by name
 * (tests/e2e/atlas.ts), never `map`.
 */
export type AtlasHandle = {
	readonly map: PublishedMap;
	/** the named questions the end-to-end tests ask the map, with plain answers: there a moment after `ready` */
	test?: MapTestHandle;
	layers: LayerSpec[];
	problems: Problem[];
	/** true once the base map and every manifest layer have drawn */
	ready: boolean;
};
