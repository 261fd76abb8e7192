import { MONTHS } from '../time/timeline';
import { fill, pluralForm, type Wording } from '../i18n/grammar';
import type { Feature } from 'geojson';
import type { LegendEntry } from '../manifest/legend';
import type { LayerDef } from '../manifest/schema';
import { entryLabel, featureText, layerTitle } from '../manifest/localise';

export type SummaryInput = { def: LayerDef; features: Feature[]; legend: LegendEntry[] };

/** The wording of pages prerendered at build time, and of any caller that gives none. */
export const ENGLISH: Wording = { lang: 'en', t: (english) => english, months: MONTHS, number: String };

/** One sentence per layer, naming a few features and the legend's classes: the map in words. */
export function summarySentence({ def, features, legend }: SummaryInput, words: Wording = ENGLISH): string {
	const { t, number } = words;
	const title = layerTitle(def, words.lang);
	const names = features
		.map((f) => featureText(f.properties, 'name', words.lang) || f.properties?.id)
		.filter((n) => n !== undefined && n !== null && n !== '')
		.slice(0, 6)
		.map(String);
	const more = features.length > names.length ? `, ${fill(t('and {n} more'), { n: number(features.length - names.length) })}` : '';
	const classes =
		legend.length > 1
			? ` ${t('By class:')} ${legend
					.filter((e) => e.count > 0)
					.map((e) => `${entryLabel(def, e, words.lang, t)} ${number(e.count)}`)
					.join(', ')}.`
			: '';
	const counted = `${number(features.length)} ${pluralForm(words.lang, features.length, t('feature|features'))}`;
	return `${title}: ${counted} (${names.join('; ')}${more}).${classes}`;
}

type InView = { kind: string; layerId: string | null; properties: Record<string, unknown> };

/** `2025-09-10` → `10 Sep 2025`. */
function dayLabel(date: string, months = MONTHS): string {
	const [y, m, d] = date.split('-').map(Number);
	return `${d} ${months[m - 1]} ${y}`;
}

/**
 * What the current view shows, one sentence a layer, for screen readers:
 * `Incursions in view: 12, 9 in Poland, latest 10 Sep 2025.` Country names are not declined, so
 * the Ukrainian puts them after a dash.
 */
export function viewSentences(inView: InView[], words: Wording = ENGLISH): string[] {
	const { t, number } = words;
	const byLayer = new Map<string, InView[]>();
	for (const p of inView) byLayer.set(p.kind, [...(byLayer.get(p.kind) ?? []), p]);
	return [...byLayer].map(([title, items]) => {
		const parts = [fill(t('{layer} in view: {n}'), { layer: title, n: number(items.length) })];
		const countries = new Map<string, number>();
		for (const { properties } of items)
			if (typeof properties.country === 'string') {
				const country = featureText(properties, 'country', words.lang);
				countries.set(country, (countries.get(country) ?? 0) + 1);
			}
		const top = [...countries].sort((a, b) => b[1] - a[1])[0];
		if (top && countries.size > 1) parts.push(fill(t('{n} in {country}'), { n: number(top[1]), country: top[0] }));
		else if (top) parts.push(fill(t('all in {country}'), { country: top[0] }));
		const dates = items
			.map((i) => i.properties.date)
			.filter((d): d is string => typeof d === 'string')
			.sort();
		if (dates.length) parts.push(fill(t('latest {date}'), { date: dayLabel(dates.at(-1)!, words.months) }));
		return `${parts.join(', ')}.`;
	});
}
