// How current each layer is. A layer's `asOf` is the date its content was last checked as a whole;
// one older than the manifest's `staleAfterDays` (90 by default) before the build is stale: the
// build warns, and the legend says so to readers.

export const STALE_AFTER_DAYS = 90;

const DAY_MS = 86_400_000;

/** Whole days from `asOf` to `today` (both ISO dates). */
export const daysBetween = (asOf: string, today: string) => Math.floor((Date.parse(today) - Date.parse(asOf)) / DAY_MS);

/** Whether a layer checked on `asOf` is stale on `today`. A layer with no date is. */
export const isStale = (asOf: string | undefined, today: string, afterDays = STALE_AFTER_DAYS) => !asOf || daysBetween(asOf, today) > afterDays;

/**
 * The layers stale on `today`, oldest first, with their age in days.
 *
 * @example
 * staleLayers([{ id: 'front', asOf: '2026-08-22' }], '2026-12-03') // [{ id: 'front', asOf: '2026-08-22', days: 103 }]
 */
export function staleLayers(layers: { id: string; asOf?: string }[], today: string, afterDays = STALE_AFTER_DAYS) {
	return layers
		.filter((l) => isStale(l.asOf, today, afterDays))
		.map((l) => ({ id: l.id, asOf: l.asOf, days: l.asOf ? daysBetween(l.asOf, today) : null }))
		.sort((a, b) => (b.days ?? Infinity) - (a.days ?? Infinity));
}
