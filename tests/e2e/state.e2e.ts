import { expect, test } from '@playwright/test';
import { camera, expectColour, lastMonthOfData, openAtlas, pixelAtLngLat } from './atlas';

// The address holds the whole state: a shared link restores it, and it follows the reader. (A
// malformed part falling back to its default is the parser's to answer: tests/unit/urlState.test.ts;
// the notice a reader sees for one is checked below.)

const BLACK_SEA: [number, number] = [33.5, 43.3];

test('a shared address restores the layers and the view, and the address follows the reader', async ({ page }) => {
	await openAtlas(page, '/?layers=hubs,incursions&view=24.00,50.00,5.0');
	const panel = page.getByRole('region', { name: 'Layers' });
	await expect(panel.getByRole('checkbox', { name: 'Logistics hubs' })).toBeChecked();
	await expect(panel.getByRole('checkbox', { name: 'Airspace incursions' })).toBeChecked();
	await expect(panel.getByRole('checkbox', { name: 'Coalition of the willing' })).not.toBeChecked();
	const view = await camera(page);
	expect(view.center[0]).toBeCloseTo(24, 1);
	expect(view.center[1]).toBeCloseTo(50, 1);
	expect(view.zoom).toBeCloseTo(5, 1);

	await panel.getByRole('checkbox', { name: 'Air bases' }).check();
	await expect.poll(() => new URL(page.url()).searchParams.get('layers')).toBe('hubs,air-bases,incursions');
});

test.describe('the whole state in the address', () => {
	test.use({ reducedMotion: 'reduce' });

	test('a shared address restores time, scene, open feature, theme and language', async ({ page }) => {
		await openAtlas(page, '/?scene=hubs&time=2024-06&layers=hubs,incursions&feature=hubs:hub-rzeszow-jasionka&theme=dark&lang=uk');
		await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expect(page.getByRole('region', { name: 'Екскурсія' }).getByRole('heading', { level: 2 })).toHaveText('Логістичні хаби');
		await expect(page.getByRole('region', { name: 'Час' })).toContainText('До чер 2024');
		await expect(page.getByRole('article', { name: 'Логістичний хаб Ряшів-Ясьонка' })).toBeVisible();
		await expect(page.getByRole('checkbox', { name: 'Вторгнення в повітряний простір' })).toBeChecked();
		await expect(page.getByRole('checkbox', { name: 'Коаліція охочих' })).not.toBeChecked();
		// the dark base map: the sea in the corner is the dark theme's
		expectColour(await pixelAtLngLat(page, BLACK_SEA), '#1b2733', 20);

		await page.goto('/?time=2031-01&feature=hubs:nowhere&theme=sepia');
		await page.waitForFunction(() => window.__atlas?.ready === true);
		const notice = page.getByRole('status', { name: 'Data problems' });
		await expect(notice).toContainText(`address: time: 2031-01 is outside the data (2022-03 to ${lastMonthOfData()}); the default is used`);
		await expect(notice).toContainText('address: feature: no feature "nowhere" in layer "hubs"; the default is used');
		await expect(notice).toContainText('address: theme: "sepia" is not a theme (light, dark); the default is used');
	});
});
