import { expect, test, type Frame, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { layoutProperty } from './atlas';

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
	// and a second one after it: messages arrive in order, so once the second is in, embed.js has
	// handled the first (it sets the height as it reads a message)
	await page.evaluate(
		() =>
			new Promise<void>((resolve) => {
				window.addEventListener('message', (e) => e.data === 'test:after-forged' && resolve());
				window.postMessage({ type: 'ukraine-atlas:height', height: 2000 }, '*');
				window.postMessage('test:after-forged', '*');
			})
	);
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
	expect(await layoutProperty(page, 'air-bases:circle', 'visibility')).toBe('none');
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
	// the iframe and the atlas's resize script, so a CMS that pastes it keeps the graphic whole
	expect(oembed.html).toMatch(/^<iframe [^>]*src="[^"]*\/embed[^"]*"[^>]*data-ukraine-atlas[^>]*><\/iframe><script src="[^"]*\/embed\.js" async><\/script>$/);
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

// What a newsroom publishes (issue 32): dates that match the picture, its own words, a credit that
// names the data, an oEmbed that shows the whole graphic.
type ManifestLayer = { id: string; asOf: string; versions?: { asOf: string }[] };
const manifestLayers: ManifestLayer[] = JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const inWords = (iso: string) => `${Number(iso.slice(8, 10))} ${MONTH_NAMES[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
const layerOf = (id: string) => manifestLayers.find((l) => l.id === id)!;

test.describe('the embed dates what it draws', () => {
	test('by default: the front’s snapshot with its publisher, the coalition’s check, no bare “As of”, and the credit names DeepState', async ({ page }) => {
		await page.goto('/embed');
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		const dates = page.locator('.embed-head [data-dates]');
		const front = layerOf('occupied').versions!.at(-1)!.asOf;
		await expect(dates).toContainText(`Front: ${inWords(front)} (DeepStateMap.Live)`);
		await expect(dates).toContainText(new RegExp(`Coalition roles[^·]* checked ${inWords(layerOf('coalition').asOf)}`));
		await expect(dates).not.toContainText('Showing');
		const text = await page.locator('main.embed').innerText();
		expect(text).not.toMatch(/As of|\d{4}-\d{2}-\d{2}/);
		await expect(page.locator('.credit')).toContainText('DeepStateMap.Live');
	});

	test('a past month: that month named, and that month’s snapshot, not the latest', async ({ page }) => {
		await page.goto('/embed?time=2025-03');
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		const march = layerOf('occupied')
			.versions!.filter((v) => v.asOf <= '2025-03-31')
			.at(-1)!.asOf;
		await expect(page.locator('.embed-head [data-dates]')).toContainText(`Showing Mar 2025 · Front: ${inWords(march)} (DeepStateMap.Live)`);
		await expect(page.locator('.embed-head [data-dates]')).not.toContainText(inWords(layerOf('occupied').asOf));
	});

	test('a layer not updated for longer than the limit says so on the picture', async ({ page }) => {
		await page.goto('/embed?layers=contact-line,occupied');
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		const traced = layerOf('contact-line').asOf;
		await expect(page.locator('.embed-head [data-dates]')).toContainText(`checked ${inWords(traced)}, not updated for over 90 days`);
	});
});

test.describe('the newsroom’s own words', () => {
	test('headline, subtitle, note and byline from the address, shown as text, never markup', async ({ page }) => {
		const words = {
			title: 'Where the guarantees <b>would</b> hold',
			subtitle: 'A subtitle from the desk',
			note: 'One short paragraph of context, written by the newsroom.',
			byline: 'Graphic: Jane Doe / The Daily'
		};
		await page.goto(`/embed?${new URLSearchParams(words)}`);
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await expect(page.locator('.embed-head h1')).toHaveText(words.title);
		await expect(page.locator('.embed-head h1 b')).toHaveCount(0);
		await expect(page.locator('.embed-head .caption')).toHaveText(words.subtitle);
		await expect(page.locator('.embed-head .note')).toHaveText(words.note);
		await expect(page.locator('.credit')).toContainText(words.byline);
	});

	test('too long a headline is refused with a message naming it, and the atlas’s own headline stays', async ({ page }) => {
		await page.goto(`/embed?title=${'A'.repeat(130)}`);
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await expect(page.locator('.embed-head h1')).toHaveText("Ukraine's security guarantees");
		await expect(page.locator('main.embed')).toContainText('the title is 130 characters, at most 120 fit');
	});

	test('the Embed dialog puts them in the snippet, and says which is too long', async ({ page }) => {
		await page.goto('/');
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await page.getByRole('button', { name: 'Embed this map' }).click();
		await page.getByLabel('Headline').fill('Our headline & more');
		await page.getByLabel('Byline').fill('Graphic: J. Doe');
		const snippet = page.locator('#embed-snippet');
		await expect(snippet).toHaveValue(/title=Our\+headline\+%26\+more/);
		await expect(snippet).toHaveValue(/byline=Graphic%3A\+J\.\+Doe/);
		await expect(snippet).toHaveValue(/title="Our headline &amp; more"/);
		await page.getByLabel('Subtitle').fill('S'.repeat(201));
		await expect(page.getByText('Subtitle is too long: 201 characters, at most 200 fit.')).toBeVisible();
		await expect(snippet).not.toHaveValue(/subtitle=/);
		// the snippet's address opens the embed with the words
		const src = (await snippet.inputValue()).match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&');
		await page.goto(src);
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await expect(page.locator('.embed-head h1')).toHaveText('Our headline & more');
	});
});

for (const width of [640, 375])
	test(`an article pasting the oEmbed document shows the whole graphic, credit included, at ${width} px`, async ({ page, baseURL }) => {
		await page.setViewportSize({ width, height: 900 });
		await page.goto(`${hostOrigin(baseURL)}/oembed.html?atlas=${atlasOrigin(baseURL)}&width=${width}`);
		const frame = await atlasFrame(page);
		const credit = frame.locator('.credit');
		await expect(credit).toContainText('All sources');
		// the credit's last line lies inside the iframe's box: nothing of the graphic is cut off
		await expect
			.poll(async () => {
				const bottom = await credit.evaluate((c) => c.getBoundingClientRect().bottom);
				return (await frameHeight(page)) - bottom;
			})
			.toBeGreaterThanOrEqual(0);
		await expect.poll(async () => Math.abs((await frameHeight(page)) - (await contentHeight(frame)))).toBeLessThanOrEqual(1);
	});
