import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { camera, openAtlas, project, settled } from './atlas';
import type { Feature, Point } from 'geojson';
import { dataFrame } from '../../src/lib/geo/frame';
import { cameraBounds } from '../../src/lib/geo/camera';
import { latitudeAt, mercator } from '../../src/lib/geo/mercator';
import type { BBox } from '../../src/lib/geo/types';
import { shownAt, versionInForce } from '../../src/lib/time/timeline';
import { SCENE_WINDOW } from '../../src/lib/map/view';

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

// Each scene on phones held either way: its subject (what it draws inside the view it was written
// for) in the middle of the map that no caption, sheet or button covers, every point of it there,
// at most two zoom levels further out than on a desktop (a framing that zooms out to the world, or
// never moves the camera, fails).
type SceneDef = { id: string; time?: string; camera: { center: [number, number]; zoom: number }; layers: string[] };
type LayerDef = { id: string; kind: string; file: string; versions?: { asOf: string; file: string }[] };
const scenes: SceneDef[] = JSON.parse(readFileSync('geodata/scenes.json', 'utf8')).scenes;
const manifest: LayerDef[] = JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers;

/** What a scene shows, read from the files: its layers' features in force at its month, inside the view it was written for. */
function subjectOf(scene: SceneDef): { box: BBox; points: [number, number][] } {
	const view = cameraBounds(scene.camera.center, scene.camera.zoom, SCENE_WINDOW.width, SCENE_WINDOW.height);
	const layers = manifest
		.filter((l) => scene.layers.includes(l.id))
		.map((l) => {
			const file = l.versions ? versionInForce(l.versions, scene.time ?? null)?.file : l.file;
			const features: Feature[] = file ? JSON.parse(readFileSync(`geodata/${file}`, 'utf8')).features : [];
			return { kind: l.kind, features: features.filter((f) => shownAt(f, scene.time ?? null)) };
		});
	const points = layers
		.filter((l) => l.kind === 'point')
		.flatMap((l) => l.features)
		.map((f) => (f.geometry as Point | null)?.coordinates as [number, number] | undefined)
		.filter((c): c is [number, number] => !!c && c[0] >= view[0] && c[0] <= view[2] && c[1] >= view[1] && c[1] <= view[3]);
	return { box: dataFrame(layers, view) ?? view, points };
}

/** The part of the window no panel or button covers: below the caption, above (or left of) the sheet, left of the zoom buttons. */
async function uncovered(page: Page) {
	const { width, height } = page.viewportSize()!;
	const caption = (await page.locator('header.masthead').boundingBox())!;
	const sheet = (await page.locator('aside.sheet').boundingBox())!;
	const buttons = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
	const across = sheet.width > width * 0.6;
	return {
		left: 0,
		top: caption.y + caption.height,
		right: Math.min(buttons.x, across ? width : sheet.x),
		bottom: across ? sheet.y : height
	};
}

/** What is wrong with the framing of a scene now, said; nothing once the camera rests on it as it should. */
async function misframed(page: Page, scene: SceneDef): Promise<string[]> {
	const { moving, zoom } = await camera(page);
	if (moving) return ['the camera is moving'];
	const room = await uncovered(page);
	const out: string[] = [];
	if (zoom < scene.camera.zoom - 2 - 0.01 || zoom > scene.camera.zoom + 0.01)
		out.push(`${scene.id}: zoom ${zoom.toFixed(2)}, written for ${scene.camera.zoom}`);
	const { box, points } = subjectOf(scene);
	const [, y0] = mercator([box[0], box[3]]);
	const [, y1] = mercator([box[2], box[1]]);
	const middle = await project(page, [(box[0] + box[2]) / 2, latitudeAt((y0 + y1) / 2)]);
	const [w, h] = [room.right - room.left, room.bottom - room.top];
	if (Math.abs(middle.x - (room.left + w / 2)) > w / 4 || Math.abs(middle.y - (room.top + h / 2)) > h / 4)
		out.push(`${scene.id}: its subject's middle at ${middle.x},${middle.y}, not in the middle of the map left (${JSON.stringify(room)})`);
	for (const point of points) {
		const at = await project(page, point);
		if (at.x <= room.left || at.x >= room.right || at.y <= room.top || at.y >= room.bottom)
			out.push(`${scene.id}: ${point} at ${at.x},${at.y} covered or off screen`);
	}
	return out;
}

const PHONES = [
	{ name: '390x844', viewport: { width: 390, height: 844 }, byAddress: true },
	{ name: '360x640', viewport: { width: 360, height: 640 }, byAddress: true },
	{ name: '412x915', viewport: { width: 412, height: 915 }, byAddress: false },
	{ name: '844x390 (sideways)', viewport: { width: 844, height: 390 }, byAddress: false }
];

for (const phone of PHONES)
	test.describe(`the tour on a phone, ${phone.name}`, () => {
		test.use({ viewport: phone.viewport, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });

		for (const start of phone.byAddress ? (['the tour', 'a scene’s address'] as const) : (['the tour'] as const))
			test(`each scene frames its subject in the map left uncovered (${start})`, async ({ page }) => {
				test.setTimeout(start === 'the tour' ? 90_000 : 150_000);
				expect(scenes.filter((s) => subjectOf(s).points.length > 0).map((s) => s.id)).toEqual(expect.arrayContaining(['hubs', 'incursions', 'air']));
				let errors: string[] = [];
				if (start === 'the tour') {
					({ errors } = await openAtlas(page, '/'));
					await page.getByRole('button', { name: /Take the tour/ }).click();
				}
				for (const [i, scene] of scenes.entries()) {
					if (start === 'a scene’s address') ({ errors } = await openAtlas(page, `/?scene=${scene.id}`));
					else if (i > 0) await page.getByRole('button', { name: /Next/ }).click();
					await expect(page.locator('header.masthead h2')).toBeVisible();
					// the camera settles, then the scene is framed again once the panels are measured: the
					// framing is checked until the camera rests with the subject in the map left uncovered
					await settled(page);
					await expect.poll(() => misframed(page, scene), { timeout: 15_000 }).toEqual([]);
				}
				expect(errors).toEqual([]);
			});

		test('a scene’s caption folds to one line, and “More” shows it whole with its sources', async ({ page }) => {
			await openAtlas(page, '/?scene=hubs');
			const caption = page.locator('#tour-caption');
			const lineHeight = await caption.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
			expect((await caption.boundingBox())!.height).toBeLessThan(lineHeight * 1.5);
			const more = page.getByRole('button', { name: 'More' });
			await expect(more).toHaveAttribute('aria-expanded', 'false');
			await expect(page.locator('header.masthead summary', { hasText: 'Sources' })).toBeHidden();
			await more.click();
			expect((await caption.boundingBox())!.height).toBeGreaterThan(lineHeight * 2.5);
			await expect(page.locator('header.masthead summary', { hasText: 'Sources' })).toBeVisible();
			// the zoom buttons lie beside the caption, not on it
			const zoom = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
			const card = (await page.locator('header.masthead').boundingBox())!;
			expect(zoom.x).toBeGreaterThanOrEqual(card.x + card.width - 0.5);
			// the next scene opens folded again
			await page.getByRole('button', { name: /Next/ }).click();
			await expect(page.getByRole('button', { name: 'More' })).toHaveAttribute('aria-expanded', 'false');
		});
	});

// The first view (issue 31): what the map draws and how current it is, readable without scrolling
for (const screen of [
	{ name: 'phone 390x844', use: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
	{ name: 'phone 360x640', use: { viewport: { width: 360, height: 640 }, isMobile: true, hasTouch: true } },
	{ name: 'desktop 1280x800', use: { viewport: { width: 1280, height: 800 } } }
])
	test.describe(`the first view, ${screen.name}`, () => {
		test.use(screen.use);

		test('shows the key and the dates of what is drawn without scrolling', async ({ page }) => {
			await openAtlas(page, '/');
			const { width, height } = page.viewportSize()!;
			/** Whether a reader sees the element: inside the window and on top where it is. */
			const seen = (selector: string) =>
				page
					.locator(selector)
					.first()
					.evaluate(
						(el, [w, h]) => {
							const r = el.getBoundingClientRect();
							const x = r.left + Math.min(20, r.width / 2);
							const y = r.top + Math.min(8, r.height / 2);
							return r.width > 0 && r.top >= 0 && r.bottom <= h && r.left >= 0 && r.right <= w && el.contains(document.elementFromPoint(x, y));
						},
						[width, height]
					);
			const front = (JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers as { id: string; asOf: string }[]).find((l) => l.id === 'occupied')!.asOf;
			const [y, m, d] = front.split('-').map(Number);
			const dates = page.locator('#atlas-panel [data-dates]');
			await expect(dates).toContainText(`Front: ${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`);
			expect(await seen('#atlas-panel [data-dates]')).toBe(true);
			// the key names the coalition's classes and the front, and its first row is in view
			const key = page.locator('#atlas-panel .map-key .key');
			await expect(key).toContainText('Occupied areas');
			await expect(key).toContainText('Troops in Ukraine');
			expect(await seen('#atlas-panel .map-key .key li')).toBe(true);
		});
	});

// The first view frames the story (issue 31): all of Ukraine on a phone, in the explorer and the
// embed, and the coalition's European members with Ukraine on a desktop, each in the part of the
// map that no masthead, panel or button covers
const UKRAINE_EXTREMES: [string, [number, number]][] = [
	['Uzhhorod (west)', [22.15, 48.45]],
	['the Luhansk border (east)', [40.15, 49.6]],
	['Chernihiv oblast (north)', [33.2, 52.3]],
	['Crimea (south)', [33.75, 44.45]],
	['Pokrovsk (the front)', [37.18, 48.28]]
];
const EUROPE_PLACES: [string, [number, number]][] = [
	['London', [-0.13, 51.51]],
	['Paris', [2.35, 48.86]],
	['Lisbon', [-9.14, 38.72]],
	['Dublin', [-6.26, 53.35]],
	...UKRAINE_EXTREMES
];
for (const { path, name, size, places } of [
	{ path: '/', name: 'phone 390x844', size: { width: 390, height: 844 }, places: UKRAINE_EXTREMES },
	{ path: '/', name: 'phone 375x700', size: { width: 375, height: 700 }, places: UKRAINE_EXTREMES },
	{ path: '/embed', name: 'phone 375x800', size: { width: 375, height: 800 }, places: UKRAINE_EXTREMES },
	{ path: '/', name: 'desktop 1280x800', size: { width: 1280, height: 800 }, places: EUROPE_PLACES },
	{ path: '/', name: 'desktop 1440x900', size: { width: 1440, height: 900 }, places: EUROPE_PLACES }
])
	test.describe(`the default view of ${path}, ${name}`, () => {
		test.use({ viewport: size, isMobile: size.width < 640, hasTouch: size.width < 640 });

		test('shows what the story needs, clear of every panel and button', async ({ page }) => {
			await openAtlas(page, path);
			await settled(page);
			const map = (await page.locator('.maplibregl-canvas').boundingBox())!;
			const covers = [
				...(await page.locator('header.masthead, aside.sheet, .maplibregl-ctrl-top-right .maplibregl-ctrl-group').all()).map((l) => l.boundingBox())
			];
			const boxes = (await Promise.all(covers)).filter((b): b is NonNullable<typeof b> => b !== null && b.width > 0);
			const hidden: string[] = [];
			for (const [place, at] of places) {
				const { x, y } = await project(page, at);
				if (x <= map.x || x >= map.x + map.width || y <= map.y || y >= map.y + map.height) hidden.push(`${place}: off the map at ${x},${y}`);
				else if (boxes.some((b) => x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height)) hidden.push(`${place}: under a panel at ${x},${y}`);
			}
			expect(hidden).toEqual([]);
		});
	});
