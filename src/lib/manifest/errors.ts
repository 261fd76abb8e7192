import type * as v from 'valibot';
import { problem, type Problem } from '../problems/problem';

// the manifest's checks and everything above them take the problem's shape from here
export { formatPlace, formatProblem, problem, type Problem } from '../problems/problem';

/** `layers[2].style.color` from valibot's path items, appended to a prefix. */
function pathOf(prefix: string, issue: v.BaseIssue<unknown>): string {
	let path = prefix;
	for (const item of issue.path ?? []) {
		const key = item.key as string | number;
		path += typeof key === 'number' ? `[${key}]` : path ? `.${key}` : key;
	}
	return path;
}

/** valibot's issue as an editor-facing sentence. */
function describeIssue(issue: v.BaseIssue<unknown>): string {
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
