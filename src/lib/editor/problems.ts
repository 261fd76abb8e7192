// A problem as the editor's list shows it: line and column in the editor's own file, the feature
// it names (so the list can take the map there), and the rest of where it is.
import { formatPlace, type Problem } from '../manifest/errors';

export type Located = {
	line: number | null;
	column: number | null;
	feature: number | null;
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
