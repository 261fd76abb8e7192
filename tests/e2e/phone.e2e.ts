import { expect, test } from '@playwright/test';
import { openAtlas, project } from './atlas';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('at 360 px: no sideways scroll, and Ukraine sits above the bottom panel', async ({ page }) => {
	await openAtlas(page, '/');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const sheetTop = (await page.locator('aside.sheet').boundingBox())!.y;
	const kyiv = await project(page, [30.52, 50.45]);
	expect(kyiv.x).toBeGreaterThan(0);
	expect(kyiv.x).toBeLessThan(360);
	expect(kyiv.y).toBeLessThan(sheetTop);
	// controls big enough for thumbs
	const tab = (await page.getByRole('button', { name: 'Coverage' }).boundingBox())!;
	expect(tab.height).toBeGreaterThanOrEqual(32);
});
