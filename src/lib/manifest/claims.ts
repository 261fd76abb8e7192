import * as v from 'valibot';
import type { Bibliography } from './schema';
import { problem, problemsFrom, unknownSources, type Problem } from './errors';
import { density, troopsPerKm } from '../geo/lineStats';
import { monthLabel } from '../time/timeline';

const Figure = v.strictObject({
	label: v.string(),
	/** a text's Ukrainian sits beside it as `<field>_uk` */
	label_uk: v.optional(v.string()),
	value: v.number(),
	unit: v.string(),
	sources: v.pipe(v.array(v.string()), v.minLength(1)),
	note: v.optional(v.string()),
	note_uk: v.optional(v.string())
});
const Check = v.union([v.strictObject({ figure: v.string() }), v.strictObject({ computed: v.string(), lowerBound: v.optional(v.boolean()) })]);
const Claim = v.strictObject({
	id: v.string(),
	claim: v.string(),
	claim_uk: v.optional(v.string()),
	/** the article's words as published; `quote_uk` is a translation, shown beside them in Ukrainian */
	quote: v.string(),
	quote_uk: v.optional(v.string()),
	source: v.string(),
	value: v.number(),
	unit: v.string(),
	approximate: v.optional(v.boolean()),
	/** when the claim was made (`2025-03`): figures that change, such as the front's length, are taken for that month */
	month: v.optional(
		v.pipe(
			v.string(),
			v.regex(/^\d{4}-(0[1-9]|1[0-2])$/, (i) => `a month like "2025-03" expected, ${i.received} found`)
		)
	),
	atLeast: v.optional(v.boolean()),
	checkAgainst: v.optional(Check),
	alsoShow: v.optional(v.strictObject({ figures: v.optional(v.array(v.string())), computed: v.optional(v.array(v.string())) })),
	density: v.optional(v.boolean()),
	densityOver: v.optional(v.picklist(['ukraine', 'kosovo'])),
	note: v.optional(v.string()),
	note_uk: v.optional(v.string())
});
const ClaimsSchema = v.strictObject({
	version: v.literal(1),
	/** the sourced front length troop densities are computed over */
	densityFront: v.string(),
	/** what the figures taken for a claim's month are computed from (DeepState's map) */
	monthlySources: v.optional(v.array(v.string())),
	figures: v.record(v.string(), Figure),
	claims: v.array(Claim)
});

export type ClaimsFile = v.InferOutput<typeof ClaimsSchema>;
export type Claim = v.InferOutput<typeof Claim>;
export type Figure = v.InferOutput<typeof Figure>;

/** The metrics a claim may be checked against: the geo module's and counts from the data. */
export type Metrics = Record<string, number>;
export const METRIC_LABELS: Record<string, { label: string; unit: string }> = {
	contactLineKm: { label: 'Length of the contact line as traced on this map', unit: 'km' },
	frontKm: { label: "Front line in {month}, at DeepState's resolution", unit: 'km' },
	frontSmoothedKm: { label: 'Front line in {month}, smoothed to 3 km', unit: 'km' },
	ukraineKm2: { label: 'Area of recognised Ukraine on this map', unit: 'km2' },
	kosovoKm2: { label: 'Area of Kosovo on this map', unit: 'km2' },
	ukraineToKosovo: { label: 'Ukraine over Kosovo, areas on this map', unit: 'times' },
	occupiedSharePct: { label: 'Occupied share of Ukraine on this map', unit: '%' },
	coalitionMembers: { label: 'Member states this atlas can name from public reporting', unit: 'states' },
	coalitionPledgedNamed: { label: 'States publicly confirmed among the 26', unit: 'states' }
};

/** A metric's English label, for the month a changing figure was taken for (`2025-03`; none: the latest). */
export const metricLabel = (key: string, month?: string) => METRIC_LABELS[key].label.replace('{month}', month ? monthLabel(month) : 'the latest snapshot');

const FILE = 'geodata/claims.json';

/** Checks claims.json: the shape, and that every source, figure and metric it names exists. Never throws. */
export function validateClaims(json: unknown, sources: Bibliography): { claims: ClaimsFile | null; problems: Problem[] } {
	const parsed = v.safeParse(ClaimsSchema, json);
	if (!parsed.success) return { claims: null, problems: problemsFrom(FILE, '', parsed.issues) };
	const problems: Problem[] = [];
	const at = (field: string, message: string) => problems.push(problem(FILE, field, message));
	if (!(parsed.output.densityFront in parsed.output.figures)) at('densityFront', `"${parsed.output.densityFront}" is not in figures`);
	for (const [key, figure] of Object.entries(parsed.output.figures)) problems.push(...unknownSources(figure.sources, sources, FILE, `figures.${key}.sources`));
	problems.push(...unknownSources(parsed.output.monthlySources ?? [], sources, FILE, 'monthlySources'));
	parsed.output.claims.forEach((claim, i) => {
		if (!Object.hasOwn(sources, claim.source)) at(`claims[${i}].source`, `"${claim.source}" is not in geodata/sources.json`);
		const check = claim.checkAgainst;
		if (check && 'figure' in check && !(check.figure in parsed.output.figures)) at(`claims[${i}].checkAgainst.figure`, `"${check.figure}" is not in figures`);
		if (check && 'computed' in check && !(check.computed in METRIC_LABELS))
			at(`claims[${i}].checkAgainst.computed`, `one of ${Object.keys(METRIC_LABELS).join(', ')} expected`);
		for (const f of claim.alsoShow?.figures ?? []) if (!(f in parsed.output.figures)) at(`claims[${i}].alsoShow.figures`, `"${f}" is not in figures`);
		for (const m of claim.alsoShow?.computed ?? []) if (!(m in METRIC_LABELS)) at(`claims[${i}].alsoShow.computed`, `"${m}" is not a metric`);
	});
	// a claim naming a missing figure cannot be checked (nor can densities over a missing front)
	return { claims: problems.length ? null : parsed.output, problems };
}

export type Verdict = 'holds' | 'roughly' | 'differs' | 'unverified';
/**
 * One figure beside a claim. A figure the atlas computes names its `metric`, so the interface can
 * say it in the reader's language (`label` is its English); `frontKm` is the front a per-km figure is over.
 */
export type Comparison = {
	label: string;
	/** the figure's Ukrainian label, where claims.json has one (`label_uk`) */
	labelUk?: string;
	value: number;
	unit: string;
	sources: string[];
	computed: boolean;
	note?: string;
	metric?: string;
	frontKm?: number;
	/** the month a computed figure that changes over time was taken for */
	month?: string;
};
export type CheckedClaim = Claim & { against: Comparison | null; also: Comparison[]; verdict: Verdict; densities: Comparison[] };

/** Within 5% holds, within 20% roughly, else differs; "at least" claims hold when met. */
export function verdictFor(claimed: number, actual: number, options: { atLeast?: boolean; lowerBound?: boolean } = {}): Verdict {
	if (options.lowerBound && actual < claimed) return 'unverified';
	if (options.atLeast && actual >= claimed) return 'holds';
	if (claimed === 0) return actual === 0 ? 'holds' : 'differs';
	const off = Math.abs(actual - claimed) / claimed;
	return off <= 0.05 ? 'holds' : off <= 0.2 ? 'roughly' : 'differs';
}

/**
 * Sets each claim beside what the atlas computes or an independent report gives, with a plain
 * verdict; force sizes also get troops per km of front and per 100 km2, so readers can compare
 * them with KFOR, over the sourced front length the file names (`densityFront`).
 */
export function checkClaims(
	file: ClaimsFile,
	metrics: Metrics,
	monthly: (month: string | undefined) => { metrics: Metrics; month?: string } = () => ({ metrics: {} })
): CheckedClaim[] {
	const figure = (key: string): Comparison => {
		const f = file.figures[key];
		return { label: f.label, labelUk: f.label_uk, value: f.value, unit: f.unit, sources: f.sources, computed: false, note: f.note };
	};
	const density = { frontKm: figure(file.densityFront), kosovoKm2: metrics.kosovoKm2, ukraineKm2: metrics.ukraineKm2 };
	return file.claims.map((claim) => {
		// figures that change with time are the claim's month's
		const then = monthly(claim.month);
		const metric = (key: string): Comparison => ({
			label: metricLabel(key, key in then.metrics ? then.month : undefined),
			value: then.metrics[key] ?? metrics[key],
			unit: METRIC_LABELS[key].unit,
			sources: key in then.metrics ? (file.monthlySources ?? []) : [],
			computed: true,
			metric: key,
			...(key in then.metrics && then.month ? { month: then.month } : {})
		});
		const check = claim.checkAgainst;
		const against = !check ? null : 'figure' in check ? figure(check.figure) : metric(check.computed);
		const verdict = against
			? verdictFor(claim.value, against.value, { atLeast: claim.atLeast, lowerBound: check && 'lowerBound' in check ? check.lowerBound : false })
			: 'unverified';
		const also = [...(claim.alsoShow?.computed ?? []).map(metric), ...(claim.alsoShow?.figures ?? []).map(figure)];
		const densities: Comparison[] = !claim.density
			? []
			: claim.densityOver === 'kosovo'
				? [
						{
							label: 'Troops per 100 km2 of Kosovo (area on this map)',
							value: (claim.value / density.kosovoKm2) * 100,
							unit: 'per 100 km2',
							sources: [],
							computed: true,
							metric: 'troopsPer100Km2OfKosovo'
						}
					]
				: [
						{
							label: `Troops per km of front (${Math.round(density.frontKm.value).toLocaleString('en-GB')} km)`,
							value: claim.value / density.frontKm.value,
							unit: 'per km',
							sources: density.frontKm.sources,
							computed: true,
							metric: 'troopsPerKmOfFront',
							frontKm: density.frontKm.value
						},
						{
							label: 'Troops per 100 km2 of Ukraine (area on this map)',
							value: (claim.value / density.ukraineKm2) * 100,
							unit: 'per 100 km2',
							sources: [],
							computed: true,
							metric: 'troopsPer100Km2OfUkraine'
						}
					];
		return { ...claim, against, also, verdict, densities };
	});
}

/** Counts the claims about the coalition are checked against, from the coalition layer's data. */
export function coalitionCounts(features: { properties: Record<string, unknown> | null }[]): Metrics {
	return {
		coalitionMembers: features.filter((f) => f.properties?.member === true).length,
		coalitionPledgedNamed: features.filter((f) => f.properties?.pledged === true).length
	};
}

export type ForceRow = { label: string; labelUk?: string; troops: number; sources: string[]; perKm: number; perKm2OfStrip: number };

/**
 * Every reported force size in claims.json (figures counted in troops or personnel, KFOR
 * excluded) spread along the sourced front and over a demilitarised strip of the given area.
 */
export function forceDensities(file: ClaimsFile, stripKm2: number): ForceRow[] {
	const front = file.figures[file.densityFront].value;
	return Object.entries(file.figures)
		.filter(([key, f]) => key.startsWith('force-size-') && (f.unit === 'troops' || f.unit === 'personnel'))
		.map(([, f]) => ({
			label: f.label,
			labelUk: f.label_uk,
			troops: f.value,
			sources: f.sources,
			perKm: troopsPerKm(f.value, front),
			perKm2OfStrip: stripKm2 > 0 ? density(f.value, stripKm2) : NaN
		}))
		.sort((a, b) => b.troops - a.troops);
}
