// What a reader of the Ukrainian atlas would still read in English: the texts of a layer (its
// manifest entry and its features' displayed properties) that have no Ukrainian beside them. Not a
// problem for the build (an editor's new layer shows in English until it is translated):
// `npm run layer -- check --ukrainian` lists them as warnings, and a unit test keeps the atlas's own
// layers complete.
import type { Feature, Geometry } from 'geojson';
import type { LayerDef } from './schema';
import { isDateText } from './localise';

const filled = (value: unknown) => typeof value === 'string' && value.trim() !== '';
const hasText = (value: unknown) => (filled(value) && !isDateText(value)) || (Array.isArray(value) && value.some(filled));

/** Where the layer's texts lack Ukrainian, each as "geodata/<file>: <where>: <what>". */
export function ukrainianGaps(def: LayerDef, features: Feature<Geometry | null>[], file = `geodata/${def.file}`): string[] {
	const gaps: string[] = [];
	const uk = def.i18n?.uk;
	const at = `geodata/layers.json: layer "${def.id}"`;
	if (!uk) return [`${at}: no i18n.uk (the layer's title and texts in Ukrainian)`];
	if (def.description && !filled(uk.description)) gaps.push(`${at}: no i18n.uk.description`);
	if (def.legend?.note && !filled(uk.note)) gaps.push(`${at}: no i18n.uk.note (the legend's note)`);
	if (def.legend?.label && !filled(uk.legendLabel)) gaps.push(`${at}: no i18n.uk.legendLabel`);
	for (const c of def.style.by?.categories ?? []) if (!filled(uk.categories?.[c.value])) gaps.push(`${at}: no i18n.uk.categories["${c.value}"] (${c.label})`);
	for (const t of def.tooltip ?? []) if (!filled(uk.fields?.[t.property])) gaps.push(`${at}: no i18n.uk.fields["${t.property}"] (${t.label})`);

	// the feature texts a reader sees: its name and the card's rows that are text, not categories
	const shown = ['name', ...(def.tooltip ?? []).map((t) => t.property).filter((p) => p !== def.style.by?.property)];
	features.forEach((f, i) => {
		const p = f.properties ?? {};
		const missing = shown.filter((key) => hasText(p[key]) && !filled(p[`${key}_uk`]) && !(Array.isArray(p[`${key}_uk`]) && hasText(p[`${key}_uk`])));
		if (missing.length) gaps.push(`${file}: features[${i}]${p.id ? ` (${p.id})` : ''}: no ${missing.map((k) => `${k}_uk`).join(', ')}`);
	});
	return gaps;
}

/**
 * The check's warning, for an editor translating the layers: how many texts lack Ukrainian and the
 * first `limit` of them, one a line. None where every text has its Ukrainian.
 */
export function ukrainianWarnings(layers: { def: LayerDef; data: { features: Feature<Geometry | null>[] } }[], limit = 20): string[] {
	const gaps = layers.flatMap((l) => ukrainianGaps(l.def, l.data.features));
	if (gaps.length === 0) return [];
	const more = gaps.length - limit;
	return [
		`warning: ${gaps.length} place(s) without Ukrainian (the Ukrainian atlas shows them in English):`,
		...gaps.slice(0, limit).map((g) => `  ${g}`),
		...(more > 0 ? [`  … and ${more} more`] : [])
	];
}
