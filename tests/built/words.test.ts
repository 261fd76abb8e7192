// No file of the built site speaks of how the atlas was made (pages in both languages, the
// content and data files, oEmbed and Open Graph text). Reads build/ from disk, as a host would
// serve it: run after `npm run build` (`npm run test:built`).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { WORKSHOP, workshopWordsIn } from '../lib/workshopWords';

describe('workshop words', () => {
	it('no file of the built site speaks of how the atlas was made', () => {
		expect(workshopWordsIn('build')).toEqual([]);
	});

	it('the scan finds such a word where there is one', () => {
		// the scan itself can fail: a planted sentence is found
		expect(WORKSHOP.test('Seed (Mar 2025) paraphrases Macron')).toBe(true);
		expect(WORKSHOP.test('headline reconstructed from URL')).toBe(true);
		expect(WORKSHOP.test('News report, 4 Sep 2025')).toBe(false);
		// and in a file of a site, where a page carries it; code (.js) is not read
		const dir = mkdtempSync(join(tmpdir(), 'atlas-words-'));
		try {
			mkdirSync(join(dir, 'data'));
			writeFileSync(join(dir, 'data/content.json'), '{"note": "publisher not stated"}');
			writeFileSync(join(dir, 'app.js'), 'const seed = 1;');
			expect(workshopWordsIn(dir)).toEqual([`${join(dir, 'data/content.json')}: …{"note": "publisher not stated"}…`]);
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
