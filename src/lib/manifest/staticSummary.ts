import type { AtlasData } from './load';
import { legendFor } from './legend';
import { summarySentence } from './summary';

/** The map in words for pages rendered at build time (no JavaScript): default-visible layers only. */
export function staticSummary(data: AtlasData): string[] {
	return data.layers
		.filter((l) => l.def.visible !== false)
		.map((l) => summarySentence({ title: l.def.title, features: l.data.features, legend: legendFor(l.def, l.data.features) }));
}
