// Where things are in a file's text, as editors' tools count (1-based lines and columns): found
// by one pass over the text, with no syntax tree, so that a file of 50 MB is as cheap as a small one.

/** A place in a text file. */
export type TextPosition = { line: number; column: number };

/**
 * Where each element of the top-level "features" array starts, found by one pass over the text
 * that tracks strings and nesting only (no tree: the tree is what does not fit).
 */
export const featureOffsets = (text: string): number[] => featuresArray(text).starts;

/**
 * The top-level "features" array: where each element starts, and the offsets of its own `[` and
 * `]` (-1 when the text has no such array, or it is not closed).
 */
export function featuresArray(text: string): { starts: number[]; open: number; close: number } {
	const offsets: number[] = [];
	let [open, close] = [-1, -1];
	let depth = 0;
	let inFeatures = false;
	let lastKey = '';
	let expectElement = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34 /* " */) {
			const start = i;
			for (i++; i < text.length && text.charCodeAt(i) !== 34; i++) if (text.charCodeAt(i) === 92 /* \ */) i++;
			if (depth === 1) lastKey = text.slice(start + 1, i);
			if (inFeatures && depth === 2 && expectElement) {
				offsets.push(start);
				expectElement = false;
			}
			continue;
		}
		if (c === 32 || c === 10 || c === 13 || c === 9) continue;
		if (inFeatures && depth === 2 && expectElement && c !== 44 && c !== 93) {
			offsets.push(i);
			expectElement = false;
		}
		if (c === 123 || c === 91) {
			depth++;
			if (c === 91 && depth === 2 && lastKey === 'features') [inFeatures, expectElement, open] = [true, true, i];
		} else if (c === 125 || c === 93) {
			if (c === 93 && depth === 2 && inFeatures) [inFeatures, close] = [false, i];
			depth--;
		} else if (c === 44 && inFeatures && depth === 2) expectElement = true;
	}
	return { starts: offsets, open, close };
}

/** Line and column for ascending offsets, in one pass. */
export function lineColumnAt(text: string, offsets: number[]): TextPosition[] {
	const out: TextPosition[] = [];
	let line = 1;
	let lineStart = 0;
	let i = 0;
	for (const offset of offsets) {
		for (; i < offset && i < text.length; i++)
			if (text.charCodeAt(i) === 10) {
				line++;
				lineStart = i + 1;
			}
		out.push({ line, column: offset - lineStart + 1 });
	}
	return out;
}

/** Where each feature of a GeoJSON text starts. */
export const featurePositions = (text: string): TextPosition[] => lineColumnAt(text, featureOffsets(text));
