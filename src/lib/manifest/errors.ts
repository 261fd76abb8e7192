import type * as v from 'valibot';

/** One problem an editor has to fix: where it is and what is wrong, one shape everywhere. */
export type Problem = {
	path: string;
	message: string;
	/** the manifest id of the layer the problem belongs to, when there is one */
	layer?: string;
	/** false when the layer is still drawn (some features were left out) */
	fatal?: boolean;
};

export const formatProblem = (p: Problem) => (p.path ? `${p.path}: ${p.message}` : p.message);

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

export function problemsFrom(prefix: string, issues: v.BaseIssue<unknown>[]): Problem[] {
	return issues.map((issue) => ({ path: pathOf(prefix, issue), message: describeIssue(issue) }));
}

/** A problem for each key that the bibliography lacks, at `${at}[i]`: one message for every file. */
export function unknownSources(keys: readonly unknown[], sources: Record<string, unknown>, at: string): Problem[] {
	return keys.flatMap((key, i) =>
		typeof key === 'string' && Object.hasOwn(sources, key) ? [] : [{ path: `${at}[${i}]`, message: `${JSON.stringify(key)} is not in geodata/sources.json` }]
	);
}

/** valibot's issues for a whole file, as `geodata/x.json: a.b[2]: message` (no stray dots). */
export function fileProblems(file: string, issues: v.BaseIssue<unknown>[]): Problem[] {
	return problemsFrom(`${file}: `, issues).map((p) => ({ ...p, path: p.path.replace(/: \.?$/, '').replace(': .', ': ') }));
}
