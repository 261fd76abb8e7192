import type { Geodata } from '../manifest/load';

/** `layer` is the citing layer's title, `layerUk` its Ukrainian title when the manifest has one; the same for the feature's name. */
export type Citation = { layer: string; layerUk?: string; feature?: string; featureUk?: string };

/** For each source key, the layers and features that cite it, in manifest order. */
export function citationsBySource(data: Geodata): Map<string, Citation[]> {
	const cited = new Map<string, Citation[]>();
	const add = (key: string, citation: Citation) => cited.set(key, [...(cited.get(key) ?? []), citation]);
	for (const layer of data.layers) {
		const named = { layer: layer.def.title, layerUk: layer.def.i18n?.uk.title };
		for (const key of layer.def.sources) add(key, named);
		for (const feature of layer.data.features)
			for (const key of (feature.properties?.sources as string[]) ?? [])
				add(key, {
					...named,
					feature: String(feature.properties?.name),
					...(typeof feature.properties?.name_uk === 'string' ? { featureUk: feature.properties.name_uk } : {})
				});
	}
	return cited;
}
