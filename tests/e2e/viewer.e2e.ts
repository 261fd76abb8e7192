import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import type { Feature, LineString } from 'geojson';
import { MONTHS } from '../../src/lib/time/timeline';
import { camera, distance, hex, lastMonthOfData, monthText, nearestColour, openAtlas, redrawn, slideTo, withoutBuiltContent } from './atlas';

const incursionsFile = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8'));
const incursions = incursionsFile.features as { properties: { id: string; date: string } }[];
const LAST_MONTH = monthText(lastMonthOfData());
const scenes = JSON.parse(readFileSync('geodata/scenes.json', 'utf8')).scenes as {
	id: string;
	title: string;
	camera: { center: [number, number]; zoom: number };
	layers: string[];
}[];
const DRONE = '#d53f8c';
// the Munich drone sightings of 2 Oct 2025: no other incident within 4 degrees
const MUNICH: [number, number] = [11.7861, 48.3538];

test.use({ reducedMotion: 'reduce' });

test('the time slider filters the incursions on the map', async ({ page }) => {
	// its counts and chart, month by month, are the component's: tests/unit/timeSlider.test.ts
	await openAtlas(page, '/?layers=incursions&view=11.79,48.35,6.0');
	const panel = page.getByRole('region', { name: 'Time' });
	await expect(panel).toContainText(`Up to ${LAST_MONTH}: ${incursions.length} of ${incursions.length} incidents`);
	expect(distance(await nearestColour(page, MUNICH, DRONE), hex(DRONE))).toBeLessThanOrEqual(30);

	await slideTo(page, '2023-12');
	const shown = incursions.filter((f) => f.properties.date <= '2023-12-31').length;
	await expect(panel).toContainText(`Up to Dec 2023: ${shown} of ${incursions.length} incidents`);
	await redrawn(page);
	expect(distance(await nearestColour(page, MUNICH, DRONE), hex(DRONE))).toBeGreaterThan(60);
	await expect.poll(() => new URL(page.url()).searchParams.get('time')).toBe('2023-12');

	await page.getByRole('button', { name: 'Play' }).click();
	await expect(panel).toContainText(`Up to ${LAST_MONTH}: ${incursions.length} of`, { timeout: 30_000 });
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
		const view = await camera(page);
		expect(view.center[0]).toBeCloseTo(scene.camera.center[0], 1);
		expect(view.center[1]).toBeCloseTo(scene.camera.center[1], 1);
		expect(view.zoom).toBeCloseTo(scene.camera.zoom, 1);
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

test('search finds a hub by its name without accents and flies there', async ({ page }) => {
	await openAtlas(page, '/');
	await page.getByRole('searchbox', { name: 'Search the map' }).fill('rzeszow');
	await page.getByRole('button', { name: /^Rzeszów-Jasionka logistics hub/ }).click();
	await expect(page.getByRole('article', { name: 'Rzeszów-Jasionka logistics hub' })).toBeVisible();
	await expect.poll(async () => (await camera(page)).center[0]).toBeCloseTo(22.0, 0);
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
	const before = (await camera(page)).center[0];
	await page.keyboard.press('ArrowRight');
	await expect.poll(async () => (await camera(page)).center[0]).toBeGreaterThan(before);
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

/**
 * The contact line as a layer with two dated versions: the real one of Nov 2025, and a stand-in
 * of Aug 2024, the same line moved half a degree west, which the page fetches only when in force.
 */
async function twoVersionsOfTheLine(page: Page) {
	const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
	const line = manifest.layers.find((l: { id: string }) => l.id === 'contact-line');
	Object.assign(line, {
		asOf: '2025-11-15',
		versions: [
			{ asOf: '2024-08-01', file: 'front/earlier-line.geojson' },
			{ asOf: '2025-11-15', file: 'contact-line.geojson' }
		]
	});
	const traced = JSON.parse(readFileSync('geodata/contact-line.geojson', 'utf8'));
	const west = (p: number[]) => [p[0] - 0.5, p[1]];
	const earlier = {
		...traced,
		features: traced.features.map((f: Feature<LineString>) => ({ ...f, geometry: { ...f.geometry, coordinates: f.geometry.coordinates.map(west) } }))
	};
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: manifest }));
	await page.route('**/geodata/front/earlier-line.geojson', (route) => route.fulfill({ json: earlier }));
	const VERTEX: [number, number] = [37.6408, 49.3817];
	const colour = line.style.color as string;
	return {
		now: () => nearestColour(page, VERTEX, colour, 3).then((c) => distance(c, hex(colour))),
		before: () => nearestColour(page, west(VERTEX) as [number, number], colour, 3).then((c) => distance(c, hex(colour)))
	};
}

test('of two dated versions of a layer, the slider draws the one in force, fetched when needed', async ({ page }) => {
	const near = await twoVersionsOfTheLine(page);
	const fetched: string[] = [];
	page.on('request', (r) => r.url().includes('earlier-line') && fetched.push(r.url()));
	await openAtlas(page, '/?layers=contact-line,incursions&view=37.4,49.38,6.0');
	expect(await near.now()).toBeLessThanOrEqual(30);
	expect(await near.before()).toBeGreaterThan(60);
	expect(fetched).toEqual([]); // not in force, not fetched
	await slideTo(page, '2025-06');
	await expect.poll(() => near.before()).toBeLessThanOrEqual(30);
	expect(await near.now()).toBeGreaterThan(60);
	// before the first version nothing is in force: the map draws no later state as an earlier one
	await slideTo(page, '2023-06');
	await expect.poll(() => near.before()).toBeGreaterThan(60);
	expect(await near.now()).toBeGreaterThan(60);
	expect(fetched).toHaveLength(1);
});

test('with dated versions and no dated events, the slider spans the versions and picks one', async ({ page }) => {
	const near = await twoVersionsOfTheLine(page);
	// the same incursions without their dates: no event is left to count
	const undated = { ...incursionsFile, features: incursions.map((f) => ({ ...f, properties: { ...f.properties, date: undefined } })) };
	await withoutBuiltContent(page);
	await page.route('**/geodata/incursions.geojson', (route) => route.fulfill({ json: undated }));
	await openAtlas(page, '/?layers=contact-line&view=37.4,49.38,6.0');
	const slider = page.getByRole('slider', { name: 'Show the map as of' });
	// every dated layer's versions, on or not: Jul 2024 (the occupied area's first) … the latest
	const latest = (JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string }[]).at(-1)!.asOf;
	const [y, m] = latest.split('-').map(Number);
	await expect(slider).toHaveAttribute('max', String((y - 2024) * 12 + m - 7));
	const panel = page.locator('#atlas-panel');
	await expect(panel).toContainText(`As of ${MONTHS[m - 1]} ${y}`);
	await expect(page.locator('.chart')).toHaveCount(0); // nothing to count, so no bars
	expect(await near.now()).toBeLessThanOrEqual(30);
	await slider.fill('10');
	await expect(panel).toContainText('As of May 2025');
	await expect(slider).toHaveAttribute('aria-valuetext', 'May 2025');
	await expect.poll(() => near.before()).toBeLessThanOrEqual(30);
	expect(await near.now()).toBeGreaterThan(60);
	await expect.poll(() => new URL(page.url()).searchParams.get('time')).toBe('2025-05');
});
