import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { camera, detailDrawn, layersAt, layoutProperty, openAtlas, project, redrawn, renderedFeatures, settled, slideTo } from './atlas';

// Reading the map on any screen (issue 31): a click means the smaller area under it, a card's
// figures read as the panels write them, a search marks what it found, the scenes' points are named.

const latest = (JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string; areaKm2: number }[]).at(-1)!;

/** The symbols a layer placed in view, the zoom, and the zoom from which their text is their name (a step on zoom). */
async function written(page: Page, layer: string) {
	const field = (await layoutProperty(page, layer, 'text-field')) as unknown[];
	return {
		placed: (await renderedFeatures(page, layer)).map((f) => String(f.properties.name)),
		zoom: (await camera(page)).zoom,
		from: Array.isArray(field) && field[0] === 'step' ? Number(field[3]) : 0
	};
}

for (const screen of [
	{ name: 'desktop', use: { viewport: { width: 1280, height: 800 } } },
	{ name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } }
])
	test.describe(`reading, ${screen.name}`, () => {
		test.use(screen.use);

		test('a click on Poland inside a patrol zone’s circle opens Poland, not the zone', async ({ page }) => {
			await openAtlas(page, '/?layers=coalition,patrol-zones&view=19.0,52.0,5.0');
			await redrawn(page);
			// Łódź: inside Eastern Sentry's and the aid hub mission's circles, and in Poland
			const at = await project(page, [19.46, 51.76]);
			const under = (await layersAt(page, at)).map((id) => id.split(':')[0]);
			expect(under, 'a zone is under the click').toContain('patrol-zones');
			await page.mouse.click(at.x, at.y);
			const card = page.getByRole('article');
			await expect(card).toBeVisible();
			await expect(card.locator('h2')).toHaveText('Poland');
		});

		test('a card’s figures read as the panels write them: grouped, no false precision', async ({ page }) => {
			await openAtlas(page, `/?layers=occupied&feature=occupied:occupied-${latest.asOf}`);
			const card = page.getByRole('article');
			await expect(card).toContainText(Math.round(latest.areaKm2).toLocaleString('en-GB'));
			await expect(card).not.toContainText(String(latest.areaKm2));
		});

		test('an address to a card of an earlier month shows no problem box', async ({ page }) => {
			const { errors } = await openAtlas(page, '/?layers=occupied&time=2025-10&feature=occupied:occupied-2025-10-01');
			await redrawn(page);
			await expect(page.locator('.notices')).toHaveCount(0);
			expect(errors).toEqual([]);
		});

		test('a town found by search is marked on the map with its name, and closes the card the last search opened', async ({ page }) => {
			await openAtlas(page, '/');
			const search = page.getByRole('searchbox');
			// on a desktop the search stays in reach while a card is open (a phone's card takes the sheet's place)
			if (screen.name === 'desktop') {
				await search.fill('Rzeszów');
				await page.getByRole('button', { name: /^Rzeszów-Jasionka logistics hub\s*Poland · Logistics hubs$/ }).click();
				await expect(page.getByRole('article')).toBeVisible();
			}
			await search.fill('Pokrovsk');
			await page.getByRole('button', { name: /^Pokrovsk\s*Donetsk oblast, Ukraine · Town$/ }).click();
			await expect(page.getByRole('article')).toHaveCount(0);
			await settled(page);
			await redrawn(page);
			const marked = (await renderedFeatures(page, 'highlight-label')).map((f) => f.properties.name);
			expect(marked).toEqual(['Pokrovsk']);
		});
	});

test('the hubs’ scene names the hubs, at the zoom it is written for (desktop, 4.9)', async ({ page }) => {
	await openAtlas(page, '/?scene=hubs');
	await settled(page);
	await redrawn(page);
	// the hubs' symbols placed in view, and the zoom from which their text is their name (a step on zoom)
	const { placed, zoom, from } = await written(page, 'hubs:label');
	expect(placed.some((n) => n.includes('Rzeszów'))).toBe(true);
	expect(zoom, 'the names are written at the scene’s zoom').toBeGreaterThanOrEqual(from);
});

for (const size of [
	{ width: 390, height: 844 },
	{ width: 360, height: 640 }
])
	test.describe(`the tour names what each scene is about on a ${size.width}x${size.height} phone`, () => {
		test.use({ viewport: size, isMobile: true, hasTouch: true });
		for (const { scene, layer, names } of [
			{ scene: 'hubs', layer: 'hubs:label', names: /Rzeszów-Jasionka logistics hub/ },
			{ scene: 'air', layer: 'air-bases:label', names: /Air Base|Airport/ }
		])
			test(`${scene}: its points are named at the phone's zoom, below the desktop's 4.5`, async ({ page }) => {
				await openAtlas(page, `/?scene=${scene}`);
				await settled(page);
				await redrawn(page);
				// the camera's move and the scene's rule reach the map a frame or two after the page is ready
				await expect.poll(async () => (await written(page, layer)).placed.some((n) => names.test(n)), { timeout: 10_000 }).toBe(true);
				await settled(page);
				const inScene = await written(page, layer);
				expect(inScene.zoom, 'the phone frames the scene below the zoom points are named from elsewhere').toBeLessThan(4.5);
				expect(
					inScene.placed.some((n) => names.test(n)),
					inScene.placed.join(', ')
				).toBe(true);
				expect(inScene.zoom, 'the names are written at the scene’s zoom').toBeGreaterThanOrEqual(inScene.from);
				// out of the tour, the usual rule again: from 4.5
				await page.getByRole('button', { name: 'End tour' }).click();
				await expect.poll(async () => (await written(page, layer)).from).toBe(4.5);
			});
	});

test('moving the slider at Europe scale offers to zoom to the front, and the undated layers say so', async ({ page }) => {
	await openAtlas(page, '/');
	const zoomToFront = page.getByRole('button', { name: 'Zoom to the front' });
	await expect(zoomToFront).toHaveCount(0);
	await slideTo(page, '2024-09');
	// the coalition (formed 2025) and the hubs are drawn as they stand now, and the panel says so
	await expect(page.locator('[data-undated]')).toContainText('Not dated, drawn as they stand now:');
	await expect(page.locator('[data-undated]')).toContainText(/Coalition[^,]*\(from \w{3} 2025\)/);
	await zoomToFront.click();
	// the camera comes to rest on the front (it flies there: polled until it has)
	await expect
		.poll(async () => {
			const { moving, zoom, center } = await camera(page);
			return !moving && zoom > 4.8 && center[0] > 33;
		})
		.toBe(true);
	await expect(zoomToFront).toHaveCount(0);
	// the latest month: nothing to say
	await slideTo(page, '2026-10');
	await expect(page.locator('[data-undated]')).toHaveCount(0);
});

test('incursion dots, which carry no names, push no town’s name off the map', async ({ page }) => {
	const towns = async (layers: string, view: string) => {
		await openAtlas(page, `/?view=${view}&layers=${layers}`);
		await detailDrawn(page);
		return (await renderedFeatures(page, 'place-labels')).map((f) => String(f.properties.name));
	};
	// Vilnius and Chișinău, each beside incursion dots, were dropped when the dots were drawn
	for (const [view, capital] of [
		['24,55,6', 'Vilnius'],
		['27.5,47.5,7', 'Chișinău']
	]) {
		expect(await towns('occupied', view)).toContain(capital);
		const withDots = await towns('incursions', view);
		expect((await renderedFeatures(page, 'incursions:circle')).length).toBeGreaterThan(5);
		expect(withDots).toContain(capital);
	}
});
