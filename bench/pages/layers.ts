// The floor: the reference's bare maplibre map plus the atlas's default data layers, drawn with
// the atlas's own style layers, the files fetched as they are (no checks, no panels, no app).
// What maplibre alone costs to draw what the atlas draws; the atlas is measured against it too.
import { bareMap, json } from './base';
import { LABEL_LAYER } from '../../src/lib/map/basemap';
import { layerSpec } from '../../src/lib/manifest/specs';
import { HATCH_IMAGE, hatchImage, sourceId, styleLayersFor } from '../../src/lib/map/styleLayers';
import type { LayerDef } from '../../src/lib/manifest/schema';

// requested beside the base map, as the atlas requests its content
const layers = json('/geodata/layers.json').then(async (manifest: { layers: LayerDef[] }) => {
	const defs = manifest.layers.filter((d) => d.visible !== false);
	return { defs, data: await Promise.all(defs.map((d) => json(`/geodata/${d.file}`))) };
});

void bareMap(async (map, basemap) => {
	const { defs, data } = await layers;
	map.addImage(HATCH_IMAGE, hatchImage());
	defs.forEach((def, i) => {
		const spec = layerSpec({ def, data: data[i] } as never, basemap.countries);
		map.addSource(sourceId(spec), { type: 'geojson', data: spec.display });
		for (const layer of styleLayersFor(spec)) map.addLayer(layer, LABEL_LAYER);
	});
});
