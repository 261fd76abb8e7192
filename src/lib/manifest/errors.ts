import type * as v from 'valibot';

/**
 * One problem an editor has to fix, as data: where it is and what is wrong, one shape everywhere
 * (like maplibre's style-spec `ValidationError`). Only `formatProblem` turns it into words; code
 * reads the fields, never the formatted text.
 */
export type Problem = {
	/** the file (`geodata/layers.json`, an editor's `bases.csv`), or what else the problem is about (`address`, `map`); '' when only the field says */
	file: string;
	line?: number;
	column?: number;
	/** the feature the problem names: its index in the file's collection, and its id when it has one */
	feature?: { index: number; id?: string };
	/** where in the file or the feature: `layers[2].kind`, `properties.sources[0]`, `--source`; '' for the whole */
	field: string;
	message: string;
	/** the manifest id of the layer the problem belongs to, when there is one */
	layer?: string;
	/** false when the layer is still drawn (some features were left out) */
	fatal?: boolean;
	/** the line the problem is on, as the file has it, where seeing it helps (JSON that does not parse); `column` is within `text` */
	excerpt?: { text: string; column: number };
};

/** Where a problem is, in words: `geodata/x.geojson:14:5: features[3] (kyiv).properties.sources[0]`. */
export function formatPlace(p: Pick<Problem, 'file' | 'line' | 'column' | 'feature' | 'field'>): string {
	const file = p.file + (p.line === undefined ? '' : `:${p.line}${p.column === undefined ? '' : `:${p.column}`}`);
	const feature = p.feature ? `features[${p.feature.index}]${p.feature.id === undefined ? '' : ` (${p.feature.id})`}` : '';
	const field = feature && p.field ? `${feature}.${p.field}` : feature || p.field;
	return [file, field].filter(Boolean).join(': ');
}

/** The one way a problem is written for people: `geodata/layers.json: layers[2].kind: one of … expected`. */
export function formatProblem(p: Problem): string {
	const place = formatPlace(p);
	return place ? `${place}: ${p.message}` : p.message;
}

/** A problem at `file` and `field`, with anything else it knows. */
export const problem = (file: string, field: string, message: string, more: Partial<Problem> = {}): Problem => ({ file, field, message, ...more });

/** `layers[2].style.color` from valibot's path items, appended to a prefix. */
export function pathOf(prefix: string, issue: v.BaseIssue<unknown>): string {
	let path = prefix;
	for (const item of issue.path ?? []) {
		const key = item.key as string | number;
		path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
	}
	return path;
}

/** valibot's issue as an editor-facing sentence. */
export function describeIssue(issue: v.BaseIssue<unknown>): string {
	if (issue.type === 'strict_object' && issue.expected === 'never') return 'unknown field';
	if (issue.received === 'undefined') return 'required';
	if (issue.message.startsWith('Invalid type')) return `${issue.expected} expected, ${issue.received} found`;
	return issue.message;
}

/** A problem's line as a two-line picture for a terminal: the line, and a caret under the column. */
export function formatExcerpt(p: Pick<Problem, 'excerpt' | 'line'>): string[] {
	if (!p.excerpt) return [];
	const gutter = `${p.line ?? ''} | `;
	// tabs stay tabs under the line, so the caret lines up whatever the terminal's tab width
	const before = p.excerpt.text.slice(0, Math.max(0, p.excerpt.column - 1)).replace(/[^\t]/g, ' ');
	return [gutter + p.excerpt.text, ' '.repeat(gutter.length) + before + '^'];
}

/** valibot's issues as problems in `file`, each field below `prefix` (`layers[2]`, a source's key). */
export function problemsFrom(file: string, prefix: string, issues: v.BaseIssue<unknown>[]): Problem[] {
	return issues.map((issue) => problem(file, pathOf(prefix, issue), describeIssue(issue)));
}

/** A problem for each key that the bibliography lacks, at `${field}[i]`: one message for every file. */
export function unknownSources(keys: readonly unknown[], sources: Record<string, unknown>, file: string, field: string): Problem[] {
	return keys.flatMap((key, i) =>
		typeof key === 'string' && Object.hasOwn(sources, key) ? [] : [problem(file, `${field}[${i}]`, `${JSON.stringify(key)} is not in geodata/sources.json`)]
	);
}
