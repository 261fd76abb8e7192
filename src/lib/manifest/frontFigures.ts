import * as v from 'valibot';
import { problemsFrom, type Problem } from './errors';
import { byAsOf, versionInForce, type Month } from '../time/timeline';

/** Written by `npm run layer -- import-front` beside the series it measures. */
export const FRONT_FIGURES = 'front/versions.json';

const km = v.pipe(v.number(), v.minValue(0, 'must be 0 or more'));
const orNull = <T extends v.GenericSchema>(schema: T) => v.nullable(schema);

const Version = v.object({
	asOf: v.pipe(
		v.string(),
		v.isoDate((i) => `a date like "2025-09-04" expected, ${i.received} found`)
	),
	areaKm2: km,
	shareOfUkraine: v.pipe(v.number(), v.minValue(0), v.maxValue(100)),
	frontKm: km,
	frontSmoothedKm: km,
	gainedKm2: orNull(km),
	lostKm2: orNull(km),
	gainedSinceSummitKm2: orNull(km),
	lostSinceSummitKm2: orNull(km),
	/** how much of each oblast was occupied (absent where the series was imported before oblasts were measured) */
	oblasts: v.optional(
		v.array(
			v.object({
				iso: v.pipe(v.string(), v.regex(/^UA-\d\d$/, 'an ISO 3166-2 code like "UA-14" expected')),
				name: v.string(),
				name_uk: v.string(),
				km2: km,
				share: v.pipe(v.number(), v.minValue(0), v.maxValue(100))
			})
		)
	)
});

/** One snapshot's figures, computed by the import from the unsimplified polygon. */
export type FrontFigures = v.InferOutput<typeof Version>;

/**
 * geodata/front/versions.json: the occupied area's and the front's figures, one row a snapshot,
 * oldest first. Never throws; a broken file is a problem and no figures.
 */
export function validateFrontFigures(json: unknown): { figures: FrontFigures[]; problems: Problem[] } {
	const parsed = v.safeParse(v.array(Version), json);
	if (!parsed.success) return { figures: [], problems: problemsFrom(`geodata/${FRONT_FIGURES}`, '', parsed.issues) };
	return { figures: [...parsed.output].sort(byAsOf), problems: [] };
}

/** The row in force at the end of a month (the latest not after it), or the latest with no month. */
export const figuresAt = (figures: FrontFigures[], until: Month | null): FrontFigures | undefined => versionInForce(figures, until);
