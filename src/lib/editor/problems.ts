// Where a problem points in the editor's file, read back from the one shape every problem has
// (`bases.geojson:14:5: features[3] (id).properties.sources[0]`), so the list can say line and
// column and take the editor to the feature.
import type { Problem } from '../manifest/errors';

export type Located = { line: number | null; column: number | null; feature: number | null; field: string; message: string };

/** Reads a problem's line, column, feature index and the rest of its path. */
export function locate(problem: Problem, fileName: string): Located {
	let rest = problem.path;
	let line: number | null = null;
	let column: number | null = null;
	if (rest.startsWith(fileName)) {
		rest = rest.slice(fileName.length);
		const at = /^:(\d+)(?::(\d+))?/.exec(rest);
		if (at) {
			line = Number(at[1]);
			column = at[2] === undefined ? null : Number(at[2]);
			rest = rest.slice(at[0].length);
		}
		rest = rest.replace(/^: /, '');
	}
	const feature = /^features\[(\d+)\]/.exec(rest)?.[1];
	return { line, column, feature: feature === undefined ? null : Number(feature), field: rest, message: problem.message };
}

/** The features a problem names: they are left off the preview and listed instead. */
export function rejectedFeatures(problems: Problem[]): number[] {
	const rejected = new Set<number>();
	for (const p of problems) {
		const index = /(?:^|: )features\[(\d+)\]/.exec(p.path)?.[1];
		if (index !== undefined) rejected.add(Number(index));
	}
	return [...rejected].sort((a, b) => a - b);
}

/** "line 14, column 5", "line 4" or "" for a problem about the whole file. */
export function placeOf({ line, column }: Pick<Located, 'line' | 'column'>): string {
	if (line === null) return '';
	return column === null ? `line ${line}` : `line ${line}, column ${column}`;
}
