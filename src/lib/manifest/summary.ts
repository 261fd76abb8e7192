import type { Feature } from 'geojson';
import type { LegendEntry } from './specs';

export type SummaryInput = { title: string; features: Feature[]; legend: LegendEntry[] };

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One sentence per layer, naming a few features and the legend's classes: the map in words. */
export function summarySentence({ title, features, legend }: SummaryInput): string {
	const names = features.slice(0, 6).map((f) => String(f.properties?.name));
	const more = features.length > names.length ? `, and ${features.length - names.length} more` : '';
	const classes = legend.length > 1 ? ` By class: ${legend.filter((e) => e.count > 0).map((e) => `${e.label} ${e.count}`).join(', ')}.` : '';
	return `${title}: ${count(features.length, 'feature')} (${names.join('; ')}${more}).${classes}`;
}
