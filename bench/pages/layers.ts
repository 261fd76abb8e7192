// The floor: the reference's bare maplibre map plus the atlas's default data layers, drawn with
// the atlas's own style layers, the files fetched as they are (no checks, no panels, no app).
// What maplibre alone costs to draw what the atlas draws; the atlas is measured against it too.
import maplibregl from 'maplibre-gl';
import 'maplibre-gl/dist/maplibre-gl.css';
import { basemapStyle, decodeBasemap, LABEL_LAYER } from '../../src/lib/map/basemap';
import { LIGHT } from '../../src/lib/map/theme';
import { DEFAULT_VIEW } from '../../src/lib/view';
import { layerSpec } from '../../src/lib/manifest/specs';
import { HATCH_IMAGE, hatchImage, sourceId, styleLayersFor } from '../../src/lib/map/styleLayers';
import type { LayerDef } from '../../src/lib/manifest/schema';

const json = (path: string) => fetch(path).then((r) => r.json());

const [topology, labels, manifest] = await Promise.all([json('/data/basemap.topo.json'), json('/data/labels.geojson'), json('/geodata/layers.json')]);
const defs = (manifest.layers as LayerDef[]).filter((d) => d.visible !== false);
const files = Promise.all(defs.map((d) => json(`/geodata/${d.file}`)));
const basemap = decodeBasemap(topology, labels);
const map = new maplibregl.Map({ container: 'map', style: basemapStyle(LIGHT, basemap), center: DEFAULT_VIEW.center, zoom: DEFAULT_VIEW.zoom });
map.once('style.load', async () => {
	const data = await files;
	map.addImage(HATCH_IMAGE, hatchImage());
	defs.forEach((def, i) => {
		const spec = layerSpec({ def, data: data[i] } as never, basemap.countries);
		map.addSource(sourceId(spec), { type: 'geojson', data: spec.display });
		for (const layer of styleLayersFor(spec)) map.addLayer(layer, LABEL_LAYER);
	});
	map.once('idle', () => (window.__bench = { idleAt: performance.now(), map }));
});
