// A layer's colours and legend rows from its manifest entry alone: no geometry and no turf, so the
// map's style code and the card can use them without bringing the geo math into the first paint.
import type { Feature } from 'geojson';
import type { LayerDef } from './schema';

/** A legend row; `label` is English (manifest/localise.ts gives the reader's language). */
export type LegendEntry = { label: string; color: string; count: number; value?: string; unclassified?: true };

export const DEFAULT_COLOR = '#2b6cb0';
export const UNCLASSIFIED = '#9aa5b1';

/** Legend rows: one per category with how many features fall in it (on or off the map), or one row. */
export function legendFor(def: LayerDef, features: Feature[]): LegendEntry[] {
	const by = def.style.by;
	if (!by) return [{ label: def.legend?.label ?? def.title, color: def.style.color ?? DEFAULT_COLOR, count: features.length }];
	const counts = new Map<string, number>();
	for (const f of features) {
		const value = String(f.properties?.[by.property]);
		counts.set(value, (counts.get(value) ?? 0) + 1);
	}
	const entries: LegendEntry[] = by.categories.map((c) => ({ label: c.label, color: c.color, value: c.value, count: counts.get(c.value) ?? 0 }));
	const known = new Set(by.categories.map((c) => c.value));
	const other = [...counts].filter(([value]) => !known.has(value)).reduce((sum, [, n]) => sum + n, 0);
	if (other > 0) entries.push({ label: 'Unclassified', color: UNCLASSIFIED, count: other, unclassified: true });
	return entries;
}

/** The colour a feature is drawn in, the same rule the map's style expression applies. */
export function colorOf(def: LayerDef, properties: Record<string, unknown> | null): string {
	const by = def.style.by;
	if (!by) return def.style.color ?? DEFAULT_COLOR;
	return by.categories.find((c) => c.value === String(properties?.[by.property]))?.color ?? UNCLASSIFIED;
}
