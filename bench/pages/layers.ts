// The floor: the reference's bare maplibre map plus the atlas's default data layers, drawn with
// the atlas's own style layers and country fills, the files fetched as they are (no checks, no
// panels, no app).
// What maplibre alone costs to draw what the atlas draws; the atlas is measured against it too.
import { bareMap, json } from './base';
import { COUNTRIES, FILL_STATE, LABEL_LAYER } from '../../src/lib/map/basemap';
import { LIGHT } from '../../src/lib/map/theme';
import { layerSpec } from '../../src/lib/manifest/specs';
import { countryFills, HATCH_IMAGE, hatchImage, isTopLayer, sourceId, styleLayersFor } from '../../src/lib/map/styleLayers';
import type { LayerDef } from '../../src/lib/manifest/schema';

// requested beside the base map, as the atlas requests its content
const layers = json('/geodata/layers.json').then(async (manifest: { layers: LayerDef[] }) => {
	// ?skip=hubs,air-bases leaves layers out, to weigh what each costs with npm run bench:compare
	const skip = (new URLSearchParams(location.search).get('skip') ?? '').split(',');
	const defs = manifest.layers.filter((d) => d.visible !== false && !skip.includes(d.id));
	return { defs, data: await Promise.all(defs.map((d) => json(`/geodata/${d.file}`))) };
});

void bareMap(async (map, basemap) => {
	const { defs, data } = await layers;
	map.addImage(HATCH_IMAGE, hatchImage());
	const specs = defs.map((def, i) => layerSpec({ def, data: data[i] } as never, basemap.countries));
	for (const spec of specs) {
		// the points' names (and their place in the label collision) come after the first view, as in the atlas
		const layers = styleLayersFor(spec).filter((l) => !isTopLayer(l.id));
		if (layers.length === 0) continue; // a choropleth: the land draws it, below
		map.addSource(sourceId(spec), { type: 'geojson', data: spec.display });
		for (const layer of layers) map.addLayer(layer, LABEL_LAYER);
	}
	for (const [iso, fill] of countryFills(specs, LIGHT, null, () => true)) map.setFeatureState({ source: COUNTRIES, id: iso }, { [FILL_STATE]: fill.color });
});
