import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { canvasText, lastMonthOfData, monthText, openAtlas, recordCanvasText, slideTo, withoutBuiltContent } from './atlas';
import { json, manifest, untranslated } from '../lib/untranslated';
import { UK_MONTHS } from '../../src/lib/time/timeline';

// The atlas in Ukrainian, as a reader gets it from the address (?lang=uk) or from the browser's
// language: every surface checked for English left in it, then each surface's own Ukrainian (its
// plural forms, numbers, verdicts and links that keep the language).
//
// Every surface a reader of the Ukrainian atlas sees (issue 23): the explorer and its three tabs,
// a card of every layer, the tour, the embed, the tables, the bibliography and the exported image.
// A text fails when it is one of the atlas's English texts that has a Ukrainian (the interface's
// dictionaries, the layers' manifest, the features' `<property>_uk`, the claims, the tour), or
// when it is mostly English words. Citations (<cite>), ids (translate="no") and texts marked as
// another language are as published and are not read.

type Def = { id: string; title: string; file: string; sources: string[]; i18n: { uk: { title: string } } };
const layerDefs: Def[] = manifest.layers;
const sources: Record<string, unknown> = JSON.parse(readFileSync('geodata/sources.json', 'utf8'));
const features = (file: string): { properties: { sources?: string[] } }[] => JSON.parse(readFileSync(`geodata/${file}`, 'utf8')).features;
const N = '\u00a0'; // Ukrainian groups thousands with a no-break space

/** The Ukrainian noun for a count, by the grammar book rather than by Intl, so the two can disagree. */
function ukrainian(n: number, [one, few, many]: [string, string, string]): string {
	if (n % 10 === 1 && n % 100 !== 11) return one;
	return n % 10 >= 2 && n % 10 <= 4 && (n % 100 < 12 || n % 100 > 14) ? few : many;
}
const ITEMS: [string, string, string] = ["об'єкт", "об'єкти", "об'єктів"];
const ukNumber = (n: number) => n.toLocaleString('en-GB').replaceAll(',', N);

/** Opens one of the plain pages and waits until its script has run (it switches the language). */
async function openPage(page: Page, path: string) {
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(path, { waitUntil: 'networkidle' });
	return errors;
}

/** Every text the page shows (and its labels and alt texts), outside citations, ids and other languages. */
async function textsOf(page: Page): Promise<string[]> {
	// folded notes and sources are read too
	await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
	return page.evaluate(() => {
		const skipped = (el: Element) => el.closest('cite, noscript, script, style, [translate="no"], [lang]:not([lang="uk"]), [hidden]');
		const out: string[] = [];
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		while (walker.nextNode()) {
			const node = walker.currentNode;
			if (node.parentElement && !skipped(node.parentElement) && node.textContent!.trim()) out.push(node.textContent!.trim());
		}
		for (const el of document.body.querySelectorAll('[aria-label], [title], [placeholder], [alt]'))
			if (!skipped(el)) for (const a of ['aria-label', 'title', 'placeholder', 'alt']) if (el.getAttribute(a)) out.push(el.getAttribute(a)!);
		out.push(document.title);
		return out;
	});
}

async function expectUkrainian(page: Page, surface: string) {
	expect(untranslated(await textsOf(page)), `English on ${surface}`).toEqual([]);
}

test.describe('the atlas in Ukrainian, every surface', () => {
	test.use({ viewport: { width: 1440, height: 900 } });

	test('the explorer: layers and legend, the map in words, coverage and the claims', async ({ page }) => {
		const { errors } = await openAtlas(page, '/?lang=uk');
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		// the features' Ukrainian comes after the first paint: the names listed off the map show it
		await expect(page.locator('[data-layer="coalition"] .offmap')).toContainText('Канада');
		await expectUkrainian(page, 'the layers tab');
		for (const tab of ['Охоплення', 'Перевірка заяв']) {
			await page.getByRole('button', { name: tab, exact: true }).click();
			await expectUkrainian(page, `the ${tab} tab`);
		}
		expect(errors).toEqual([]);
	});

	for (const layer of manifest.layers as { id: string; file: string }[]) {
		// the feature with the most to read, of those drawn (a zone without a radius is listed off the map)
		type F = { properties: Record<string, unknown>; geometry: unknown };
		// (and a country outside the map, Canada, Australia, New Zealand and Japan, has no shape to click)
		const offMap = ['124', '036', '36', '554', '392'];
		const drawn = (json(layer.file).features as F[]).filter((f) =>
			layer.id === 'coalition'
				? !offMap.includes(String(f.properties.isoN3))
				: f.geometry && (layer.id !== 'patrol-zones' || typeof f.properties.radiusKm === 'number')
		);
		const feature = drawn.toSorted((a, b) => JSON.stringify(b.properties).length - JSON.stringify(a.properties).length)[0];
		test(`a card of ${layer.id}`, async ({ page }) => {
			const { errors } = await openAtlas(page, `/?lang=uk&layers=${layer.id}&feature=${layer.id}:${feature.properties.id}`);
			const card = page.getByRole('article');
			await expect(card.getByRole('heading', { level: 2 })).toHaveText(String(feature.properties.name_uk));
			await expectUkrainian(page, `the card of ${layer.id}:${feature.properties.id}`);
			expect(errors).toEqual([]);
		});
	}

	test('the tour, scene by scene', async ({ page }) => {
		const scenes = json('scenes.json').scenes;
		const { errors } = await openAtlas(page, `/?lang=uk&scene=${scenes[0].id}`);
		for (const [i, scene] of scenes.entries()) {
			await expect(page.getByRole('heading', { name: scene.i18n.uk.title })).toBeVisible();
			await expectUkrainian(page, `scene ${scene.id}`);
			if (i < scenes.length - 1) await page.getByRole('button', { name: /Далі/ }).click();
		}
		expect(errors).toEqual([]);
	});

	test('the embed, the tables and the bibliography', async ({ page }) => {
		const { errors } = await openAtlas(page, '/embed?lang=uk');
		await expectUkrainian(page, '/embed');
		for (const path of ['/data?lang=uk', '/sources?lang=uk']) {
			await page.goto(path, { waitUntil: 'networkidle' });
			await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
			await expectUkrainian(page, path);
		}
		expect(errors).toEqual([]);
	});

	test('the exported image: title, key and credit', async ({ page }) => {
		// what the export writes on its canvas, as it writes it
		await recordCanvasText(page);
		const { errors } = await openAtlas(page, '/?lang=uk&layers=coalition,incursions,hubs,air-bases,patrol-zones,occupied');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Експорт PNG' }).click();
		await download;
		const written = (await canvasText(page)).map((w) => w.text);
		expect(written.join(' ')).toContain('Гарантії безпеки для України');
		expect(written.join(' ')).toContain('Дрон');
		expect(untranslated(written), 'English in the exported image').toEqual([]);
		expect(errors).toEqual([]);
	});
});

test('the explorer in Ukrainian: the coverage tab, its figures and the sentence around the number of bases', async ({ page }) => {
	const { errors } = await openAtlas(page, '/?lang=uk');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await page.getByRole('button', { name: 'Охоплення', exact: true }).click();
	const panel = page.getByRole('region', { name: 'Охоплення патрулями' });
	await expect(panel.getByRole('heading', { level: 2 })).toHaveText('Охоплення патрулями');
	await expect(panel.getByRole('slider', { name: 'Радіус навколо кожної бази, км' })).toBeVisible();
	const figures = page.getByRole('status', { name: 'Показники охоплення' });
	await expect(figures.locator('dt').first()).toHaveText('Охоплено території України');
	await expect(figures.locator('[data-figure="ukraine"]')).toHaveText(new RegExp(`^\\d+(,\\d)?% \\(\\d{1,3}(${N}\\d{3})* км²\\)$`));

	const method = panel.locator('.method');
	const [, count, noun] = (await method.textContent())!.match(/Метод: (\d+) (\S+), навколо кожної — геодезичне коло радіусом [\d\u00a0]+ км/)!;
	expect(noun).toBe(ukrainian(Number(count), ['база', 'бази', 'баз']));
	// two bases, then one: the noun follows the number
	const bases = panel.getByRole('group', { name: /^Бази/ });
	const boxes = bases.getByRole('checkbox');
	const all = await boxes.count();
	await boxes.nth(0).check();
	await boxes.nth(1).check();
	for (let i = 2; i < all; i++) await boxes.nth(i).uncheck();
	await expect(method).toContainText('Метод: 2 бази, навколо кожної');
	await expect(bases.locator('legend')).toHaveText(`Бази (2 з ${all})`);
	await boxes.nth(1).uncheck();
	await expect(method).toContainText('Метод: 1 база, навколо кожної');
	await expect(figures.locator('[data-figure="ukraine"]')).toHaveText(/%/);
	expect(errors).toEqual([]);
});

test('the explorer in Ukrainian: the claims checked, with verdicts, units and figures the atlas computes', async ({ page }) => {
	await openAtlas(page, '/?lang=uk');
	await page.getByRole('button', { name: 'Перевірка заяв', exact: true }).click();
	const claims = page.getByRole('region', { name: 'Перевірка заяв' });
	await expect(claims.getByRole('heading', { level: 2 })).toHaveText('Цифри зі статей: перевірка');
	await expect(claims.locator('[data-claim="front-length"] .verdict')).toHaveText('Приблизно');
	await expect(claims.locator('[data-claim="front-length"]')).toContainText(`Для перевірки — Лінія фронту, бер 2025, з точністю карти DeepState: 1${N}125 км`);
	await expect(claims.locator('[data-claim="front-length"]')).toContainText(`Генерал Сирський, активний фронт (грудень 2025 року): 1${N}218 км`);
	await expect(claims.locator('[data-claim="coalition-26"] .verdict')).toHaveText('Неможливо перевірити');
	await expect(claims.locator('[data-claim="coalition-35"]')).toContainText('Заявлено: 35 держав');
	const kosovo = claims.locator('[data-claim="ukraine-50x-kosovo"]');
	await expect(kosovo.locator('.verdict')).toHaveText('Підтверджується');
	await expect(kosovo).toContainText('Заявлено: понад 50 разів');
	await expect(kosovo).toContainText(/Співвідношення площ України й Косова на цій мапі: \d{2},\d раза\s*обчислено/);

	const line = page.getByRole('region', { name: 'Лінія в цифрах' });
	await expect(line.getByRole('heading', { level: 2 })).toHaveText('Лінія в цифрах');
	await expect(line.locator('caption')).toHaveText(`Заявлена чисельність сил уздовж фронту (1${N}218 км) і в смузі`);
	await expect(line.getByRole('columnheader')).toHaveText(['Сили', 'Військових', 'на км', 'на км² смуги']);
	const zelensky = line.locator('tbody tr', { hasText: 'Зеленський (лютий 2025 року)' });
	await expect(zelensky.locator('td')).toHaveText([`100${N}000`, '82,1', /^\d+(,\d)?$/]);
});

test('the explorer in Ukrainian: a data problem and the embed dialog', async ({ page }) => {
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => {
		const broken = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
		broken.layers.push({
			id: 'typo-kind',
			title: 'Typo',
			kind: 'polygon',
			file: 'hubs.geojson',
			style: {},
			sources: ['insightnews-2025-09-declarations-vs-commitments']
		});
		return route.fulfill({ json: broken });
	});
	await openAtlas(page, '/?lang=uk');
	const notices = page.getByRole('status', { name: 'Проблеми з даними' });
	await expect(notices).toContainText('Шар «typo-kind» не показано:');
	const [, problems, noun] = (await notices.getByRole('button').first().textContent())!.match(/^(\d+) (\S+) з даними$/)!;
	expect(noun).toBe(ukrainian(Number(problems), ['проблема', 'проблеми', 'проблем']));

	await page.getByRole('button', { name: 'Вбудувати мапу' }).click();
	const dialog = page.getByRole('dialog', { name: 'Вбудувати мапу' });
	await expect(dialog).toContainText('Вставте це у свою статтю.');
	await expect(dialog.getByRole('textbox', { name: 'Код для вставлення' })).toHaveValue(/title="Гарантії безпеки для України: інтерактивна мапа"/);
	await dialog.getByRole('button', { name: 'Закрити' }).click();
	await expect(dialog).toBeHidden();
});

test('/data?lang=uk: Ukrainian headings, layer titles, counted captions and links that keep the language', async ({ page }) => {
	const errors = await openPage(page, '/data?lang=uk');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(page).toHaveTitle('Дані: атлас гарантій безпеки для України');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дані атласу');
	// every layer, then the front's figures by snapshot
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([
		...layerDefs.map((l) => l.i18n.uk.title),
		'Окупована територія і фронт, знімок за знімком'
	]);
	for (const layer of layerDefs) {
		const n = features(layer.file).length;
		await expect(page.getByRole('region', { name: layer.i18n.uk.title, exact: true }).locator('caption')).toHaveText(
			`${layer.i18n.uk.title}: ${n} ${ukrainian(n, ITEMS)}`
		);
	}
	const hubs = page.getByRole('region', { name: 'Логістичні хаби', exact: true });
	await expect(hubs.getByRole('link', { name: /^CSV/ })).toHaveAccessibleName('CSV шару «Логістичні хаби»');
	await hubs.getByRole('button', { name: /^Назва/ }).click();
	await expect(hubs.locator('caption')).toHaveText("Логістичні хаби: 2 об'єкти, упорядковано за стовпцем «Назва» (за зростанням)");
	await expect(hubs.getByRole('columnheader', { name: /^Достовірність/ })).toBeVisible();
	await expect(hubs.locator('tbody td', { hasText: /^(підтверджено|за повідомленнями|непевно)$/ })).toHaveCount(2);

	await expect(page.getByRole('link', { name: 'Назад до мапи' })).toHaveAttribute('href', '/?lang=uk');
	await expect(page.getByRole('link', { name: 'Усі джерела' })).toHaveAttribute('href', '/sources?lang=uk');
	expect(errors).toEqual([]);
});

test('/sources?lang=uk: Ukrainian headings, kinds, counts in their plural forms, and the way back to the tables', async ({ page }) => {
	const errors = await openPage(page, '/sources?lang=uk');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(page).toHaveTitle('Джерела: атлас гарантій безпеки для України');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Джерела');
	const total = Object.keys(sources).length;
	await expect(page.locator('main > p').nth(1)).toContainText(`Тут ${ukNumber(total)} ${ukrainian(total, ['джерело', 'джерела', 'джерел'])};`);
	await expect(page.locator('.kind', { hasText: 'Новини' }).first()).toBeVisible();

	// every "cited by" says its number with the noun that number takes
	const summaries = await page.locator('.bibliography summary').allTextContents();
	expect(summaries.length).toBeGreaterThan(10);
	for (const summary of summaries) {
		const [, n, noun] = summary.match(/^Посилаються: (\d+) (\S+)$/)!;
		expect(noun, summary).toBe(ukrainian(Number(n), ITEMS));
	}
	// and the number is right: the layers and features citing the article
	const key = 'insightnews-2025-09-declarations-vs-commitments';
	const citing = layerDefs.reduce(
		(sum, l) => sum + Number(l.sources.includes(key)) + features(l.file).filter((f) => f.properties.sources?.includes(key)).length,
		0
	);
	const entry = page.locator(`li[id="${key}"]`);
	await expect(entry.locator('summary')).toHaveText(`Посилаються: ${citing} ${ukrainian(citing, ITEMS)}`);
	await entry.locator('summary').click();
	await expect(entry.getByRole('listitem').first()).toHaveText(`${layerDefs.find((l) => l.sources.includes(key))!.i18n.uk.title} (шар)`);

	await page.getByRole('link', { name: 'Дані у таблицях' }).click();
	await expect(page).toHaveURL(/\/data\?lang=uk$/);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дані атласу');
	expect(errors).toEqual([]);
});

test('/data without lang, in an English browser, stays English', async ({ page }) => {
	await openPage(page, '/data');
	const hubs = page.getByRole('region', { name: 'Logistics hubs', exact: true });
	await hubs.getByRole('button', { name: /^Name/ }).click(); // the page has hydrated: its script ran
	await expect(hubs.locator('caption')).toHaveText('Logistics hubs: 2 items, sorted by Name (ascending)');
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText("The atlas's data");
	await expect(page.getByRole('link', { name: 'Back to the map' })).toHaveAttribute('href', '/');
});

test.describe('in a browser set to Ukrainian', () => {
	test.use({ locale: 'uk-UA' });

	test('/sources without lang is in Ukrainian, and its links leave the choice to the browser', async ({ page }) => {
		await openPage(page, '/sources');
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.getByRole('heading', { level: 1 })).toHaveText('Джерела');
		await expect(page.getByRole('link', { name: 'Назад до мапи' })).toHaveAttribute('href', '/');
	});
});

test('the explorer in Ukrainian: the map in words, the search results counted and the time slider’s readout', async ({ page }) => {
	const incursions: { properties: { date: string } }[] = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8')).features;
	const { errors } = await openAtlas(page, '/?lang=uk&layers=hubs,incursions&view=24.00,48.50,5.0');
	const MONTH = '(січ|лют|бер|кві|тра|чер|лип|сер|вер|жов|лис|гру)';

	// the live sentence a screen reader hears about the view: Ukrainian words, layer titles, months and
	// numbers, the country names as the base map has them
	const live = page.getByRole('navigation', { name: "Об'єкти в полі зору" }).locator('[aria-live]');
	await expect(live).toContainText(/Логістичні хаби в полі зору: 2, з них 1 — (Польща|Румунія)\./);
	await expect(live).toContainText(
		new RegExp(`Вторгнення в повітряний простір в полі зору: \\d+, (з них \\d+|усі) — [А-ЯІЇЄҐ][а-яіїєґ'’]+, востаннє \\d{1,2} ${MONTH} 20\\d\\d\\.`)
	);
	await expect(live).not.toContainText(/ in view|latest| in [A-Z]/);
	// maplibre's own controls speak the reader's language too
	await expect(page.getByRole('button', { name: 'Наблизити' })).toBeVisible();
	await expect(page.getByRole('button', { name: 'Zoom in' })).toHaveCount(0);
	// and the panel's list of what each layer shows
	const summary = page.getByRole('region', { name: 'Що показує мапа' }).getByRole('listitem');
	await expect(summary.filter({ hasText: 'Логістичні хаби:' })).toHaveText(
		/^Логістичні хаби: 2 об'єкти \(Логістичний хаб Ряшів-Ясьонка; .*Кимпія-Турзій\)\)\.$/
	);
	const n = incursions.length;
	await expect(summary.filter({ hasText: 'Вторгнення в повітряний простір:' })).toContainText(
		`Вторгнення в повітряний простір: ${n} ${ukrainian(n, ["об'єкт", "об'єкти", "об'єктів"])} (`
	);
	await expect(summary.filter({ hasText: 'Вторгнення в повітряний простір:' })).toContainText(`, і ще ${n - 6}).`);

	// search results, counted with the noun each number takes
	const search = page.getByRole('searchbox', { name: 'Пошук на мапі' });
	const counted = page.getByRole('search').locator('[aria-live]');
	const nouns = new Set<string>();
	for (const query of ['atlantis', 'rzeszow', 'munich', 'pol', 'a']) {
		await search.fill(query);
		const results = await page.getByRole('search').locator('.results button').count();
		const noun = ukrainian(results, ['результат', 'результати', 'результатів']);
		await expect(counted).toHaveText(`${results} ${noun}`);
		nouns.add(noun);
	}
	expect(nouns.size, [...nouns].join(', ')).toBeGreaterThan(1);
	await search.fill('');

	// the time slider: "of the total" takes the genitive (з 21 інциденту, з 48 інцидентів), the value text counts what is shown
	const ofTotal = (total: number) => (total % 10 === 1 && total % 100 !== 11 ? 'інциденту' : 'інцидентів');
	const INCIDENTS: [string, string, string] = ['інцидент', 'інциденти', 'інцидентів'];
	const time = page.getByRole('region', { name: 'Час' });
	const last = lastMonthOfData();
	await expect(time.locator('.readout')).toHaveText(`До ${monthText(last, UK_MONTHS)}: ${n} з ${n} ${ofTotal(n)}`);
	const slider = time.getByRole('slider', { name: 'Показати події до' });
	const months: string[] = [];
	for (
		let m = incursions
			.map((f) => f.properties.date)
			.sort()[0]
			.slice(0, 7);
		m <= '2025-11';
	) {
		months.push(m);
		const [y, mo] = m.split('-').map(Number);
		m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	}
	const shownBy = (month: string) => incursions.filter((f) => f.properties.date.slice(0, 7) <= month).length;
	// the first month, one with 2 to 4 shown (if any), and the end of 2023
	const picks = [months[0], months.find((m) => [2, 3, 4].includes(shownBy(m) % 10) && shownBy(m) % 100 < 10), '2023-12'].filter((m): m is string => !!m);
	for (const month of picks) {
		await slideTo(page, month);
		const shown = shownBy(month);
		const label = monthText(month, UK_MONTHS);
		await expect(time.locator('.readout')).toHaveText(`До ${label}: ${shown} з ${n} ${ofTotal(n)}`);
		await expect(slider).toHaveAttribute('aria-valuetext', `${label}: ${shown} ${ukrainian(shown, INCIDENTS)}`);
	}
	expect(errors).toEqual([]);
});

test('without WebGL, the embed in Ukrainian: the static map in Ukrainian words and a link to the tables that keeps ?lang=uk', async ({ page }) => {
	// a browser with WebGL switched off answers null for every WebGL context
	await page.addInitScript(() => {
		const getContext = HTMLCanvasElement.prototype.getContext;
		HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
			return /webgl/i.test(type) ? null : getContext.call(this, type as '2d', ...(rest as []));
		} as typeof getContext;
	});
	await page.goto('/embed?lang=uk');
	const figure = page.locator('figure.static-map');
	await expect(figure).toBeVisible({ timeout: 30_000 });
	const words = figure.getByRole('region', { name: 'Що показує мапа' });
	await expect(words.getByRole('listitem').filter({ hasText: 'Логістичні хаби:' })).toHaveText(/^Логістичні хаби: 2 об'єкти \(/);
	const coalition = layerDefs.find((l) => l.id === 'coalition')!;
	const states = features(coalition.file).length;
	await expect(words).toContainText(`${coalition.i18n.uk.title}: ${states} ${ukrainian(states, ITEMS)} (`);
	await expect(figure.getByRole('link', { name: 'Дані у таблицях' })).toHaveAttribute('href', '/data?lang=uk');
});
