import { getIssues } from '@placemarkio/check-geojson';
import { featuresArray } from './textPositions';
import { jsonSyntaxProblem } from './jsonSyntax';

/** Deeper than any GeoJSON has a reason to be: a MultiPolygon's position is 7 levels below the collection. */
export const MAX_NESTING = 256;

/** `feature`: the feature the issue is about, where it is known. */
export type TextIssue = { message: string; from: number; feature?: { index: number; id?: string } };

/**
 * The most positions one feature may have. check-geojson reads a feature whole, at about 80 times
 * its text: one of 2 million positions (44 MB) ran `layer add` out of memory after a minute. The
 * atlas's largest (the occupied area) has under 2,000; a country's coastline in detail, 100,000.
 */
export const MAX_FEATURE_POSITIONS = 250_000;

/** How many positions a geometry holds, counted without recursion or copies (any nesting, collections included). */
export function countPositions(geometry: unknown): number {
	let count = 0;
	const stack: unknown[] = [geometry];
	while (stack.length > 0) {
		const item = stack.pop();
		if (Array.isArray(item)) {
			if (typeof item[0] === 'number') count++;
			else for (const child of item) stack.push(child);
		} else if (typeof item === 'object' && item !== null) {
			const g = item as { coordinates?: unknown; geometries?: unknown };
			stack.push(g.coordinates ?? g.geometries);
		}
	}
	return count;
}

/** What to do about a feature past MAX_FEATURE_POSITIONS: one sentence for the build, the command and the editor. */
export const tooManyPositions = (count: number) =>
	`${count.toLocaleString('en')} positions: at most ${MAX_FEATURE_POSITIONS.toLocaleString('en')} in one feature (past that the checks and the map run out of memory); simplify it (mapshaper's -simplify, QGIS's Simplify) or split it into several features`;

/**
 * check-geojson's issues, with the two files it cannot describe said in words: an empty one (it
 * reports an internal TypeError) and one nested past `MAX_NESTING` (its parser recurses and reports
 * "Maximum call stack size exceeded"). `from` is the offset in `text` the issue points at.
 *
 * @example
 * structuralIssues('') // [{ message: 'the file is empty: a GeoJSON FeatureCollection expected', from: 0 }]
 */
export function structuralIssues(text: string): TextIssue[] {
	if (text.trim() === '') return [{ message: 'the file is empty: a GeoJSON FeatureCollection expected', from: 0 }];
	const deep = tooDeepAt(text);
	if (deep !== null)
		return [
			{
				message: `nested too deeply: more than ${MAX_NESTING} levels of [ and { (GeoJSON needs fewer than 10; the atlas reads up to ${MAX_NESTING})`,
				from: deep
			}
		];
	return readable(text, (text.length > SLICE_ABOVE ? issuesInSlices(text) : null) ?? getIssues(text));
}

/**
 * check-geojson's issues in words an editor can act on: a syntax error as V8 words and places it
 * (check-geojson's parser puts it at the start of the file), and none of its own failures
 * ("Invalid JSON: Cannot read properties of undefined (reading 'elements')", beside the real
 * issue of a ring with no positions).
 */
function readable(text: string, issues: TextIssue[]): TextIssue[] {
	const internal = (issue: TextIssue) => /^Invalid JSON: (Cannot read properties|.* is not (a function|iterable))/.test(issue.message);
	if (issues.some((issue) => issue.message.startsWith('Invalid JSON: ') && !internal(issue))) {
		const syntax = jsonSyntaxProblem(text, '');
		if (syntax?.line !== undefined) return [{ message: syntax.message, from: offsetAt(text, syntax.line, syntax.column ?? 1) }];
	}
	const kept = issues.filter((issue) => !internal(issue));
	if (kept.length > 0 || issues.length === 0) return kept;
	return [{ message: 'this part could not be read as GeoJSON: a list where positions or rings were expected is empty or out of place', from: issues[0].from }];
}

/** The offset of a line and column (both from 1) in `text`. */
function offsetAt(text: string, line: number, column: number): number {
	let offset = 0;
	for (let n = 1; n < line && offset >= 0; n++) offset = text.indexOf('\n', offset) + 1 || -1;
	return Math.max(0, offset) + column - 1;
}

/**
 * Past this many characters a collection is checked in slices: check-geojson builds a syntax tree
 * of all it is given, about 80 times the text's size (a 49.5 MB file ran out of a 4 GB heap).
 */
export const SLICE_ABOVE = 2_000_000;
const SLICE_CHARS = 300_000;
const WRAPPER = '{"type":"FeatureCollection","features":[';

/**
 * check-geojson's issues for a large collection: V8 checks the syntax (it says where it breaks),
 * then check-geojson reads the collection's own members alone and its features a few hundred
 * kilobytes at a time, each slice cut from the text itself, so every issue keeps its offset.
 * Null when the text is no collection with a features list (check-geojson reads it whole).
 */
function issuesInSlices(text: string): TextIssue[] | null {
	let json: { features?: unknown };
	try {
		json = JSON.parse(text);
	} catch (error) {
		const message = (error as Error).message;
		const position = /position (\d+)/.exec(message)?.[1];
		// worded as the editor words it for a file it reads in slices
		return [{ message: message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, ''), from: Number(position ?? 0) }];
	}
	const { starts, open, close } = featuresArray(text);
	if (open < 0 || close < 0) return null;
	// the collection with an empty features list: what lies after the list moves back by its length
	const removed = close - open - 1;
	const issues: TextIssue[] = getIssues(text.slice(0, open + 1) + text.slice(close)).map((i) => ({
		message: i.message,
		from: i.from <= open ? i.from : i.from + removed
	}));
	// a feature past the limit is named, never handed to check-geojson
	const features = Array.isArray(json?.features) ? (json.features as { properties?: { id?: unknown }; geometry?: unknown }[]) : [];
	const counts = features.map((f) => countPositions(f?.geometry));
	const tooBig = (index: number) => ((counts[index] ?? 0) > MAX_FEATURE_POSITIONS ? counts[index] : 0);
	for (let first = 0; first < starts.length;) {
		const count = tooBig(first);
		if (count > 0) {
			const id = features[first]?.properties?.id;
			issues.push({ message: tooManyPositions(count), from: starts[first], feature: { index: first, ...(typeof id === 'string' ? { id } : {}) } });
			first++;
			continue;
		}
		let next = first + 1;
		while (next < starts.length && starts[next] - starts[first] < SLICE_CHARS && !tooBig(next)) next++;
		// the features as written, without the comma that joins them to the next (the syntax is valid: one at most)
		let end = next < starts.length ? starts[next] : close;
		while (end > starts[first] && /[\s,]/.test(text[end - 1])) end--;
		for (const issue of getIssues(`${WRAPPER}${text.slice(starts[first], end)}]}`))
			issues.push({ message: issue.message, from: starts[first] + Math.max(0, issue.from - WRAPPER.length) });
		first = next;
	}
	return issues;
}

/** The offset of the first bracket past `MAX_NESTING` levels, or null; brackets inside strings do not count. */
function tooDeepAt(text: string): number | null {
	let depth = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 0x22) {
			// a string: skip to its closing quote, past escaped characters
			for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
		} else if (c === 0x5b || c === 0x7b) {
			if (++depth > MAX_NESTING) return i;
		} else if (c === 0x5d || c === 0x7d) depth--;
	}
	return null;
}
