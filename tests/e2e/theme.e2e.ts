import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { openAtlas, expectColour, pixelAtLngLat, redrawn, detailDrawn, paintProperty } from './atlas';

// The pages without the atlas (no theme switch) follow the system's dark setting from the first
// paint, in CSS, and stay readable there.
const DARK_PANEL = 'rgb(31, 41, 51)';
const DARK_TEXT = 'rgb(226, 232, 240)';
const BLACK_SEA: [number, number] = [33.5, 43.3];

for (const path of ['/data', '/sources']) {
	test.describe(`${path} on a dark system`, () => {
		test.use({ colorScheme: 'dark' });

		test.describe('without JavaScript', () => {
			test.use({ javaScriptEnabled: false });
			test('is dark before any script runs', async ({ page }) => {
				await page.goto(path);
				await expect(page.locator('main')).toHaveCSS('background-color', DARK_PANEL);
				await expect(page.locator('h1')).toHaveCSS('color', DARK_TEXT);
			});
		});

		test('stays dark and readable: axe finds no serious violations', async ({ page }) => {
			await page.goto(path);
			await expect(page.locator('main')).toHaveCSS('background-color', DARK_PANEL);
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.help}`);
			expect(serious).toEqual([]);
			expect(results.passes.length, 'axe looked at the page').toBeGreaterThan(10);
		});
	});

	test(`${path} on a light system stays light`, async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(path);
		await expect(page.locator('main')).toHaveCSS('background-color', 'rgb(255, 255, 255)');
	});
}

test.describe('the atlas on a dark system', () => {
	test.use({ colorScheme: 'dark' });

	test('the switch to light wins over the system', async ({ page }) => {
		await page.goto('/?theme=light');
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await expect(page.locator('aside.sheet')).toHaveCSS('color', 'rgb(26, 32, 44)');
		await page.getByRole('button', { name: 'Dark theme' }).click();
		await expect(page.locator('aside.sheet')).toHaveCSS('color', DARK_TEXT);
	});
});

test.describe('switching the theme', () => {
	test.use({ reducedMotion: 'reduce' });

	test('the dark theme switches the base map and the panels, and Ukrainian the interface', async ({ page }) => {
		await openAtlas(page, '/?lang=en');
		expectColour(await pixelAtLngLat(page, BLACK_SEA), '#d6e4ee', 20);
		await page.getByRole('button', { name: 'Dark theme' }).click();
		await redrawn(page);
		expectColour(await pixelAtLngLat(page, BLACK_SEA), '#1b2733', 20);
		await expect(page.locator('aside.sheet')).toHaveCSS('color', 'rgb(226, 232, 240)');
		await page.getByRole('button', { name: 'Українська' }).click();
		await expect(page.getByRole('button', { name: 'Шари' })).toBeVisible();
		await expect(page.getByRole('checkbox', { name: 'Коаліція охочих' })).toBeVisible();
		await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('uk');
	});
});

test('the dark theme recolours the rivers, the towns and the hubs’ names', async ({ page }) => {
	await openAtlas(page, '/?view=22.0,50.1,9.0');
	await detailDrawn(page);
	const paint = async () => [
		await paintProperty(page, 'water-rivers', 'line-color'),
		await paintProperty(page, 'place-labels', 'text-color'),
		await paintProperty(page, 'hubs:label', 'text-color')
	];
	expect(await paint()).toEqual(['#8fb3cf', '#3d4852', '#3d4852']);
	await page.getByRole('button', { name: 'Dark theme' }).click();
	await expect.poll(paint).toEqual(['#3d6a8a', '#d8dee4', '#d8dee4']);
});
