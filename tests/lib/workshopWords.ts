// Readers never see how the atlas was made: the workshop words no surface of the built site may
// carry. Read by the scan of build/ (tests/built/words.test.ts) and by the browser's scan of the
// text a reader sees (tests/e2e/words.e2e.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const WORKSHOP = /\bseeds?\b|stored copy|reconstructed from (the )?url|publisher not (named|stated)|\bsession\b|helper agent/i;
const TEXT = /\.(html|json|geojson|js|svg|csv|txt)$/;

function* files(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* files(path);
		else if (TEXT.test(name)) yield path;
	}
}

/** Each text file under `dir` that has a workshop word, with the word in its context. */
export function workshopWordsIn(dir: string): string[] {
	const hits: string[] = [];
	for (const path of files(dir)) {
		// code may name its own variables as it likes: only the text a reader gets is scanned there
		if (path.endsWith('.js')) continue;
		const text = readFileSync(path, 'utf8');
		const m = WORKSHOP.exec(text);
		if (m) hits.push(`${path}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
	}
	return hits;
}
