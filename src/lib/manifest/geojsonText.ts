import { getIssues } from '@placemarkio/check-geojson';

/** Deeper than any GeoJSON has a reason to be: a MultiPolygon's position is 7 levels below the collection. */
export const MAX_NESTING = 256;

export type TextIssue = { message: string; from: number };

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
	return getIssues(text);
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
