import { MONTHS } from '../time/timeline';
import type { Feature } from 'geojson';
import type { LegendEntry } from './legend';

export type SummaryInput = { title: string; features: Feature[]; legend: LegendEntry[] };

const count = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** One sentence per layer, naming a few features and the legend's classes: the map in words. */
export function summarySentence({ title, features, legend }: SummaryInput): string {
	const names = features
		.map((f) => f.properties?.name ?? f.properties?.id)
		.filter((n) => n !== undefined && n !== null)
		.slice(0, 6)
		.map(String);
	const more = features.length > names.length ? `, and ${features.length - names.length} more` : '';
	const classes = legend.length > 1 ? ` By class: ${legend.filter((e) => e.count > 0).map((e) => `${e.label} ${e.count}`).join(', ')}.` : '';
	return `${title}: ${count(features.length, 'feature')} (${names.join('; ')}${more}).${classes}`;
}

type InView = { kind: string; layerId: string | null; properties: Record<string, unknown> };

/** `2025-09-10` → `10 Sep 2025`. */
function dayLabel(date: string, months = MONTHS): string {
	const [y, m, d] = date.split('-').map(Number);
	return `${d} ${months[m - 1]} ${y}`;
}

/**
 * What the current view shows, one sentence a layer, for screen readers:
 * `Incursions in view: 12, 9 in Poland, latest 10 Sep 2025.`
 */
export function viewSentences(inView: InView[]): string[] {
	const byLayer = new Map<string, InView[]>();
	for (const p of inView) byLayer.set(p.kind, [...(byLayer.get(p.kind) ?? []), p]);
	return [...byLayer].map(([title, items]) => {
		const parts = [`${title} in view: ${items.length}`];
		const countries = new Map<string, number>();
		for (const { properties } of items) if (typeof properties.country === 'string') countries.set(properties.country, (countries.get(properties.country) ?? 0) + 1);
		const top = [...countries].sort((a, b) => b[1] - a[1])[0];
		if (top && countries.size > 1) parts.push(`${top[1]} in ${top[0]}`);
		else if (top) parts.push(`all in ${top[0]}`);
		const dates = items.map((i) => i.properties.date).filter((d): d is string => typeof d === 'string').sort();
		if (dates.length) parts.push(`latest ${dayLabel(dates.at(-1)!)}`);
		return `${parts.join(', ')}.`;
	});
}
