import { expect, test, type Page } from '@playwright/test';
import { openAtlas } from './atlas';

// What a newsroom's reader sees on a desktop and on a phone (issue 23): cards that fit the screen,
// a choice where features overlap, opaque panels, the embed as a finished graphic, the PNG export.

const SCREENS = [
	{ name: 'desktop', use: { viewport: { width: 1440, height: 900 } } },
	{ name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } }
] as const;

/** Whether a box lies wholly inside the window. */
async function inViewport(page: Page, selector: ReturnType<Page['locator']>) {
	const box = (await selector.boundingBox())!;
	const { width, height } = page.viewportSize()!;
	return box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
}

for (const screen of SCREENS)
	test.describe(`cards, ${screen.name}`, () => {
		test.use(screen.use);

		for (const feature of ['contact-line:contact-line-2025-autumn', 'occupied:occupied-2026-08-22']) {
			test(`a long card (${feature.split(':')[0]}) fits the screen, scrolls inside, summary first, sources folded`, async ({ page }) => {
				const layer = feature.split(':')[0];
				const { errors } = await openAtlas(page, `/?layers=${layer}&feature=${feature}`);
				const card = page.getByRole('article');
				await expect(card).toBeVisible();
				expect(await inViewport(page, card), 'the card lies inside the window').toBe(true);
				const title = card.getByRole('heading', { level: 2 });
				const close = card.getByRole('button', { name: 'Close details' });
				expect(await inViewport(page, title)).toBe(true);
				expect(await inViewport(page, close)).toBe(true);
				// the summary comes first; the sources (and a long note) are folded, one keypress away
				await expect(card.locator('dt').first()).toBeVisible();
				const sources = card.locator('summary', { hasText: /^Sources \(\d+\)$/ });
				await expect(sources).toBeVisible();
				await expect(card.locator('.sources a').first()).toBeHidden();
				await sources.focus();
				await page.keyboard.press('Enter');
				await expect(card.locator('.sources a').first()).toBeVisible();
				const notes = card.locator('summary', { hasText: 'Notes' });
				if (await notes.count()) {
					await notes.click();
					await expect(card.locator('.note').first()).toBeVisible();
				}
				// opened, the card still fits: its body scrolls, the title and close button stay put
				const body = card.locator('.body');
				const scroll = await body.evaluate((el) => ({ overflow: getComputedStyle(el).overflowY, scrollable: el.scrollHeight > el.clientHeight + 10 }));
				expect(scroll.overflow).toBe('auto');
				// the contact line's notes and 24 sources are taller than any screen
				if (layer === 'contact-line') expect(scroll.scrollable).toBe(true);
				await body.evaluate((el) => (el.scrollTop = el.scrollHeight));
				expect(await inViewport(page, card)).toBe(true);
				expect(await inViewport(page, title)).toBe(true);
				expect(await inViewport(page, close)).toBe(true);
				await close.click();
				await expect(card).toHaveCount(0);
				expect(errors).toEqual([]);
			});
		}
	});
