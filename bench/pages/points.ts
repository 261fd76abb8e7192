// The incursions layer drawn by the atlas's own deck.gl code with N synthetic points (?n=100 or
// ?n=100000) over the reference base map, for the pan frame-time benchmark. Past the cluster
// threshold (src/lib/geo/clusters.ts) that code draws clusters, as the atlas would.
import { bareMap } from './base';
import { createDeckLayers } from '../../src/lib/map/deck';
import { PAINT } from '../../src/lib/design/defaults';
import { LABEL_LAYER } from '../../src/lib/map/basemap';
import manifest from '../../geodata/layers.json';
import type { LayerSpec } from '../../src/lib/manifest/specs';
import type { Feature, Point } from 'geojson';

declare global {
	interface Window {
		/** `layerMs`: from handing deck.ts the points to their layer drawn (clusters built and queried in the worker) */
		__points?: { n: number; drawnAt: number; layerMs: number };
	}
}

const n = Number(new URLSearchParams(location.search).get('n') ?? 100);
const def = (manifest as unknown as { layers: LayerSpec['def'][] }).layers.find((l) => l.id === 'incursions')!;
const crafts = def.style.by!.categories.map((c) => c.value);

// a fixed sequence (mulberry32), so every run pans over the same points
let seed = 8;
const random = () => {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
	t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
	return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
// spread over the map's opening view and around it: Europe from the Baltic to the Black Sea
const features: Feature<Point>[] = Array.from({ length: n }, (_, i) => ({
	type: 'Feature',
	properties: { _i: i, craft: crafts[Math.floor(random() * crafts.length)] },
	geometry: { type: 'Point', coordinates: [14 + random() * 30, 42 + random() * 18] }
}));
const spec = { id: 'incursions', def, display: { type: 'FeatureCollection', features }, offMap: [], legend: [], color: '#000' } as LayerSpec;

const map = await bareMap();
// a dense layer is clustered in a worker: the pans start once its clusters are drawn
const handedAt = performance.now();
await createDeckLayers(map, PAINT).set([spec], LABEL_LAYER, null, () => true);
const layerMs = performance.now() - handedAt;
await new Promise<void>((resolve) => {
	map.once('idle', () => resolve());
	map.triggerRepaint();
});
window.__points = { n, drawnAt: performance.now(), layerMs };
