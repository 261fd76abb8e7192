import * as v from 'valibot';
import type { Bibliography } from './schema';
import { problemsFrom, unknownSources, type Problem } from './errors';

const Aircraft = v.strictObject({
	aircraft: v.pipe(v.string(), v.minLength(1)),
	combatRadiusKm: v.pipe(v.number(), v.minValue(50), v.maxValue(3000)),
	combatRadiusKmMax: v.optional(v.pipe(v.number(), v.minValue(50), v.maxValue(3000))),
	sources: v.pipe(v.array(v.string()), v.minLength(1, 'needs at least one source')),
	note: v.optional(v.string()),
	/** a text's Ukrainian sits beside it as `<field>_uk` */
	note_uk: v.optional(v.string())
});
const Settings = v.strictObject({
	/** how far patrols would keep from Russia and Belarus, as a source reports it */
	standOff: v.strictObject({
		km: v.pipe(v.number(), v.minValue(0)),
		label: v.string(),
		label_uk: v.optional(v.string()),
		sources: v.pipe(v.array(v.string()), v.minLength(1))
	}),
	aircraft: v.array(Aircraft)
});
export type CoverageSettings = v.InferOutput<typeof Settings>;

const FILE = 'geodata/coverage.json';

/** geodata/coverage.json: the coverage panel's sourced presets and stand-off. Never throws. */
export function validateCoverageSettings(json: unknown, sources: Bibliography): { settings: CoverageSettings | null; problems: Problem[] } {
	const parsed = v.safeParse(Settings, json);
	if (!parsed.success) return { settings: null, problems: problemsFrom(FILE, '', parsed.issues) };
	const problems: Problem[] = [];
	const check = (keys: string[], at: string) => problems.push(...unknownSources(keys, sources, FILE, `${at}.sources`));
	check(parsed.output.standOff.sources, 'standOff');
	parsed.output.aircraft.forEach((a, i) => check(a.sources, `aircraft[${i}]`));
	return { settings: parsed.output, problems };
}
