// A layer's and a feature's words in the reader's language. The manifest holds a layer's Ukrainian
// in `i18n.uk` (title, description, legend note and label, categories by value, card fields by
// property); a feature holds its own beside the English as `<property>_uk`. Where a Ukrainian text
// is missing, the English stands: an editor's new layer shows as it was written.
import type { LayerDef } from './schema';
import type { LegendEntry } from './legend';

export type DataLang = 'en' | 'uk';

const ukOf = (def: LayerDef, lang: DataLang) => (lang === 'uk' ? def.i18n?.uk : undefined);

export const layerTitle = (def: LayerDef, lang: DataLang): string => ukOf(def, lang)?.title || def.title;

export const layerDescription = (def: LayerDef, lang: DataLang): string => ukOf(def, lang)?.description || def.description || '';

export const legendNote = (def: LayerDef, lang: DataLang): string => ukOf(def, lang)?.note || def.legend?.note || '';

/** A legend row's label: its category's, or for a one-row legend the layer's legend label or title. */
export function entryLabel(def: LayerDef, entry: LegendEntry, lang: DataLang, translate: (english: string) => string = (s) => s): string {
	if (entry.unclassified) return translate(entry.label);
	const uk = ukOf(def, lang);
	if (!uk) return entry.label;
	if (entry.value !== undefined) return uk.categories?.[entry.value] || entry.label;
	return def.legend?.label ? uk.legendLabel || entry.label : uk.title;
}

/** A category's label for a value of the layer's `by` property ("Drone", "Дрон"), or null where the property is not the one colouring the layer. */
export function categoryLabel(def: LayerDef, property: string, value: unknown, lang: DataLang = 'en'): string | null {
	const by = def.style.by;
	if (!by || property !== by.property) return null;
	const category = by.categories.find((c) => c.value === String(value));
	if (!category) return null;
	return ukOf(def, lang)?.categories?.[category.value] || category.label;
}

/** A card field's label: the manifest's Ukrainian for the property, or its English label. */
export const fieldLabel = (def: LayerDef, property: string, english: string, lang: DataLang): string => ukOf(def, lang)?.fields?.[property] || english;

/** A text that is a date (2025-09-04, or a month, 2025-09): shown in the reader's own words, never translated. */
export const isDateText = (value: unknown): value is string => typeof value === 'string' && /^\d{4}-\d{2}(-\d{2})?$/.test(value);

const asText = (value: unknown): string => (value === null || value === undefined ? '' : Array.isArray(value) ? value.join(', ') : String(value));

/** A feature's (or a claim's, a preset's) text in the reader's language: `<key>_uk` in Ukrainian where it has one. */
export function featureText(properties: Record<string, unknown> | null | undefined, key: string, lang: DataLang): string {
	if (!properties) return '';
	// own properties only: `constructor` read plainly is every object's, `function Object() { [native code] }`
	const own = (name: string) => (Object.hasOwn(properties, name) ? properties[name] : undefined);
	if (lang === 'uk') {
		const uk = asText(own(`${key}_uk`));
		if (uk) return uk;
	}
	return asText(own(key));
}
