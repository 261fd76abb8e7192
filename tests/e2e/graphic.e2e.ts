import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { distance, hex, openAtlas, project, redrawn, styleLayers } from './atlas';

// What a newsroom's reader sees on a desktop and on a phone (issue 23): cards that fit the screen,
// a choice where features overlap, opaque panels, the embed as a finished graphic (the PNG export:
// export.e2e.ts).

const SCREENS = [
	{ name: 'desktop', use: { viewport: { width: 1440, height: 900 } } },
	{ name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } }
] as const;

// the occupied area's latest version, the one drawn by default
const latestOccupied = (JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string }[]).at(-1)!.asOf;

/** Whether a box lies wholly inside the window. */
async function inViewport(page: Page, selector: ReturnType<Page['locator']>) {
	const box = (await selector.boundingBox())!;
	const { width, height } = page.viewportSize()!;
	return box.x >= 0 && box.y >= 0 && box.x + box.width <= width + 0.5 && box.y + box.height <= height + 0.5;
}

for (const screen of SCREENS)
	test.describe(`cards, ${screen.name}`, () => {
		test.use(screen.use);

		for (const feature of ['contact-line:contact-line-2025-autumn', `occupied:occupied-${latestOccupied}`]) {
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

const RZESZOW: [number, number] = [22.019, 50.11]; // the hub and the air base share the airport
const RING = hex('#d53f8c');

/** How many pixels of the highlight ring's colour lie within 24 px of a place. */
async function ringPixels(page: Page, lngLat: [number, number]) {
	const at = await project(page, lngLat);
	const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x - 24, y: at.y - 24, width: 48, height: 48 } }));
	let n = 0;
	for (let i = 0; i < png.data.length; i += 4) if (distance([png.data[i], png.data[i + 1], png.data[i + 2]], RING) < 40) n++;
	return n;
}

for (const screen of SCREENS)
	test.describe(`overlapping features, ${screen.name}`, () => {
		test.use(screen.use);

		test('a click where two features overlap offers both; the one chosen is ringed while its card is open', async ({ page }) => {
			const { errors } = await openAtlas(page, '/?layers=hubs,air-bases&view=22.02,50.11,9.0');
			await redrawn(page);
			const at = await project(page, RZESZOW);
			expect(await ringPixels(page, RZESZOW), 'no ring before a choice').toBeLessThan(5);
			if (screen.name === 'phone') await page.touchscreen.tap(at.x, at.y);
			else await page.mouse.click(at.x, at.y);
			const chooser = page.getByRole('region', { name: 'Features here' });
			await expect(chooser).toBeVisible();
			await expect(chooser.getByRole('heading')).toHaveText('2 features here');
			const choices = chooser.getByRole('button', { name: /Rzeszów/ });
			await expect(choices).toHaveCount(2);
			await expect(page.getByRole('article')).toHaveCount(0);
			expect(await inViewport(page, chooser)).toBe(true);
			// the first choice has the focus: Enter opens it, as a click does
			const base = chooser.getByRole('button', { name: /Airport/ });
			await base.click();
			const card = page.getByRole('article', { name: /Rzeszów/ });
			await expect(card).toBeVisible();
			await expect(card).toContainText('Air bases');
			await expect(chooser).toHaveCount(0);
			// the card never covers the feature it describes
			expect(at.y).toBeLessThan((await card.boundingBox())!.y);
			await redrawn(page);
			expect(await ringPixels(page, RZESZOW), 'the chosen feature is ringed').toBeGreaterThan(20);
			await card.getByRole('button', { name: 'Close details' }).click();
			await redrawn(page);
			expect(await ringPixels(page, RZESZOW), 'the ring leaves with the card').toBeLessThan(5);
			expect(errors).toEqual([]);
		});
	});

for (const screen of SCREENS)
	test.describe(`panels, ${screen.name}`, () => {
		test.use(screen.use);

		test('the panel and the masthead are opaque: nothing of the map shows through', async ({ page }) => {
			await openAtlas(page, '/');
			for (const panel of [page.locator('aside.sheet'), page.locator('header.masthead')]) {
				// the panel's left padding, top to bottom, is the panel's white: no label or land behind it
				const box = (await panel.boundingBox())!;
				const strip = PNG.sync.read(await page.screenshot({ clip: { x: box.x + 4, y: box.y + 8, width: 4, height: Math.min(box.height, 844 - box.y) - 16 } }));
				let other = 0;
				for (let i = 0; i < strip.data.length; i += 4) if (distance([strip.data[i], strip.data[i + 1], strip.data[i + 2]], [255, 255, 255]) > 3) other++;
				expect(other, 'pixels in the panel padding that are not its white').toBe(0);
			}
			// and the map around Kyiv, above the sheet, is drawn: no hole the colour of the page behind it
			const page_ = PNG.sync.read(await page.screenshot());
			const kyiv = await project(page, [30.52, 50.45]);
			const i = (Math.round(kyiv.y + 30) * page_.width + Math.round(kyiv.x)) * 4;
			expect(distance([page_.data[i], page_.data[i + 1], page_.data[i + 2]], hex('#d6e4ee'))).toBeGreaterThan(12);
		});

		test('a bad address says what was wrong, readably', async ({ page }) => {
			await openAtlas(page, '/?view=abc');
			const notice = page.getByRole('status', { name: 'Data problems' });
			await expect(notice).toContainText('"abc" is not longitude,latitude,zoom');
			const message = notice.getByRole('listitem').first();
			await expect(message).toBeVisible();
			expect((await message.boundingBox())!.height).toBeGreaterThan(12);
			expect((await notice.boundingBox())!.height).toBeGreaterThan(40);
			expect(await inViewport(page, message)).toBe(true);
		});
	});

const EMBED_SCREENS = [
	{ name: '640x480', use: { viewport: { width: 640, height: 480 } } },
	{ name: 'phone', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } }
] as const;

for (const screen of EMBED_SCREENS)
	test.describe(`the embed, ${screen.name}`, () => {
		test.use(screen.use);

		test('a finished graphic: title, one-line subtitle, the dates of what it draws, a key to what is drawn, a small credit', async ({ page }) => {
			const { errors } = await openAtlas(page, '/embed');
			await expect(page.getByRole('heading', { level: 1 })).toHaveText("Ukraine's security guarantees");
			const subtitle = page.locator('.embed-head .caption');
			await expect(subtitle).toContainText('Who pledged what');
			// never cut; one line where a desktop article column gives it 640 px
			const cut = () => subtitle.evaluate((p) => p.scrollWidth > p.clientWidth + 1);
			expect(await cut()).toBe(false);
			if (screen.name === '640x480') expect((await subtitle.boundingBox())!.height, 'the subtitle is one line').toBeLessThan(24);
			// the dates of what it draws, each named: the front's snapshot and who made it, then the checks
			await expect(page.locator('.embed-head .as-of')).toHaveText(/^Front: \d{1,2} \w{3} \d{4} \(DeepStateMap\.Live\) · .+ checked \d{1,2} \w{3} \d{4}/);
			// the key: a swatch and a label for each class of each layer drawn
			const key = page.getByRole('list', { name: 'Key' });
			await expect(key).toBeVisible();
			const drawn = (await styleLayers(page)).filter((l) => l.visible).map((l) => l.id);
			for (const [layer, label] of [
				['air-bases', 'Air bases'],
				['hubs', 'Logistics hubs']
			] as const)
				if (drawn.some((id) => id.startsWith(`${layer}:`))) await expect(key.locator(`li[data-layer="${layer}"]`)).toContainText(label);
			const swatches = await key.locator('.swatch').count();
			expect(swatches).toBeGreaterThanOrEqual(4);
			expect(await inViewport(page, page.getByRole('heading', { level: 1 }))).toBe(true);
			// opening the layers adds a scrolling box, not the explorer's whole panel
			const before = await page.evaluate(() => document.documentElement.scrollHeight);
			await page.getByText('Legend and layers').click();
			await expect(page.getByRole('checkbox', { name: 'Air bases' })).toBeVisible();
			const added = (await page.evaluate(() => document.documentElement.scrollHeight)) - before;
			expect(added, 'px the opened layers add').toBeLessThan(400);
			// the base map's credit on the map is an (i) that opens on a tap
			const credit = page.locator('.maplibregl-ctrl-attrib');
			await expect(credit).toHaveClass(/maplibregl-compact(?!-show)/);
			await expect(credit).not.toHaveClass(/maplibregl-compact-show/);
			expect((await credit.boundingBox())!.width).toBeLessThan(40);
			await credit.locator('.maplibregl-ctrl-attrib-button').click();
			await expect(credit.locator('.maplibregl-ctrl-attrib-inner')).toContainText('Natural Earth');
			await expect(credit.locator('.maplibregl-ctrl-attrib-inner')).toBeVisible();
			// each scene's subtitle too
			for (const scene of JSON.parse(readFileSync('geodata/scenes.json', 'utf8')).scenes) {
				await openAtlas(page, `/embed?scene=${scene.id}`);
				await expect(subtitle).toHaveText(scene.subtitle);
				expect(await cut(), `${scene.id}'s subtitle is not cut`).toBe(false);
				if (screen.name === '640x480') expect((await subtitle.boundingBox())!.height, `${scene.id}'s subtitle is one line`).toBeLessThan(24);
			}
			expect(errors).toEqual([]);
		});
	});

test.describe('the card and its feature, desktop', () => {
	test.use({ viewport: { width: 1440, height: 900 } });
	const RZESZOW: [number, number] = [22.019, 50.11];

	for (const [where, view] of [
		['under the card’s place at the bottom left', '27.70,52.20,6.0'],
		['in the middle of the map', '22.02,50.11,6.0']
	] as const)
		test(`the card keeps clear of its point (${where})`, async ({ page }) => {
			const { errors } = await openAtlas(page, `/?layers=hubs&view=${view}&feature=hubs:hub-rzeszow-jasionka`);
			const card = page.getByRole('article');
			await expect(card).toBeVisible();
			// the card is moved once its placement has loaded: waited for, not given a fixed time
			const whereHub = async () => {
				const hub = await project(page, RZESZOW);
				const box = (await card.boundingBox())!;
				const under = hub.x > box.x - 8 && hub.x < box.x + box.width + 8 && hub.y > box.y - 8 && hub.y < box.y + box.height + 8;
				return `the hub at ${Math.round(hub.x)},${Math.round(hub.y)} is ${under ? 'under' : 'clear of'} the card`;
			};
			await expect.poll(whereHub).toContain('clear of the card');
			// clear of the panel on the right too
			const box = (await card.boundingBox())!;
			const panel = (await page.locator('#atlas-panel').boundingBox())!;
			expect(box.x + box.width <= panel.x || box.y >= panel.y + panel.height).toBe(true);
			expect(errors).toEqual([]);
		});
});
