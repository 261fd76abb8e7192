import type { AtlasData } from './load';

export type Citation = { layer: string; feature?: string };

/** For each source key, the layers and features that cite it, in manifest order. */
export function citationsBySource(data: AtlasData): Map<string, Citation[]> {
	const cited = new Map<string, Citation[]>();
	const add = (key: string, citation: Citation) => cited.set(key, [...(cited.get(key) ?? []), citation]);
	for (const layer of data.layers) {
		for (const key of layer.def.sources) add(key, { layer: layer.def.title });
		for (const feature of layer.data.features)
			for (const key of (feature.properties?.sources as string[]) ?? []) add(key, { layer: layer.def.title, feature: String(feature.properties?.name) });
	}
	return cited;
}
