import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { canvasText, openAtlas, recordCanvasText } from './atlas';
import { UK } from '../../src/lib/i18n/uk';
import { UK_ANALYSIS } from '../../src/lib/i18n/uk.analysis';
import { UK_PAGES } from '../../src/lib/i18n/uk.pages';

// Every surface a reader of the Ukrainian atlas sees (issue 23): the explorer and its three tabs,
// a card of every layer, the tour, the embed, the tables, the bibliography and the exported image.
// A text fails when it is one of the atlas's English texts that has a Ukrainian (the interface's
// dictionaries, the layers' manifest, the features' `<property>_uk`, the claims, the tour), or
// when it is mostly English words. Citations (<cite>), ids (translate="no") and texts marked as
// another language are as published and are not read.

const json = (name: string) => JSON.parse(readFileSync(`geodata/${name}`, 'utf8'));
const manifest = json('layers.json');

/** English texts that have a Ukrainian: none may show in Ukrainian. */
function englishTexts(): Set<string> {
	const out = new Set<string>();
	const add = (english: unknown, ukrainian: unknown) => {
		if (typeof english !== 'string' || typeof ukrainian !== 'string' || english === ukrainian) return;
		// a plural key ("source|sources") is several texts; a template ("{n} in {country}") is read by its longest literal part
		for (const form of english.split('|')) {
			const literal = form
				.split(/\{\w+\}/)
				.map((s) => s.trim())
				.sort((a, b) => b.length - a.length)[0];
			if (literal && /[a-z]{3}/i.test(literal)) out.add(literal);
		}
	};
	for (const dict of [UK, UK_ANALYSIS, UK_PAGES]) for (const [en, uk] of Object.entries(dict)) add(en, uk);
	for (const l of manifest.layers) {
		const uk = l.i18n?.uk ?? {};
		add(l.title, uk.title);
		add(l.description, uk.description);
		add(l.legend?.note, uk.note);
		add(l.legend?.label, uk.legendLabel);
		for (const c of l.style.by?.categories ?? []) add(c.label, uk.categories?.[c.value]);
		for (const t of l.tooltip ?? []) add(t.label, uk.fields?.[t.property]);
		const files = [l.file, ...(l.versions ?? []).slice(-1).map((v: { file: string }) => v.file)];
		for (const file of files)
			for (const f of json(file).features)
				for (const [key, value] of Object.entries(f.properties ?? {})) if (key.endsWith('_uk')) add(f.properties[key.slice(0, -3)], value);
	}
	for (const s of json('scenes.json').scenes) {
		add(s.title, s.i18n?.uk?.title);
		add(s.caption, s.i18n?.uk?.caption);
	}
	const claims = json('claims.json');
	for (const f of Object.values(claims.figures) as Record<string, string>[]) {
		add(f.label, f.label_uk);
		add(f.note, f.note_uk);
	}
	for (const c of claims.claims) {
		add(c.claim, c.claim_uk);
		add(c.note, c.note_uk);
	}
	for (const s of Object.values(json('sources.json')) as Record<string, string>[]) add(s.note, s.note_uk);
	return out;
}
const ENGLISH = englishTexts();
// names that are the same in both languages: publishers (in an exported image's credit) and data sets
// and aircraft (the coverage presets)
const NAMES = [
	...new Set((Object.values(json('sources.json')) as { publisher: string }[]).map((s) => s.publisher)),
	...(json('coverage.json').aircraft as { aircraft: string }[]).map((a) => a.aircraft),
	'Natural Earth',
	'GeoNames',
	'DeepStateMap.Live',
	'DeepState'
].sort((a, b) => b.length - a.length);

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

/** The texts that are still English: one of the atlas's English texts, or mostly English words. */
function untranslated(texts: string[]): string[] {
	const bad = new Set<string>();
	for (const text of texts) {
		const unnamed = NAMES.reduce((t, name) => t.replaceAll(name, ''), text);
		const latin = (unnamed.match(/[A-Za-z]/g) ?? []).length;
		const cyrillic = (unnamed.match(/[\u0400-\u04ff]/g) ?? []).length;
		const words = unnamed.match(/[A-Za-z]{2,}/g) ?? [];
		if (latin > cyrillic && words.length >= 3) bad.add(text);
		else if (ENGLISH.has(text)) bad.add(text);
		else for (const english of ENGLISH) if (english.length >= 24 && text.includes(english)) bad.add(`${text} (has "${english}")`);
	}
	return [...bad];
}

async function expectUkrainian(page: Page, surface: string) {
	expect(untranslated(await textsOf(page)), `English on ${surface}`).toEqual([]);
}

test.describe('the atlas in Ukrainian, every surface', () => {
	test.use({ viewport: { width: 1440, height: 900 } });

	test('the dictionary of English texts is built from the atlas (the check can fail)', () => {
		expect(ENGLISH.size).toBeGreaterThan(600);
		expect(untranslated(['Coalition of the willing'])).toEqual(['Coalition of the willing']);
		expect(untranslated(['Four Russian warplanes violate Swedish airspace east of Gotland'])).toHaveLength(1);
		expect(untranslated(['Коаліція охочих', 'Операція «Східний вартовий» (Eastern Sentry)', 'DeepStateMap.Live'])).toEqual([]);
	});

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
