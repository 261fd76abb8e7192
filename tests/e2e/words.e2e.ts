// Readers never see how the atlas was made: no workshop word in the text a reader sees, every tab
// and panel opened, in both languages. The files of the built site are scanned without a browser,
// in tests/built/words.test.ts.
import { expect, test } from '@playwright/test';
import { openAtlas } from './atlas';
import { WORKSHOP } from '../lib/workshopWords';

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
