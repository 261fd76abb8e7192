import type { Feature } from 'geojson';

/** A calendar month, `2025-09`. */
export type Month = string;
export type MonthCount = { month: Month; count: number };

export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The event date of a feature (its `date` property), or null for undated features. */
function eventDate(feature: Feature): string | null {
	const date = feature.properties?.date;
	return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : null;
}

/** True when a layer's features are events with dates: the time slider filters such layers. */
export const isTimed = (features: Feature[]) => features.some((f) => eventDate(f) !== null);

/**
 * Whether a layer's dated features are events the time slider counts and filters (the incursions):
 * every layer unless its manifest entry says `"events": false`, as a layer of places that merely
 * carry a date (logistics points opened on a day) does.
 */
export const countsAsEvents = (def: { events?: boolean }) => def.events !== false;

/** `shownAt` for a feature of a layer: a layer that is not an events layer shows every feature at every month. */
export const shownIn = (def: { events?: boolean }, feature: Feature, until: Month | null) => !countsAsEvents(def) || shownAt(feature, until);

/** The last day a month can have, as a string that every ISO date of that month sorts at or before. */
export const monthEnd = (month: Month) => `${month}-31`;

/**
 * The time filter's bound for one layer: the latest `date` its features carry up to the end of
 * `until` ('' when none; null: no filter). It shows the same features as the month's end, and it
 * is the same bound for every month with no new event, so a slider step over such months changes
 * no filter and the map lays out nothing again.
 *
 * @example
 * timeCutoff(incursions, '2025-10') // '2025-10-19': the last incursion up to October 2025
 */
export function timeCutoff(features: Feature[], until: Month | null): string | null {
	if (until === null) return null;
	const end = monthEnd(until);
	let cutoff = '';
	for (const f of features) {
		const date = f.properties?.date;
		if (typeof date === 'string' && date <= end && date > cutoff) cutoff = date;
	}
	return cutoff;
}

/** Whether a feature shows up to the end of `until` (null: no time filter). Undated features always do. */
export function shownAt(feature: Feature, until: Month | null): boolean {
	const date = eventDate(feature);
	return until === null || date === null || date <= monthEnd(until);
}

const nextMonth = (month: Month): Month => {
	const [y, m] = month.split('-').map(Number);
	return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};

/**
 * Incidents per calendar month, every month from the first event to the last, empty months
 * included, so a bar chart's x axis is time and not just the months that had events. `alsoSpan`
 * (the as-of dates of a layer's dated versions) widens the months without counting as incidents,
 * so the slider reaches every version even where no event falls.
 *
 * @example
 * monthlyCounts(['2025-09-10', '2025-11-02']) // [{2025-09: 1}, {2025-10: 0}, {2025-11: 1}]
 * monthlyCounts([], ['2024-12-01', '2025-02-15']) // [{2024-12: 0}, {2025-01: 0}, {2025-02: 0}]
 */
export function monthlyCounts(dates: string[], alsoSpan: string[] = []): MonthCount[] {
	const counts = new Map<Month, number>();
	for (const d of dates) counts.set(d.slice(0, 7), (counts.get(d.slice(0, 7)) ?? 0) + 1);
	const months = [...counts.keys(), ...alsoSpan.map((d) => d.slice(0, 7))].filter((m) => MONTH.test(m)).sort();
	if (months.length === 0) return [];
	const out: MonthCount[] = [];
	for (let m = months[0]; m <= months[months.length - 1]; m = nextMonth(m)) out.push({ month: m, count: counts.get(m) ?? 0 });
	return out;
}

/** The slider's months for a set of layers: their events, widened to the as-of dates of their dated versions. */
export const timelineOf = (layers: { features: Feature[]; versions?: { asOf: string }[] }[]): MonthCount[] =>
	monthlyCounts(
		layers.flatMap((l) => l.features.map(eventDate).filter((d): d is string => d !== null)),
		layers.flatMap((l) => l.versions?.map((v) => v.asOf) ?? [])
	);

/** Incidents per year, for the chart's text alternative: `2022: 7, 2023: 9, …`. */
export function yearlyCounts(series: MonthCount[]): { year: string; count: number }[] {
	const years = new Map<string, number>();
	for (const { month, count } of series) years.set(month.slice(0, 4), (years.get(month.slice(0, 4)) ?? 0) + count);
	return [...years].map(([year, count]) => ({ year, count }));
}

/** English month abbreviations, the labels' default. */
export const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** The months as the Ukrainian interface abbreviates them. */
export const UK_MONTHS = ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'];

/** `2025-09` → `Sep 2025`. */
export function monthLabel(month: Month, names: string[] = MONTHS): string {
	const [y, m] = month.split('-').map(Number);
	return `${names[m - 1]} ${y}`;
}

/** `2026-08-22` → `22 Aug 2026`. */
export function dayLabel(iso: string, names: string[] = MONTHS): string {
	return `${Number(iso.slice(8, 10))} ${monthLabel(iso.slice(0, 7), names)}`;
}

/** Oldest first, by `asOf`: ISO dates order as strings (no localeCompare, whose ICU collator cost ~15 ms of the first load). */
export const byAsOf = (a: { asOf: string }, b: { asOf: string }): number => (a.asOf < b.asOf ? -1 : a.asOf > b.asOf ? 1 : 0);

/**
 * Of several dated versions of one layer, the one in force at the end of `until`: the latest that
 * is not after it; none before the first (the map then draws nothing rather than a later state).
 * Null time: the latest.
 */
export function versionInForce<T extends { asOf: string }>(versions: T[], until: Month | null): T | undefined {
	const end = until === null ? null : monthEnd(until);
	let inForce: T | undefined;
	// one pass, ISO dates compared as strings; of equal dates the last wins
	for (const v of versions) if ((end === null || v.asOf <= end) && (inForce === undefined || v.asOf >= inForce.asOf)) inForce = v;
	return inForce;
}

/** One events layer's dated features: how many there are, and how many up to the slider's month. */
export type LayerCount = { title: string; shown: number; total: number };

/**
 * Each layer's own count of dated features, all and up to `until` (all with no month): what the
 * slider says when more than one layer of events is drawn ("Airspace incursions: 72 of 74 · …").
 *
 * @example
 * layerCounts([{ title: 'Airspace incursions', features }], '2026-10') // [{ title: 'Airspace incursions', shown: 72, total: 74 }]
 */
export function layerCounts(layers: { title: string; features: Feature[] }[], until: Month | null): LayerCount[] {
	return layers
		.map(({ title, features }) => {
			const dates = features.map(eventDate).filter((d): d is string => d !== null);
			return { title, total: dates.length, shown: until === null ? dates.length : dates.filter((d) => d <= monthEnd(until)).length };
		})
		.filter((c) => c.total > 0);
}
