import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openAtlas, pixelAtLngLat, redrawn } from './atlas';

const claimsFile = JSON.parse(readFileSync('geodata/claims.json', 'utf8'));

test('the claims panel lists every claim of the articles with its checked value, verdict and source', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('button', { name: 'Claims checked' }).click();
	const panel = page.getByRole('region', { name: 'Claims checked' });
	const rows = panel.locator('.claim');
	await expect(rows).toHaveCount(claimsFile.claims.length);
	for (const claim of claimsFile.claims) {
		const row = panel.locator(`[data-claim="${claim.id}"]`);
		await expect(row).toContainText(claim.claim);
		await expect(row.locator('.verdict')).toHaveText(/Holds|Roughly|Differs|Not verifiable/);
	}
	// computed from the geometry, formatted for readers
	// the verdicts the unit tests pin, as a reader sees them
	await expect(panel.locator('[data-claim="front-length"] .verdict')).toHaveText('Roughly');
	await expect(panel.locator('[data-claim="coalition-26"] .verdict')).toHaveText('Not verifiable');
	const kosovo = panel.locator('[data-claim="ukraine-50x-kosovo"]');
	await expect(kosovo.locator('.verdict')).toHaveText('Holds');
	await expect(kosovo).toContainText(/Ukraine over Kosovo, areas on this map: \d{2}\.\d times\s*computed/);
	await expect(kosovo).toContainText(/Area of recognised Ukraine on this map: 59\d,\d{3} km²/);
	const front = panel.locator('[data-claim="front-length"]');
	await expect(front).toContainText(/Length of the contact line as traced on this map: \d{3},?\d* km/);
	await expect(front).toContainText('1,218 km');
	// checked against the front of the article's month (March 2025), not the latest
	await expect(front).toContainText("Front line in Mar 2025, at DeepState's resolution: 1,125 km");
	await expect(front).toContainText('Front line in Mar 2025, smoothed to 3 km: 890 km');
});

test('dragging the coverage radius changes the figures and the drawn coverage', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('button', { name: 'Coverage' }).click();
	const ukraineFigure = page.locator('[data-figure="ukraine"]');
	await expect(ukraineFigure).toHaveText(/\d+(\.\d)?% \([\d,]+ km²\)/);
	const slider = page.getByRole('slider', { name: /Radius/ });
	const percent = async () => Number((await ukraineFigure.textContent())!.match(/([\d.]+)%/)![1]);

	// drag the thumb like a reader: from wherever it is to the far left, then far right
	const box = (await slider.boundingBox())!;
	const y = box.y + box.height / 2;
	const dragTo = async (fraction: number) => {
		const value = Number(await slider.inputValue());
		await page.mouse.move(box.x + ((value - 100) / 1100) * box.width, y);
		await page.mouse.down();
		await page.mouse.move(box.x + fraction * box.width, y, { steps: 12 });
		await page.mouse.up();
	};
	// south of Kyiv, clear of its label: about 600 km from the nearest base
	const kyiv: [number, number] = [30.7, 49.95];
	await dragTo(0.05);
	await expect(page.getByRole('status', { name: 'Coverage figures' })).not.toContainText('Computing');
	await expect.poll(async () => Number(await slider.inputValue())).toBeLessThan(250);
	await expect.poll(percent).toBeLessThan(20);
	const small = await percent();
	await redrawn(page);
	const kyivBefore = await pixelAtLngLat(page, kyiv);

	await dragTo(0.95);
	await expect.poll(async () => Number(await slider.inputValue())).toBeGreaterThan(1000);
	await expect.poll(percent).toBeGreaterThan(small + 30);
	await redrawn(page);
	const kyivAfter = await pixelAtLngLat(page, kyiv);
	// the covered area is washed green: green rises relative to red
	expect(kyivAfter[1] - kyivAfter[0]).toBeGreaterThan(kyivBefore[1] - kyivBefore[0] + 10);
	await expect(page.locator('.coverage .method')).toContainText(/geodesic circles of [\d,]+ km around \d+ bases/);
});

test('the coverage stand-off removes area near Russia and Belarus, with its source', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('button', { name: 'Coverage' }).click();
	const ukraineFigure = page.locator('[data-figure="ukraine"]');
	await expect(ukraineFigure).toHaveText(/%/);
	const percent = async () => Number((await ukraineFigure.textContent())!.match(/([\d.]+)%/)![1]);
	const before = await percent();
	await page.getByRole('checkbox', { name: /Keep 200 km from Russia and Belarus/ }).check();
	await expect.poll(percent).toBeLessThan(before);
	await expect(page.locator('.coverage')).toContainText(/Euromaidan Press/);
});

test('the line in numbers: the strip area follows its width, and force sizes are spread per km', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('button', { name: 'Claims checked' }).click();
	const block = page.getByRole('region', { name: 'The line in numbers' });
	await expect(block.locator('[data-figure="traced"]')).toHaveText(/\d{3},?\d* km/);
	const area = async () => Number((await block.locator('[data-figure="strip"] strong').textContent())!.replace(/[^\d]/g, ''));
	const narrow = await area();
	await block.getByRole('spinbutton').fill('30');
	await expect.poll(area).toBeGreaterThan(narrow * 1.7);
	const hundredThousand = block.locator('tbody tr', { hasText: 'Zelensky (Feb 2025)' });
	await expect(hundredThousand).toContainText('100,000');
	await expect(hundredThousand.locator('td').nth(1)).toHaveText('82.1'); // 100,000 over 1,218 km
});
