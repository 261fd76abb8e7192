import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { distance, expectColour, hex, nearestColour, openAtlas, pixelAtLngLat, redrawn, withoutBuiltContent } from './atlas';

const incursionsFile = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8'));
const incursions = incursionsFile.features as { properties: { id: string; date: string } }[];
const scenes = JSON.parse(readFileSync('geodata/scenes.json', 'utf8')).scenes as {
	id: string;
	title: string;
	camera: { center: [number, number]; zoom: number };
	layers: string[];
}[];
const DRONE = '#d53f8c';
// the Munich drone sightings of 2 Oct 2025: no other incident within 4 degrees
const MUNICH: [number, number] = [11.7861, 48.3538];
const BLACK_SEA: [number, number] = [33.5, 43.3];

test.use({ reducedMotion: 'reduce' });

async function setSlider(page: Page, month: string) {
	const slider = page.getByRole('slider', { name: 'Show events up to' });
	const months: string[] = [];
	for (
		let m = incursions
			.map((f) => f.properties.date)
			.sort()[0]
			.slice(0, 7);
		months.length < 200;
	) {
		months.push(m);
		if (m === month) break;
		const [y, mo] = m.split('-').map(Number);
		m = mo === 12 ? `${y + 1}-01` : `${y}-${String(mo + 1).padStart(2, '0')}`;
	}
	await slider.fill(String(months.length - 1));
}

test('the time slider filters the incursions on the map and in the chart', async ({ page }) => {
	await openAtlas(page, '/?layers=incursions&view=11.79,48.35,6.0');
	const panel = page.getByRole('region', { name: 'Time' });
	await expect(panel).toContainText(`Up to Nov 2025: ${incursions.length} of ${incursions.length} incidents`);
	expect(distance(await nearestColour(page, MUNICH, DRONE), hex(DRONE))).toBeLessThanOrEqual(30);

	await setSlider(page, '2023-12');
	const shown = incursions.filter((f) => f.properties.date <= '2023-12-31').length;
	await expect(panel).toContainText(`Up to Dec 2023: ${shown} of ${incursions.length} incidents`);
	await redrawn(page);
	expect(distance(await nearestColour(page, MUNICH, DRONE), hex(DRONE))).toBeGreaterThan(60);
	// the bars after December 2023 are greyed, the ones up to it stay coloured
	const after = await page.locator('.chart rect.after').count();
	const total = await page.locator('.chart rect').count();
	expect(total - after).toBe(22); // Mar 2022 … Dec 2023
	await expect(page.getByRole('img', { name: /Incidents per month/ })).toHaveAttribute('aria-label', /2025: 23/);
	await expect.poll(() => new URL(page.url()).searchParams.get('time')).toBe('2023-12');

	await page.getByRole('button', { name: 'Play' }).click();
	await expect(panel).toContainText(`Up to Nov 2025: ${incursions.length} of`, { timeout: 30_000 });
	await redrawn(page);
	expect(distance(await nearestColour(page, MUNICH, DRONE), hex(DRONE))).toBeLessThanOrEqual(30);
});

test('each scene of the tour moves the camera and sets the layers', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('button', { name: /Take the tour/ }).click();
	const layersPanel = page.getByRole('region', { name: 'Layers' });
	for (const [i, scene] of scenes.entries()) {
		const tour = page.getByRole('region', { name: 'Guided tour' });
		await expect(tour.getByRole('heading', { level: 2 })).toHaveText(scene.title);
		await expect(tour).toContainText(`Scene ${i + 1} of ${scenes.length}`);
		await expect.poll(() => new URL(page.url()).searchParams.get('scene')).toBe(scene.id);
		const camera = await page.evaluate(() => ({ ...window.__atlas!.map.getCenter(), zoom: window.__atlas!.map.getZoom() }));
		expect(camera.lng).toBeCloseTo(scene.camera.center[0], 1);
		expect(camera.lat).toBeCloseTo(scene.camera.center[1], 1);
		expect(camera.zoom).toBeCloseTo(scene.camera.zoom, 1);
		expect(new URL(page.url()).searchParams.get('layers')!.split(',').sort()).toEqual([...scene.layers].sort());
		if (scene.id === 'coverage') await expect(page.getByRole('button', { name: 'Coverage' })).toHaveAttribute('aria-pressed', 'true');
		else
			for (const id of ['coalition', 'occupied', 'patrol-zones', 'contact-line', 'hubs', 'air-bases', 'incursions']) {
				const box = layersPanel.locator(`[data-layer="${id}"] input[type=checkbox]`);
				if (scene.layers.includes(id)) await expect(box).toBeChecked();
				else await expect(box).not.toBeChecked();
			}
		if (i < scenes.length - 1) await page.keyboard.press('ArrowRight'); // focus sits on the scene's title
	}
	await page.getByRole('button', { name: 'Previous' }).click();
	await expect(page.getByRole('region', { name: 'Guided tour' }).getByRole('heading', { level: 2 })).toHaveText(scenes.at(-2)!.title);
	await page.getByRole('button', { name: 'End tour' }).click();
	await expect(page.getByRole('button', { name: /Take the tour/ })).toBeVisible();
});

test('a shared address restores time, scene, open feature, theme and language', async ({ page }) => {
	await openAtlas(page, '/?scene=hubs&time=2024-06&layers=hubs,incursions&feature=hubs:hub-rzeszow-jasionka&theme=dark&lang=uk');
	await expect(page.locator('html')).toHaveAttribute('lang', 'uk');
	await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
	await expect(page.getByRole('region', { name: 'Екскурсія' }).getByRole('heading', { level: 2 })).toHaveText('Логістичні хаби');
	await expect(page.getByRole('region', { name: 'Час' })).toContainText('До чер 2024');
	await expect(page.getByRole('article', { name: 'Rzeszów-Jasionka logistics hub' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Вторгнення в повітряний простір' })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: 'Коаліція охочих' })).not.toBeChecked();
	// the dark base map: the sea in the corner is the dark theme's
	expectColour(await pixelAtLngLat(page, BLACK_SEA), '#1b2733', 20);

	await page.goto('/?time=2031-01&feature=hubs:nowhere&theme=sepia');
	await page.waitForFunction(() => window.__atlas?.ready === true);
	const notice = page.getByRole('status', { name: 'Data problems' });
	await expect(notice).toContainText('address: time: 2031-01 is outside the data (2022-03 to 2025-11); the default is used');
	await expect(notice).toContainText('address: feature: no feature "nowhere" in layer "hubs"; the default is used');
	await expect(notice).toContainText('address: theme: "sepia" is not a theme (light, dark); the default is used');
});

test('search finds a hub by its name without accents and flies there', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('searchbox', { name: 'Search the map' }).fill('rzeszow');
	await page.getByRole('button', { name: /^Rzeszów-Jasionka logistics hub/ }).click();
	await expect(page.getByRole('article', { name: 'Rzeszów-Jasionka logistics hub' })).toBeVisible();
	await expect.poll(() => page.evaluate(() => window.__atlas!.map.getCenter().lng)).toBeCloseTo(22.0, 0);
	await expect.poll(() => new URL(page.url()).searchParams.get('feature')).toBe('hubs:hub-rzeszow-jasionka');

	await page.getByRole('searchbox', { name: 'Search the map' }).fill('przewod');
	await expect(page.getByRole('button', { name: /Przewod/ }).first()).toBeVisible();
	await page.getByRole('searchbox', { name: 'Search the map' }).fill('atlantis');
	await expect(page.getByText('Nothing on the map matches')).toBeVisible();
});

test('keyboard only: the tour button, the map, then every feature in view, then the panel', async ({ page }) => {
	await openAtlas(page, '/?layers=hubs&view=24.00,48.50,5.0');
	await expect(page.getByRole('navigation', { name: 'Features in view' })).toContainText('Logistics hubs in view: 2');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: /Take the tour/ })).toBeFocused();
	await page.keyboard.press('Tab');
	await expect(page.locator('.maplibregl-canvas')).toBeFocused();
	// the map pans with the arrow keys
	const before = await page.evaluate(() => window.__atlas!.map.getCenter().lng);
	await page.keyboard.press('ArrowRight');
	await expect.poll(() => page.evaluate(() => window.__atlas!.map.getCenter().lng)).toBeGreaterThan(before);
	// past maplibre's own controls (zoom in, zoom out, attribution) to the skip link, then the stops
	const skip = page.getByRole('link', { name: /Skip the features in view/ });
	for (let i = 0; i < 4 && !(await skip.evaluate((a) => a === document.activeElement)); i++) await page.keyboard.press('Tab');
	await expect(skip).toBeFocused();
	await page.keyboard.press('Tab');
	const first = page.getByRole('button', { name: /^1\/2: / });
	await expect(first).toBeFocused();
	await expect(first).toContainText('Rzeszów-Jasionka');
	await expect(page.getByRole('article', { name: 'Rzeszów-Jasionka logistics hub' })).toBeVisible();
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: /^2\/2: / })).toContainText('Câmpia Turzii');
	await page.keyboard.press('Enter');
	// the pinned card comes next in the tab order, with its close button and source links
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Close details' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByRole('article', { name: 'Câmpia Turzii' })).toHaveCount(0);

	// the skip link jumps past the stops to the panel
	await page.getByRole('link', { name: /Skip the features in view/ }).focus();
	await page.keyboard.press('Enter');
	await page.keyboard.press('Tab');
	await expect(page.getByRole('searchbox', { name: 'Search the map' })).toBeFocused();
});

test('export: a 1600 × 1000 PNG with the map, title band and credit', async ({ page }) => {
	await openAtlas(page, '/');
	const download = page.waitForEvent('download');
	await page.getByRole('button', { name: 'Export PNG' }).click();
	const file = await download;
	expect(file.suggestedFilename()).toMatch(/^ukraine-security-guarantees-\d{4}-\d{2}-\d{2}\.png$/);
	const png = PNG.sync.read(readFileSync(await file.path()));
	expect([png.width, png.height]).toEqual([1600, 1000]);
	const at = (x: number, y: number) => [0, 1, 2].map((c) => png.data[(y * png.width + x) * 4 + c]);
	expect(at(1590, 10)).toEqual([255, 255, 255]); // title band
	const mapArea = new Set<string>();
	for (let x = 0; x < 1600; x += 40) mapArea.add(at(x, 500).join());
	expect(mapArea.size).toBeGreaterThan(4); // a real map, not a blank canvas
	// after the export the map is back at the page's size
	const size = await page.evaluate(() => [window.__atlas!.map.getCanvas().clientWidth, window.__atlas!.map.getCanvas().clientHeight]);
	expect(size).toEqual([1280, 800]);
});

test('the dark theme switches the base map and the panels, and Ukrainian the interface', async ({ page }) => {
	await openAtlas(page, '/?lang=en');
	expectColour(await pixelAtLngLat(page, BLACK_SEA), '#d6e4ee', 20);
	await page.getByRole('button', { name: 'Dark theme' }).click();
	await redrawn(page);
	expectColour(await pixelAtLngLat(page, BLACK_SEA), '#1b2733', 20);
	await expect(page.locator('aside.sheet')).toHaveCSS('color', 'rgb(226, 232, 240)');
	await page.getByRole('button', { name: 'Українська' }).click();
	await expect(page.getByRole('button', { name: 'Шари' })).toBeVisible();
	await expect(page.getByRole('checkbox', { name: 'Коаліція охочих' })).toBeVisible();
	await expect.poll(() => new URL(page.url()).searchParams.get('lang')).toBe('uk');
});

/** The contact line as two dated versions (a series): the real one of Nov 2025 and a stand-in of Aug 2024 in blue. */
async function twoVersionsOfTheLine(page: Page) {
	const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
	const line = manifest.layers.find((l: { id: string }) => l.id === 'contact-line');
	Object.assign(line, { series: 'front', asOf: '2025-11-15' });
	// a stand-in earlier version: the same file, another colour, an earlier date
	manifest.layers.push({
		...line,
		id: 'contact-line-earlier',
		title: 'Contact line, earlier',
		asOf: '2024-08-01',
		style: { ...line.style, color: '#1f4e8c' },
		i18n: undefined
	});
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: manifest }));
	const VERTEX: [number, number] = [37.6408, 49.3817];
	return (colour: string) => nearestColour(page, VERTEX, colour, 3).then((c) => distance(c, hex(colour)));
}

test('of two dated versions of a layer, the slider draws the one in force', async ({ page }) => {
	const near = await twoVersionsOfTheLine(page);
	await openAtlas(page, '/?layers=contact-line,contact-line-earlier,incursions&view=37.64,49.38,6.0');
	expect(await near('#7b1d1d')).toBeLessThanOrEqual(30);
	expect(await near('#1f4e8c')).toBeGreaterThan(60);
	await setSlider(page, '2025-06');
	await redrawn(page);
	expect(await near('#1f4e8c')).toBeLessThanOrEqual(30);
	expect(await near('#7b1d1d')).toBeGreaterThan(60);
});

test('with dated versions and no dated events, the slider spans the versions and picks one', async ({ page }) => {
	const near = await twoVersionsOfTheLine(page);
	// the same incursions without their dates: no event is left to count
	const undated = { ...incursionsFile, features: incursions.map((f) => ({ ...f, properties: { ...f.properties, date: undefined } })) };
	await withoutBuiltContent(page);
	await page.route('**/geodata/incursions.geojson', (route) => route.fulfill({ json: undated }));
	await openAtlas(page, '/?layers=contact-line,contact-line-earlier&view=37.64,49.38,6.0');
	const slider = page.getByRole('slider', { name: 'Show the map as of' });
	await expect(slider).toHaveAttribute('max', '15'); // Aug 2024 … Nov 2025
	const panel = page.locator('#atlas-panel');
	await expect(panel).toContainText('As of Nov 2025');
	await expect(page.locator('.chart')).toHaveCount(0); // nothing to count, so no bars
	expect(await near('#7b1d1d')).toBeLessThanOrEqual(30);
	await slider.fill('10');
	await expect(panel).toContainText('As of Jun 2025');
	await expect(slider).toHaveAttribute('aria-valuetext', 'Jun 2025');
	await redrawn(page);
	expect(await near('#1f4e8c')).toBeLessThanOrEqual(30);
	expect(await near('#7b1d1d')).toBeGreaterThan(60);
	await expect.poll(() => new URL(page.url()).searchParams.get('time')).toBe('2025-06');
});
