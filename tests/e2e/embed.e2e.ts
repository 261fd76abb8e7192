import { expect, test, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

// The atlas embedded in an article on another origin, the way newsrooms run it.
const atlasOrigin = (baseURL?: string) => new URL(baseURL!).origin;
const hostOrigin = (baseURL?: string) => {
	const url = new URL(baseURL!);
	url.port = String(Number(url.port) + 1);
	return url.origin;
};

async function atlasFrame(page: Page): Promise<Frame> {
	const handle = await page.waitForSelector('iframe');
	// Chromium gives off-screen cross-origin frames no animation frames: scroll to it like a reader
	await handle.scrollIntoViewIfNeeded();
	const frame = (await handle.contentFrame())!;
	await frame.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	return frame;
}

const frameHeight = (page: Page) => page.locator('iframe').evaluate((f) => Math.round(f.getBoundingClientRect().height));
const contentHeight = (frame: Frame) => frame.locator('.embed').evaluate((e) => Math.ceil(e.getBoundingClientRect().height));

test('pym.js on a news page fits the iframe to the embed, growing and shrinking with the legend', async ({ page, baseURL }) => {
	await page.goto(`${hostOrigin(baseURL)}/pym.html?atlas=${atlasOrigin(baseURL)}`);
	const frame = await atlasFrame(page);
	// within a pixel: the content's height may be fractional (the key's lines), the iframe's is whole
	await expect.poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame)))).toBeLessThanOrEqual(1);
	const closed = await frameHeight(page);

	await frame.getByText('Legend and layers').click();
	await expect.poll(() => frameHeight(page)).toBeGreaterThan(closed + 100);
	await expect.poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame)))).toBeLessThanOrEqual(1);

	await frame.getByText('Legend and layers').click();
	await expect.poll(() => frameHeight(page)).toBe(closed);

	// the AMP request and the atlas's own message went to the parent too
	const messages = await page.evaluate(() => (window as unknown as { __messages: unknown[] }).__messages);
	expect(messages).toContainEqual(expect.objectContaining({ sentinel: 'amp', type: 'embed-size' }));
	expect(messages).toContainEqual(expect.objectContaining({ type: 'ukraine-atlas:height' }));
});

test('the snippet script resizes its own iframe and ignores messages from any other window', async ({ page, baseURL }) => {
	const requests: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	await page.goto(`${hostOrigin(baseURL)}/snippet.html?atlas=${atlasOrigin(baseURL)}`);
	const frame = await atlasFrame(page);
	await expect.poll(() => frameHeight(page)).toBe(await contentHeight(frame));
	const fitted = await frameHeight(page);

	// a message claiming to be the atlas, from the host window itself
	await page.evaluate(() => window.postMessage({ type: 'ukraine-atlas:height', height: 2000 }, '*'));
	await page.waitForTimeout(300);
	expect(await frameHeight(page)).toBe(fitted);

	// the embed fetched nothing outside its own origin (the host page is the host's business)
	const fromEmbed = requests.filter((u) => !u.startsWith(hostOrigin(baseURL)));
	expect(fromEmbed.filter((u) => !u.startsWith(atlasOrigin(baseURL)) && !u.startsWith('blob:') && !u.startsWith('data:'))).toEqual([]);
});

test('the closed legend is built when a reader first opens it, and keeps what was switched there', async ({ page }) => {
	await page.goto('/embed');
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	const legend = page.locator('details.embed-legend');
	// a CSS locator counts hidden elements too: nothing of the legend exists while it is closed
	await expect(legend.locator('input[type=checkbox]')).toHaveCount(0);
	await legend.locator(':scope > summary').click();
	await expect(legend.getByRole('checkbox', { name: 'Air bases' })).toBeChecked();
	await expect(legend.getByRole('region', { name: 'What the map shows' })).toContainText('Air bases');
	await legend.getByRole('checkbox', { name: 'Air bases' }).uncheck();
	await legend.locator(':scope > summary').click();
	await legend.locator(':scope > summary').click();
	await expect(legend.getByRole('checkbox', { name: 'Air bases' })).not.toBeChecked();
	expect(await page.evaluate(() => window.__atlas!.map.getLayoutProperty('air-bases:circle', 'visibility'))).toBe('none');
});

test('the embed writes no cookies and no storage', async ({ page }) => {
	await page.goto('/embed');
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	await page.getByText('Legend and layers').click();
	const stored = await page.evaluate(async () => ({
		cookies: document.cookie,
		local: localStorage.length,
		session: sessionStorage.length,
		databases: (await indexedDB.databases()).length
	}));
	expect(stored).toEqual({ cookies: '', local: 0, session: 0, databases: 0 });
	expect(await page.context().cookies()).toEqual([]);
});

test('oEmbed and Open Graph: a CMS and a social network can make a card', async ({ page, request }) => {
	await page.goto('/embed');
	const href = await page.locator('link[rel="alternate"][type="application/json+oembed"]').getAttribute('href');
	const oembed = await (await request.get(new URL(href!, page.url()).href)).json();
	expect(oembed).toMatchObject({ version: '1.0', type: 'rich' });
	expect(typeof oembed.width).toBe('number');
	expect(typeof oembed.height).toBe('number');
	expect(oembed.html).toMatch(/^<iframe [^>]*src="[^"]*\/embed[^"]*"[^>]*><\/iframe>$/);
	const image = await page.locator('meta[property="og:image"]').getAttribute('content');
	const png = await request.get(new URL(image!, page.url()).href);
	expect(png.headers()['content-type']).toContain('image/png');
	await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', /Ukraine/);
});

test('each scene has its own page, card image and oEmbed document that embeds that scene', async ({ page, request }) => {
	const scenes = JSON.parse(readFileSync('geodata/scenes.json', 'utf8')).scenes as { id: string; title: string }[];
	for (const scene of scenes) {
		const html = await (await request.get(`/scenes/${scene.id}`)).text();
		const link = html.match(/<link rel="alternate" type="application\/json\+oembed" href="([^"]+)"/)?.[1];
		expect(link, `oEmbed link on /scenes/${scene.id}`).toBeTruthy();
		const oembed = await (await request.get(new URL(link!, `http://x/scenes/${scene.id}`).pathname)).json();
		expect(oembed).toMatchObject({ version: '1.0', type: 'rich', title: scene.title });
		expect(oembed.html).toContain(`/embed?scene=${scene.id}`);
		const image = html.match(/<meta property="og:image" content="([^"]+)"/)?.[1];
		const png = await request.get(new URL(image!, `http://x/scenes/${scene.id}`).pathname);
		expect(png.headers()['content-type']).toContain('image/png');
		expect((await png.body()).length).toBeGreaterThan(20_000);
	}
	// the scene's page opens the atlas on that scene
	await page.goto(`/scenes/${scenes[1].id}`);
	await expect(page.getByRole('region', { name: 'Guided tour' }).getByRole('heading', { level: 2 })).toHaveText(scenes[1].title);
});

test('an embed set by the address: scene, time, language and theme', async ({ page }) => {
	await page.goto('/embed?scene=incursions&time=2024-12&lang=uk&theme=dark');
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Дрони над повітряним простором НАТО і ЄС');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await page.getByText('Легенда і шари').click();
	await expect(page.getByRole('region', { name: 'Час' })).toContainText('До гру 2024');
	await expect(page.getByRole('link', { name: 'Відкрити повну мапу' })).toHaveAttribute('href', /scene=incursions/);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

	test('one finger scrolls the article past the map; the map shows the two-finger hint', async ({ page, baseURL }) => {
		await page.goto(`${hostOrigin(baseURL)}/pym.html?atlas=${atlasOrigin(baseURL)}`);
		const frame = await atlasFrame(page);
		await page.locator('iframe').scrollIntoViewIfNeeded();
		const box = (await page.locator('iframe').boundingBox())!;
		const before = await page.evaluate(() => window.scrollY);
		const cdp = await page.context().newCDPSession(page);
		const x = box.x + box.width / 2;
		const y = Math.min(box.y + 200, 700);
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
		for (let i = 1; i <= 10; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y - i * 30 }] });
		await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
		await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before + 100);
		await expect(frame.locator('.maplibregl-cooperative-gesture-screen')).toHaveCount(1);
	});
});

test.describe('without WebGL', () => {
	// a browser with WebGL switched off answers null for every WebGL context
	const withoutWebGL = (page: import('@playwright/test').Page) =>
		page.addInitScript(() => {
			const getContext = HTMLCanvasElement.prototype.getContext;
			HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
				return /webgl/i.test(type) ? null : getContext.call(this, type as '2d', ...(rest as []));
			} as typeof getContext;
		});

	test('the embed shows the static map, the map in words and a link to the data', async ({ page }) => {
		await withoutWebGL(page);
		await page.goto('/embed');
		const figure = page.locator('figure.static-map');
		await expect(figure).toBeVisible({ timeout: 30_000 });
		await expect(figure.locator('img')).toHaveJSProperty('complete', true);
		expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
		await expect(figure.getByRole('region', { name: 'What the map shows' })).toContainText('Logistics hubs');
		await expect(figure.getByRole('link', { name: 'The data as tables' })).toBeVisible();
	});

	test("an embedded scene falls back to that scene's static map", async ({ page }) => {
		await withoutWebGL(page);
		await page.goto('/embed?scene=hubs');
		const img = page.locator('figure.static-map img');
		await expect(img).toHaveAttribute('src', /data\/scenes\/hubs\.svg$/, { timeout: 30_000 });
		await expect(img).toHaveJSProperty('complete', true);
		expect(await img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBeGreaterThan(100);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the embed still shows the static map, the map in words and the data link', async ({ page }) => {
		await page.goto('/embed');
		const layers = JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers.filter((l: { visible?: boolean }) => l.visible !== false);
		const figure = page.locator('figure').first();
		await expect(figure.locator('img')).toBeVisible();
		for (const layer of layers) await expect(figure).toContainText(layer.title);
		await expect(figure.getByRole('link', { name: 'The data as tables' })).toBeVisible();
	});
});
