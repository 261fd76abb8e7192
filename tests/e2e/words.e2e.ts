// Readers never see how the atlas was made: no workshop words on any surface of the built site
// (pages in both languages, the content and data files, oEmbed and Open Graph text). Reads the
// build from disk, as a host would serve it; run after `npm run build`.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { openAtlas } from './atlas';

const WORKSHOP = /\bseeds?\b|stored copy|reconstructed from (the )?url|publisher not (named|stated)|\bsession\b|helper agent/i;
const TEXT = /\.(html|json|geojson|js|svg|csv|txt)$/;

function* files(dir: string): Generator<string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) yield* files(path);
		else if (TEXT.test(name)) yield path;
	}
}

test('no file of the built site speaks of how the atlas was made', () => {
	const hits: string[] = [];
	for (const path of files('build')) {
		// code may name its own variables as it likes: only the text a reader gets is scanned there
		if (path.endsWith('.js')) continue;
		const text = readFileSync(path, 'utf8');
		const m = WORKSHOP.exec(text);
		if (m) hits.push(`${path}: …${text.slice(Math.max(0, m.index - 40), m.index + 40)}…`);
	}
	expect(hits).toEqual([]);
});

test('the scan finds such a word where there is one', () => {
	// the scan itself can fail: a planted sentence is found
	expect(WORKSHOP.test('Seed (Mar 2025) paraphrases Macron')).toBe(true);
	expect(WORKSHOP.test('headline reconstructed from URL')).toBe(true);
	expect(WORKSHOP.test('News report, 4 Sep 2025')).toBe(false);
});

for (const lang of ['en', 'uk']) {
	test(`the atlas's visible text in ${lang}, every tab and panel opened, has no workshop word`, async ({ page }) => {
		await openAtlas(page, `/?lang=${lang}`);
		const texts: string[] = [await page.locator('body').innerText()];
		for (const tab of lang === 'en' ? ['Coverage', 'Claims checked'] : ['Охоплення', 'Перевірка заяв']) {
			await page.getByRole('button', { name: tab, exact: true }).click();
			texts.push(await page.locator('body').innerText());
		}
		for (const path of ['/data', '/sources', '/embed']) {
			await page.goto(`${path}?lang=${lang}`);
			texts.push(await page.locator('body').innerText());
		}
		expect(texts.join('\n').match(WORKSHOP)).toBeNull();
	});
}
