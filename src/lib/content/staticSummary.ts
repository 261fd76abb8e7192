import type { Wording } from '../i18n/grammar';
import type { Geodata } from '../manifest/load';
import { legendFor } from '../manifest/legend';
import { ENGLISH, summarySentence } from './summary';

/**
 * The map in words for pages rendered at build time (no JavaScript): default-visible layers only.
 * English there, since a prerendered page cannot read `?lang`; a Ukrainian wording takes the
 * layers' and features' Ukrainian.
 */
export function staticSummary(data: Geodata, words: Wording = ENGLISH): string[] {
	return data.layers
		.filter((l) => l.def.visible !== false)
		.map((l) => summarySentence({ def: l.def, features: l.data.features, legend: legendFor(l.def, l.data.features) }, words));
}
