import { expect, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

// No serious or critical accessibility violations on any page a reader reaches, in both themes; the
// atlas pages with a notice showing (an address part it could not use), so its colours are checked too.
for (const theme of ['light', 'dark'])
	for (const path of ['/', '/embed', '/sources', '/data']) {
		test(`axe finds no serious violations on ${path} (${theme})`, async ({ page }) => {
			await page.emulateMedia({ colorScheme: theme as 'light' | 'dark' });
			await page.goto(path === '/' || path === '/embed' ? `${path}?theme=${theme}&time=1999-01` : path);
			if (path === '/' || path === '/embed') await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
			const results = await new AxeBuilder({ page }).analyze();
			const serious = results.violations
				.filter((v) => v.impact === 'serious' || v.impact === 'critical')
				.map(
					(v) =>
						`${v.id}: ${v.help} (${v.nodes
							.map((n) => n.target.join(' '))
							.slice(0, 3)
							.join(' | ')})`
				);
			expect(serious).toEqual([]);
			expect(results.passes.length, 'axe looked at the page').toBeGreaterThan(10);
			if (path === '/' || path === '/embed') await expect(page.locator('.notices')).toBeVisible();
		});
	}
