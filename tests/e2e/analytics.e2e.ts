import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openAtlas } from './atlas';

const claimsFile = JSON.parse(readFileSync('geodata/claims.json', 'utf8'));

test('the claims panel lists every seed claim with its checked value, verdict and source', async ({ page }) => {
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
	const kosovo = panel.locator('[data-claim="ukraine-50x-kosovo"]');
	await expect(kosovo.locator('.verdict')).toHaveText('Holds');
	await expect(kosovo).toContainText(/Ukraine over Kosovo, areas on this map: \d{2}\.\d times\s*computed/);
	await expect(kosovo).toContainText(/Area of recognised Ukraine on this map: 59\d,\d{3} km²/);
	const front = panel.locator('[data-claim="front-length"]');
	await expect(front).toContainText(/Length of the contact line as traced on this map: \d{3},?\d* km/);
	await expect(front).toContainText('1,218 km');
});
