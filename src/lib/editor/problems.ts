// A problem as the editor's list shows it: line and column in the editor's own file, the feature
// it names (so the list can take the map there), and the rest of where it is.
import { formatPlace, type Problem } from '../manifest/errors';

export type Located = {
	line: number | null;
	column: number | null;
	feature: number | null;
	/** the feature's id, where the checker knows it: the feature editor opens it */
	featureId: string | null;
	field: string;
	message: string;
	/** the line itself, for JSON that does not parse */
	excerpt?: Problem['excerpt'];
};

/** A problem's line, column and feature in `fileName`, and the rest of its place in words. */
export function locate(problem: Problem, fileName: string): Located {
	const own = problem.file === fileName;
	const { line, column, excerpt, ...rest } = problem;
	return {
		line: own ? (line ?? null) : null,
		column: own ? (column ?? null) : null,
		feature: problem.feature?.index ?? null,
		featureId: problem.feature?.id ?? null,
		field: formatPlace({ ...rest, file: own ? '' : problem.file }),
		message: problem.message,
		...(own && excerpt ? { excerpt } : {})
	};
}

/** The features a problem names: they are left off the preview and listed instead. */
export function rejectedFeatures(problems: Problem[]): number[] {
	return [...new Set(problems.flatMap((p) => (p.feature ? [p.feature.index] : [])))].sort((a, b) => a - b);
}

/** "line 14, column 5", "line 4" or "" for a problem about the whole file. */
export function placeOf({ line, column }: Pick<Located, 'line' | 'column'>): string {
	if (line === null) return '';
	return column === null ? `line ${line}` : `line ${line}, column ${column}`;
}

/** The line and, under it, a caret at the column (tabs kept, so it lines up): `excerpt` as a picture. */
export function caretPicture({ text, column }: NonNullable<Problem['excerpt']>): string {
	return `${text}\n${text.slice(0, Math.max(0, column - 1)).replace(/[^\t]/g, ' ')}^`;
}

/** A problem in an editor's words: what is wrong and the control that mends it; the JSON path stays as a detail. */
export type Worded = { text: string; detail: string };

const NOTHING = /(^|, )undefined found$/;

/**
 * The message a reader of the form understands: "No confidence given: choose one under
 * Confidence, below" rather than "properties.confidence one of confirmed, reported, uncertain
 * expected, undefined found". Problems the form cannot mend keep the checker's message, with
 * "undefined" said as "nothing".
 *
 * @example
 * inWords({ field: 'features[0].properties.asOf', message: 'a date like "2025-09-04" expected, undefined found', … }).text
 * // 'No date given: set “As of”, below, for every feature that gives none'
 */
/** The property a problem names (`properties.asOf`, `properties.sources[0]`), and whether it says the feature gives none. */
export function propertyOf(item: Pick<Located, 'field' | 'message'>): { property: string; missing: boolean } {
	const property = /properties\.([A-Za-z_]+)(\[\d+\])?$/.exec(item.field)?.[1] ?? '';
	return { property, missing: NOTHING.test(item.message) || /^must not be empty$|expected \(no source|^at least one/.test(item.message) };
}

export function inWords(item: Pick<Located, 'field' | 'message'>): Worded {
	const { property, missing } = propertyOf(item);
	const detail = `${item.field} ${item.message}`.trim();
	if (missing && property === 'confidence') return { text: 'No confidence given: choose one under “Confidence where a feature gives none”, below', detail };
	if (missing && property === 'asOf') return { text: 'No date given: set “As of”, below, for every feature that gives none', detail };
	if (missing && (property === 'sources' || property === 'source'))
		return { text: 'No source given: add a web address or a key under “Sources”, below', detail };
	if (missing && property === 'name') return { text: 'No name given: choose a column under “Names from”, below', detail };
	if (property === 'sources' && /is not in geodata\/sources\.json/.test(item.message))
		return { text: `${item.message}: give its web address instead, in the file or under “Sources”, below`, detail: item.field };
	return { text: item.message.replace(NOTHING, '$1nothing found'), detail: item.field };
}
