// Where a JSON text stops parsing, as editors' tools count: line, column and the line itself.
// The engine's own parser says where (V8: "at position 151", Firefox: "at line 7 column 7");
// check-geojson's parser would put every syntax error at 1:1.
import { getIssues } from '@placemarkio/check-geojson';
import type { Problem } from './errors';
import { lineColumnAt } from './textPositions';

/** Up to this many characters, a syntax error V8 gives no place for is placed by check-geojson's parser (it reads the text whole). */
const PLACED_UP_TO = 2_000_000;

/** Past this many characters the offending line is cut around the column: a minified file is one line. */
const EXCERPT_CHARS = 120;

/**
 * The parsed value, or where the text stops being JSON, with `excerpt` the line it stops on.
 * Only a syntax error is a problem here: anything else the parser throws (a stack too deep) is
 * left for the structural checks, which say it in words.
 *
 * @example
 * parseJson('{"a": 1,}', 'x.geojson').problem
 * // { file: 'x.geojson', line: 1, column: 9, field: '', message: 'Expected double-quoted property name', excerpt: { text: '{"a": 1,}', column: 9 } }
 */
export function parseJson(text: string, file: string): { json: unknown; problem?: never } | { problem: Problem | null; json?: never } {
	try {
		return { json: JSON.parse(text) };
	} catch (error) {
		if (!(error instanceof SyntaxError)) return { problem: null };
		const raw = error.message;
		const position = /position (\d+)/.exec(raw)?.[1];
		const lineColumn = /line (\d+) column (\d+)/.exec(raw);
		const at =
			position !== undefined
				? lineColumnAt(text, [Number(position)])[0]
				: lineColumn
					? { line: Number(lineColumn[1]), column: Number(lineColumn[2]) }
					: placedByCheckGeojson(text);
		const message = syntaxMessage(raw);
		return { problem: at ? { file, ...at, field: '', message, excerpt: excerptAt(text, at.line, at.column) } : { file, field: '', message } };
	}
}

/**
 * V8's words without the text it quotes back. A bare word (`NaN`, `undefined`, a name without
 * quotes) gets no position from V8 ("Unexpected token 'N', "{"a": NaN}" is not valid JSON").
 */
function syntaxMessage(raw: string): string {
	const message =
		raw
			.replace(/ in JSON at position \d+.*$/s, '')
			.replace(/^JSON\.parse: /, '')
			.replace(/ at line \d+ column \d+ of the JSON data$/, '')
			.replace(/, (\.\.\.)?".*"(\.\.\.)? is not valid JSON$/s, '') || 'not valid JSON';
	const bare = /^Unexpected token '([A-Za-z_$])'$/.exec(message) ?? /^"([A-Za-z_$]).*" is not valid JSON$/s.exec(message);
	return bare
		? `Unexpected word starting "${bare[1]}": JSON has no bare words (NaN, Infinity and undefined are not values; text goes in "double quotes")`
		: message;
}

/** Where check-geojson's parser stops, for an error V8 gives no place for: it says "(line:column)". */
function placedByCheckGeojson(text: string): { line: number; column: number } | null {
	if (text.length > PLACED_UP_TO) return null;
	try {
		const place = getIssues(text)
			.map((issue) => /\((\d+):(\d+)\)$/.exec(issue.message))
			.find(Boolean);
		return place ? { line: Number(place[1]), column: Number(place[2]) } : null;
	} catch {
		return null;
	}
}

/** Null when `text` parses; otherwise where it stops (see parseJson). */
export const jsonSyntaxProblem = (text: string, file: string): Problem | null => parseJson(text, file).problem ?? null;

/** The text of line `line`, cut to about EXCERPT_CHARS around `column` (with … where it was cut), and the column in that excerpt. */
function excerptAt(text: string, line: number, column: number): { text: string; column: number } {
	let start = 0;
	for (let n = 1; n < line; n++) {
		const next = text.indexOf('\n', start);
		if (next < 0) return { text: '', column: 1 };
		start = next + 1;
	}
	const end = text.indexOf('\n', start);
	const whole = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
	if (whole.length <= EXCERPT_CHARS) return { text: whole, column };
	const from = Math.max(0, Math.min(column - 1 - EXCERPT_CHARS / 2, whole.length - EXCERPT_CHARS));
	const cut = `${from > 0 ? '…' : ''}${whole.slice(from, from + EXCERPT_CHARS)}${from + EXCERPT_CHARS < whole.length ? '…' : ''}`;
	return { text: cut, column: column - from + (from > 0 ? 1 : 0) };
}
