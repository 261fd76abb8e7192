// What each date on a published picture is for. A picture (the explorer, an embed, a PNG, a social
// card) draws several layers, each current to its own date: the front to DeepState's snapshot in
// force at the month shown, the coalition to the day its roles were last checked. One line names
// each, in words, says which month is shown when it is not the latest, and says on the picture
// itself when a layer has not been updated for longer than the manifest allows.
import type { LayerDef } from '../manifest/schema';
import type { Bibliography } from '../manifest/schema';
import { isStale, STALE_AFTER_DAYS } from '../manifest/staleness';
import { fill, type Wording } from '../i18n/grammar';
import { dayLabel, monthLabel, versionInForce, type Month } from '../time/timeline';

/** One date on a picture: what it dates (a layer's date label or title), the day, and whose data it is. */
export type DateNote = {
	label: string;
	/** a dated series' snapshot in force (`snapshot`), or the day a layer was last checked (`checked`) */
	kind: 'snapshot' | 'checked';
	date: string;
	/** the publisher of the data, for a snapshot (DeepStateMap.Live) */
	publisher?: string;
	/** older than the manifest's limit on the day the content was built */
	stale: boolean;
};

export type PictureDates = {
	/** the month shown, where the slider is not on the latest month */
	month: Month | null;
	notes: DateNote[];
	/** the manifest's limit, for the words of a stale note */
	staleAfterDays: number;
};

type Options = { lang: 'en' | 'uk'; sources: Bibliography; today: string; latestMonth: Month | null; staleAfterDays?: number };

/**
 * The dates of what `layers` draw at the slider's month `until` (null: now), one note for each
 * thing dated, layers with the same label and date told once.
 *
 * @example
 * pictureDates([occupied, frontLine, coalition], '2025-03', opts)
 * // { month: '2025-03', notes: [{ label: 'Front', kind: 'snapshot', date: '2025-03-01', publisher: 'DeepStateMap.Live' }, { label: 'Coalition roles', kind: 'checked', date: '2026-12-07' }] }
 */
export function pictureDates(
	layers: LayerDef[],
	until: Month | null,
	{ lang, sources, today, latestMonth, staleAfterDays = STALE_AFTER_DAYS }: Options
): PictureDates {
	const past = until !== null && latestMonth !== null && until < latestMonth;
	const notes: DateNote[] = [];
	for (const def of layers) {
		const label = (lang === 'uk' ? def.i18n?.uk.dateLabel : undefined) ?? def.dateLabel ?? (lang === 'uk' ? def.i18n?.uk.title : undefined) ?? def.title;
		const note: DateNote | null = def.versions
			? snapshotNote(def, label, past ? until : null, sources)
			: def.asOf
				? { label, kind: 'checked', date: def.asOf, stale: false }
				: null;
		if (!note) continue;
		// a past month's snapshot is as current as it can be: only today's picture can be stale
		note.stale = !(past && note.kind === 'snapshot') && isStale(note.date, today, staleAfterDays);
		if (!notes.some((n) => n.label === note.label && n.date === note.date && n.kind === note.kind)) notes.push(note);
	}
	// snapshots first: the front's date is what a reader of this war's map asks for first
	notes.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'snapshot' ? -1 : 1));
	return { month: past ? until : null, notes, staleAfterDays };
}

function snapshotNote(def: LayerDef, label: string, until: Month | null, sources: Bibliography): DateNote | null {
	const version = versionInForce(def.versions!, until);
	if (!version) return null;
	const publisher = def.sources.map((k) => sources[k]?.publisher).find(Boolean);
	return { label, kind: 'snapshot', date: version.asOf, publisher, stale: false };
}

/**
 * The dates in words, for a credit line or under a title:
 * "Front: 10 Oct 2026 (DeepStateMap.Live) · Coalition roles checked 7 Dec 2026"; with a past
 * month, "Showing Mar 2025 · Front: 1 Mar 2025 (DeepStateMap.Live) · …"; a stale layer adds
 * "not updated for over 90 days".
 */
export function datesLine({ month, notes, staleAfterDays }: PictureDates, words: Wording): string {
	const { t, months } = words;
	const stale = (text: string, n: DateNote) => (n.stale ? `${text}, ${fill(t('not updated for over {days} days'), { days: staleAfterDays })}` : text);
	const parts = notes
		.filter((n) => n.kind === 'snapshot')
		.map((n) => stale(`${n.label}: ${dayLabel(n.date, months)}${n.publisher ? ` (${n.publisher})` : ''}`, n));
	// the layers checked on one day are told together: "Coalition roles, Air bases and Hubs checked 7 Dec 2026"
	const checked = notes.filter((n) => n.kind === 'checked');
	for (const date of [...new Set(checked.map((n) => n.date))].sort().reverse()) {
		const same = checked.filter((n) => n.date === date);
		const labels = same.map((n) => n.label);
		const what = labels.length > 1 ? `${labels.slice(0, -1).join(', ')} ${t('and')} ${labels.at(-1)}` : labels[0];
		parts.push(stale(fill(t('{what} checked {date}'), { what, date: dayLabel(date, months) }), same[0]));
	}
	if (month) parts.unshift(fill(t('Showing {month}'), { month: monthLabel(month, months) }));
	return parts.join(' · ');
}
