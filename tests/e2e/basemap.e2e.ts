// The base map a reader zooms into: towns, rivers and their names, served from the site itself,
// in both languages, never written over each other or over the atlas's own points.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { camera, canvasBox, detailDrawn, layoutProperty, openAtlas, paintProperty, renderedFeatures, renderedValues } from './atlas';

/** The names the map shows now in a layer (maplibre returns only the symbols it placed). */
const rendered = (page: Page, layer: string) => renderedValues(page, layer);
const renderedUk = async (page: Page, layer: string) => [
	...new Set((await renderedFeatures(page, layer)).map((f) => String(f.properties.name_uk ?? f.properties.name)))
];

const VIEWS = [
	{ name: 'Pokrovsk', view: '37.18,48.28,8.5', towns: ['Pokrovsk', 'Myrnohrad', 'Kostiantynivka'] },
	{ name: 'Kherson', view: '33.0,46.75,8.0', towns: ['Kherson', 'Nova Kakhovka', 'Oleshky'] },
	{ name: 'Rzeszów', view: '22.0,50.1,9.0', towns: ['Rzeszów', 'Łańcut'] }
];

test.describe('the base map at the front and the hubs', () => {
	for (const { name, view, towns } of VIEWS)
		test(`${name}: at least 8 named places and the rivers`, async ({ page }) => {
			const { errors, foreign } = await openAtlas(page, `/?view=${view}`);
			await detailDrawn(page);
			const places = await rendered(page, 'place-labels');
			expect(places.length, places.join(', ')).toBeGreaterThanOrEqual(8);
			for (const town of towns) expect(places).toContain(town);
			expect((await renderedFeatures(page, 'water-rivers')).length).toBeGreaterThan(0);
			expect(errors).toEqual([]);
			expect(foreign()).toEqual([]);
		});

	for (const size of [
		{ width: 1280, height: 800 },
		{ width: 390, height: 844 }
	])
		test(`at Pokrovsk (8.5, ${size.width}x${size.height}) Donetsk oblast is named and its boundary drawn`, async ({ page }) => {
			await page.setViewportSize(size);
			await openAtlas(page, '/?view=37.18,48.28,8.5');
			await detailDrawn(page);
			// a name placed where the reader sees it: on the canvas, not under the side panel
			const covers = await page.evaluate(() => [...document.querySelectorAll('[data-covers-map]')].map((e) => e.getBoundingClientRect().toJSON() as DOMRect));
			const canvas = await canvasBox(page);
			const named = (await renderedFeatures(page, 'oblast-labels'))
				.map((f) => ({ name: String(f.properties.name), at: f.at! }))
				.filter(({ at }) => at.x > 0 && at.y > 0 && at.x < canvas.width && at.y < canvas.height)
				.filter(({ at }) => !covers.some((r) => at.x > r.left && at.x < r.right && at.y > r.top && at.y < r.bottom))
				.map(({ name }) => name);
			expect(named).toContain('Donetsk oblast');
			const lines = (await renderedFeatures(page, 'oblast-lines')).map((f) => String(f.properties.iso));
			expect(lines).toContain('UA-14');
			expect(lines).toContain('UA-12');
		});

	test('oblasts are named in Ukrainian with lang=uk', async ({ page }) => {
		await openAtlas(page, '/?view=37.18,48.28,8.5&lang=uk');
		await detailDrawn(page);
		expect(await renderedUk(page, 'oblast-labels')).toContain('Донецька область');
		expect(JSON.stringify(await layoutProperty(page, 'oblast-labels', 'text-field'))).toContain('name_uk');
	});

	test('at Kherson (8) the Dnipro, which is the front there, is named on its course in the view’s lower half', async ({ page }) => {
		await openAtlas(page, '/?view=33.0,46.75,8.0');
		await detailDrawn(page);
		const { width: w, height: h } = await canvasBox(page);
		const names = async (box: [{ x: number; y: number }, { x: number; y: number }]) =>
			(await renderedFeatures(page, ['water-labels-front', 'water-labels'], box)).map((f) => String(f.properties.name));
		const lower = await names([
			{ x: 0, y: h / 2 },
			{ x: w, y: h }
		]);
		const upperThird = await names([
			{ x: 0, y: 0 },
			{ x: w, y: h / 3 }
		]);
		expect(lower).toContain('Dnipro');
		// and not only at the top of the view, where the reservoir's name sits
		expect(upperThird.length).toBeLessThanOrEqual(1);
		// drawn as a river, wider than a brook: about 3 px at zoom 8
		const dnipro = (await renderedFeatures(page, 'water-rivers')).find((f) => f.properties.name === 'Dnipro');
		const width = { spec: JSON.stringify(await paintProperty(page, 'water-rivers', 'line-width')), w: dnipro?.properties.w };
		expect(width.w).toBe(3);
		expect(width.spec).toContain('"get","w"');
	});

	test('at Europe’s scale the small states’ capitals do not crowd the map', async ({ page }) => {
		await openAtlas(page, '/?scene=coalition');
		await detailDrawn(page);
		const places = await rendered(page, 'place-labels');
		expect(places).toContain('London');
		for (const small of ['Vaduz', 'Monaco', 'Andorra la Vella', 'San Marino', 'Saint Helier']) expect(places).not.toContain(small);
	});

	test('the Dnipro is drawn and named along the front, and the drained Kakhovka reservoir is drawn as such', async ({ page }) => {
		await openAtlas(page, '/?view=33.9,47.1,7.5');
		await detailDrawn(page);
		expect(await rendered(page, 'water-labels')).toContain('Dnipro');
		expect(await rendered(page, 'water-former')).toEqual(['Former Kakhovka Reservoir (drained 2023)']);
	});

	test('in Ukrainian, towns, rivers and countries are labelled in Ukrainian', async ({ page }) => {
		await openAtlas(page, '/?view=33.0,46.75,8.0&lang=uk');
		await detailDrawn(page);
		const layer = JSON.stringify(await layoutProperty(page, 'place-labels', 'text-field'));
		expect(layer).toContain('name_uk');
		const towns = await renderedUk(page, 'place-labels');
		expect(towns).toContain('Херсон');
		expect(towns).toContain('Нова Каховка');
		// switching the language rewrites the labels in place
		await page.getByRole('button', { name: 'English' }).click();
		await expect.poll(async () => JSON.stringify(await layoutProperty(page, 'country-labels', 'text-field'))).not.toContain('name_uk');
	});

	test('no town is written over a hub or an air base, and town labels never overlap', async ({ page }) => {
		await openAtlas(page, '/?view=22.0,50.1,9.0');
		await detailDrawn(page);
		const points = (await renderedFeatures(page, ['hubs:circle', 'air-bases:circle'])).map((f) => f.at!);
		const towns = (await renderedFeatures(page, 'place-labels')).map((f) => f.at!);
		const overlap =
			(await layoutProperty(page, 'place-labels', 'text-allow-overlap')) === true ||
			(await layoutProperty(page, 'place-labels', 'icon-allow-overlap')) === true;
		const clash = towns.filter((t) => points.some((p) => Math.hypot(p.x - t.x, p.y - t.y) < 12)).length;
		expect(points.length).toBeGreaterThanOrEqual(1);
		expect(overlap).toBe(false);
		expect(clash).toBe(0);
		// the hub's own name is on the map beside it
		expect(await rendered(page, 'hubs:label')).toContain('Rzeszów-Jasionka logistics hub');
	});

	test('search finds a town by either spelling and language, and flies there', async ({ page }) => {
		const asked: string[] = [];
		page.on('request', (r) => asked.push(new URL(r.url()).pathname));
		await openAtlas(page);
		await detailDrawn(page);
		// the towns' list (100 KB) comes only when a reader goes to the search
		expect(asked.filter((p) => p.endsWith('/data/places.json'))).toEqual([]);
		const search = page.getByRole('searchbox');
		await search.fill('Kupjansk');
		await expect(page.getByRole('button', { name: /^Kupiansk\s*Kharkiv oblast, Ukraine · Town$/ })).toBeVisible();
		await search.fill('constanta');
		await page.getByRole('button', { name: /^Constanța\s*Romania · Town$/ }).click();
		await expect
			.poll(async () => (({ zoom, center }) => ({ zoom: Math.round(zoom), lng: Math.round(center[0]) }))(await camera(page)), {
				timeout: 15_000
			})
			.toEqual({ zoom: 8, lng: 29 });
		await search.fill('Покровськ');
		await expect(page.getByRole('button', { name: /^Pokrovsk\s*Donetsk oblast, Ukraine · Town$/ })).toBeVisible();
	});

	test('search says where a town is, in the reader’s language', async ({ page }) => {
		await openAtlas(page);
		const search = page.getByRole('searchbox');
		await search.fill('Pokrovsk');
		await expect(page.getByRole('button', { name: /^Pokrovsk\s*Donetsk oblast, Ukraine · Town$/ })).toBeVisible();
		await search.fill('Rzeszów');
		await expect(page.getByRole('button', { name: /^Rzeszów\s*Poland · Town$/ })).toBeVisible();
		await page.getByRole('button', { name: 'Українська' }).click();
		await search.fill('Покровськ');
		await expect(page.getByRole('button', { name: /^Покровськ\s*Донецька область, Україна · Місто$/ })).toBeVisible();
	});

	test('a host that sends the whole archive where a part was asked for: the notice names the file and what the host must do; the map is drawn', async ({
		page
	}) => {
		const archive = readFileSync('build/data/basemap.pmtiles');
		await page.route('**/data/basemap.pmtiles', (route) =>
			route.fulfill({ status: 200, body: archive, headers: { 'content-type': 'application/octet-stream' } })
		);
		const { errors } = await openAtlas(page, '/?view=22.0,50.1,9.0');
		const notices = page.getByRole('status', { name: 'Data problems' });
		await expect(notices).toContainText("data/basemap.pmtiles: the base map's rivers, lakes and towns were not drawn");
		await expect(notices).toContainText('it must answer HTTP byte-range requests');
		await expect(notices).not.toContainText('was not drawn:');
		// the atlas's own layers are all there
		expect((await renderedFeatures(page, 'hubs:circle')).length).toBeGreaterThan(0);
		expect(errors).toEqual([]);
	});
});
