import { expect, test } from '@playwright/test';
import { camera, openAtlas } from './atlas';

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

test('a malformed address part falls back to the default with a small notice', async ({ page }) => {
	await openAtlas(page, '/?view=north&utm_source=newsletter');
	await expect(page.getByRole('status', { name: 'Data problems' })).toContainText('address: view: "north" is not longitude,latitude,zoom; the default is used');
	await expect(page.getByRole('status', { name: 'Data problems' })).not.toContainText('utm_source');
	await expect(page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: 'Coalition of the willing' })).toBeChecked();
});
