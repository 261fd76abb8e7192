import { fill, translator } from '../i18n/i18n.svelte';
import { UK_ANALYSIS } from '../i18n/uk.analysis';
import type { Comparison } from '../manifest/claims';
import { formatValue } from './format';
import { monthLabel } from '../time/timeline';

const t = translator(UK_ANALYSIS);

/**
 * What a figure beside a claim is, in the reader's language: the atlas's own measurements are
 * named here (in English as claims.ts names them; a unit test holds the two together), a figure
 * from claims.json has the label its editor wrote, and its `label_uk`.
 */
export function comparisonLabel(c: Comparison): string {
	const month = c.month ? monthLabel(c.month, t.months()) : t('the latest snapshot');
	const labels: Record<string, string> = {
		contactLineKm: t('Length of the contact line as traced on this map'),
		frontKm: fill(t("Front line in {month}, at DeepState's resolution"), { month }),
		frontSmoothedKm: fill(t('Front line in {month}, smoothed to 3 km'), { month }),
		ukraineKm2: t('Area of recognised Ukraine on this map'),
		kosovoKm2: t('Area of Kosovo on this map'),
		ukraineToKosovo: t('Ukraine over Kosovo, areas on this map'),
		occupiedSharePct: t('Occupied share of Ukraine on this map'),
		coalitionMembers: t('Member states this atlas can name from public reporting'),
		coalitionPledgedNamed: t('States publicly confirmed among the 26'),
		troopsPer100Km2OfKosovo: t('Troops per 100 km2 of Kosovo (area on this map)'),
		troopsPer100Km2OfUkraine: t('Troops per 100 km2 of Ukraine (area on this map)'),
		troopsPerKmOfFront: fill(t('Troops per km of front ({front})'), { front: formatValue(c.frontKm ?? 0, 'km') })
	};
	return (c.metric && labels[c.metric]) || t.pick(c.label, c.labelUk);
}
