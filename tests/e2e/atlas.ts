import { readFileSync } from 'node:fs';
import { expect, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { MONTHS, UK_MONTHS } from '../../src/lib/time/timeline';

export type Rgb = [number, number, number];

/**
 * Opens an atlas page and records what a user would never want: page errors and requests
 * leaving the site's origin (blob: and data: URLs the page makes itself are its own).
 */
export async function openAtlas(page: Page, path = '/') {
	const errors: string[] = [];
	const requests: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	page.on('request', (r) => requests.push(r.url()));
	await page.goto(path);
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	await withHandle(page);
	const origin = new URL(page.url()).origin;
	const foreign = () =>
		requests.filter((u) => {
			const url = new URL(u);
			return !(url.protocol === 'blob:' || url.protocol === 'data:' || url.origin === origin);
		});
	return { errors, foreign };
}

/**
 * Serves the site as if the build's checked content (data/content.json) were missing, so the page
 * reads and checks geodata/ itself, as it does wherever that file is gone: what a test that
 * stands in for an editor's changed file needs, since the page otherwise never reads the files.
 */
export async function withoutBuiltContent(page: Page) {
	await page.route('**/data/content.json', (route) => route.fulfill({ status: 404, body: 'not built' }));
}

// The map, as the tests read it: through the atlas's test handle (`window.__atlas.test`, built in
// src/lib/map/testHandle.ts), whose questions are named and whose answers are plain values. No test
// reaches maplibre itself; what a test needs that the handle lacks is added there, with its name.

/** The page, once the atlas's test handle is there: it comes a moment after `ready`, off the reader's way. */
async function withHandle(page: Page): Promise<Page> {
	await page.waitForFunction(() => window.__atlas?.test !== undefined, null, { timeout: 45_000 });
	return page;
}

type Pixel = { x: number; y: number };
export type DrawnFeature = { layer: string; properties: Record<string, unknown>; at: Pixel | null };

/** Where the camera is, and whether it is still moving. */
export const camera = async (page: Page) => (await withHandle(page)).evaluate(() => window.__atlas!.test!.camera());

/** Waits until the camera rests (after a scene, a search, a click on a cluster). */
export async function settled(page: Page) {
	await withHandle(page);
	await page.waitForFunction(() => !window.__atlas!.test!.camera().moving);
}

/** Sets up a view at once, without animation, and waits until it is drawn. */
export async function jumpTo(page: Page, to: { center?: [number, number]; zoom?: number }) {
	await withHandle(page);
	await page.evaluate((to) => window.__atlas!.test!.jumpTo(to), to);
}

/** Where a longitude/latitude is on the map's canvas, in CSS pixels from its top left. */
export const onCanvas = async (page: Page, lngLat: [number, number]): Promise<Pixel> =>
	(await withHandle(page)).evaluate((ll) => window.__atlas!.test!.project(ll), lngLat);

/** The map canvas's box on the page and the panels' padding the camera centres within (CSS px). */
export const canvasBox = async (page: Page) => (await withHandle(page)).evaluate(() => window.__atlas!.test!.canvas());

/** Where a longitude/latitude is on the page, in CSS pixels, as the map projects it. */
export async function project(page: Page, lngLat: [number, number]): Promise<Pixel> {
	return (await withHandle(page)).evaluate((ll) => {
		const test = window.__atlas!.test!;
		const p = test.project(ll);
		const box = test.canvas();
		return { x: Math.round(box.left + p.x), y: Math.round(box.top + p.y) };
	}, lngLat);
}

/** The features the map drew in these style layers (all: none named), in the whole canvas or a box of it (canvas px). */
export const renderedFeatures = async (page: Page, layers?: string | string[], box?: [Pixel, Pixel]): Promise<DrawnFeature[]> =>
	(await withHandle(page)).evaluate(({ layers, box }) => window.__atlas!.test!.renderedFeatures(layers, box), {
		layers: typeof layers === 'string' ? [layers] : layers,
		box
	});

/** One property of the features drawn in a layer, each value once, as text. */
export const renderedValues = async (page: Page, layers: string | string[], property = 'name') => [
	...new Set((await renderedFeatures(page, layers)).map((f) => String(f.properties[property])))
];

/** The style layers drawn at a page position, topmost first. */
export const layersAt = async (page: Page, at: Pixel): Promise<string[]> =>
	(await withHandle(page)).evaluate((at) => {
		const test = window.__atlas!.test!;
		const box = test.canvas();
		return test.layersAt({ x: at.x - box.left, y: at.y - box.top });
	}, at);

/** The style's layers in drawing order, with their type and whether they are visible. */
export const styleLayers = async (page: Page) => (await withHandle(page)).evaluate(() => window.__atlas!.test!.styleLayers());

/** Whether a style layer is drawn (false: hidden, or not on the map). */
export const layerVisible = async (page: Page, layer: string) => (await styleLayers(page)).some((l) => l.id === layer && l.visible);

export const layoutProperty = async (page: Page, layer: string, name: string) =>
	(await withHandle(page)).evaluate(({ layer, name }) => window.__atlas!.test!.layoutProperty(layer, name), { layer, name });
export const paintProperty = async (page: Page, layer: string, name: string) =>
	(await withHandle(page)).evaluate(({ layer, name }) => window.__atlas!.test!.paintProperty(layer, name), { layer, name });
export const layerFilter = async (page: Page, layer: string) => (await withHandle(page)).evaluate((layer) => window.__atlas!.test!.filter(layer), layer);
export const sourceLoaded = async (page: Page, source: string) =>
	(await withHandle(page)).evaluate((source) => window.__atlas!.test!.sourceLoaded(source), source);

/** Waits until the base map's rivers, lakes and towns are loaded for the view and drawn, the camera at rest. */
export async function detailDrawn(page: Page) {
	await page.waitForFunction(() => window.__atlas?.test?.detailLoaded() === true, null, { timeout: 30_000 });
	await redrawn(page);
}

/** Loses the map's WebGL context as a GPU reset does; the browser gives it back after `afterMs` (null: when `restoreContext` says). */
export async function loseContext(page: Page, restore: { afterMs: number } | null) {
	await withHandle(page);
	await page.evaluate((afterMs) => window.__atlas!.test!.loseContext(afterMs), restore?.afterMs ?? null);
}

/** Waits until the map's WebGL context is back. */
export async function contextBack(page: Page) {
	await withHandle(page);
	await page.waitForFunction(() => !window.__atlas!.test!.contextLost(), null, { timeout: 10_000 });
}

/** Gives the context back now (after `loseContext(page, null)`) and waits until the map has drawn again. */
export async function restoreContext(page: Page) {
	await withHandle(page);
	await page.evaluate(() => window.__atlas!.test!.restoreContext());
	await contextBack(page);
	await redrawn(page);
}

/** From now on, records the zoom of every frame the map draws; `zoomsDrawn` reads them. */
export const recordZooms = async (page: Page) => (await withHandle(page)).evaluate(() => window.__atlas!.test!.recordZooms());
export const zoomsDrawn = async (page: Page) => (await withHandle(page)).evaluate(() => window.__atlas!.test!.zoomsDrawn());

/** The colour a person sees at a page position (a screenshot, so every layer and overlay counts). */
export async function pixelAt(page: Page, at: { x: number; y: number }): Promise<Rgb> {
	const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x, y: at.y, width: 1, height: 1 } }));
	return [png.data[0], png.data[1], png.data[2]];
}

export async function pixelAtLngLat(page: Page, lngLat: [number, number]): Promise<Rgb> {
	return pixelAt(page, await project(page, lngLat));
}

export const hex = (h: string): Rgb => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16)) as Rgb;
export const distance = (a: Rgb, b: Rgb) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

export function expectColour(actual: Rgb, expected: string | Rgb, tolerance = 12) {
	const target = typeof expected === 'string' ? hex(expected) : expected;
	expect(distance(actual, target), `colour ${actual} should be near ${target}`).toBeLessThanOrEqual(tolerance);
}

/** Resolves after the map has drawn a fresh frame and settled (after a toggle, a move). */
export async function redrawn(page: Page) {
	await (await withHandle(page)).evaluate(() => window.__atlas!.test!.idle());
}

/** The pixel nearest in colour to `target` within `radius` CSS pixels of a place (lines are thin and antialiased). */
export async function nearestColour(page: Page, lngLat: [number, number], target: string, radius = 3): Promise<Rgb> {
	const at = await project(page, lngLat);
	const size = radius * 2 + 1;
	const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x - radius, y: at.y - radius, width: size, height: size } }));
	let best: Rgb = [png.data[0], png.data[1], png.data[2]];
	for (let i = 0; i < png.data.length; i += 4) {
		const c: Rgb = [png.data[i], png.data[i + 1], png.data[i + 2]];
		if (distance(c, hex(target)) < distance(best, hex(target))) best = c;
	}
	return best;
}

/** The time slider's last month, from the data as the page reads it: the latest dated event or layer version. */
export function lastMonthOfData(): string {
	const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8')) as { layers: { file: string; versions?: { asOf: string }[] }[] };
	const dates = manifest.layers.flatMap((l) => [
		...(l.versions ?? []).map((v) => v.asOf),
		...JSON.parse(readFileSync(`geodata/${l.file}`, 'utf8')).features.map((f: { properties: { date?: string } }) => f.properties.date ?? '')
	]);
	return dates.sort().at(-1)!.slice(0, 7);
}

/** The time slider, in either language. */
export const timeSlider = (page: Page) => page.getByRole('slider', { name: /Show (events up to|the map as of)|Показати (події до|мапу станом на)/ });

/** A month as the slider writes it, in the page's language: `Dec 2023`, `гру 2023`. */
export const monthText = (month: string, names: string[] = MONTHS) => `${names[Number(month.slice(5)) - 1]} ${month.slice(0, 4)}`;

/**
 * Moves the time slider as a reader does, to a month, in either language: its first position
 * tells where the months start, and it is checked to stand at the month asked for.
 */
export async function slideTo(page: Page, month: string) {
	const slider = timeSlider(page);
	await slider.fill('0');
	const [name, year] = (await slider.getAttribute('aria-valuetext'))!.split(/[: ]/);
	const names = UK_MONTHS.includes(name) ? UK_MONTHS : MONTHS;
	const first = Number(year) * 12 + names.indexOf(name);
	await slider.fill(String(Number(month.slice(0, 4)) * 12 + Number(month.slice(5)) - 1 - first));
	await expect(slider).toHaveAttribute('aria-valuetext', new RegExp(`^${monthText(month, names)}`));
}

/** In the embed the layer toggles sit in the collapsed legend: opens it as a reader would. */
export async function showLayerControls(page: Page) {
	const legend = page.locator('details.embed-legend');
	if ((await legend.count()) && !(await legend.evaluate((d: HTMLDetailsElement) => d.open))) await legend.locator(':scope > summary').click();
	// the embed builds its legend when first opened: the list is there once its first toggle is
	await expect(page.getByRole('region', { name: 'Layers' }).getByRole('checkbox').first()).toBeVisible();
}

/**
 * Switches a layer on or off as a reader does, by its title (null: every layer), in the explorer's
 * panel or the embed's legend, and waits until the map has drawn the change.
 */
export async function setLayer(page: Page, title: string | null, on: boolean) {
	await showLayerControls(page);
	const layers = page.getByRole('region', { name: 'Layers' });
	if (title === null) for (const box of await layers.getByRole('checkbox').all()) await box.setChecked(on);
	else await layers.getByRole('checkbox', { name: title }).setChecked(on);
	await page.evaluate(() => window.scrollTo(0, 0)); // back up to the map
	await redrawn(page);
}

/** Records, from the page's start, every text drawn on a canvas (the PNG export's) and whether a width limit squeezed it. */
export async function recordCanvasText(page: Page) {
	await page.addInitScript(() => {
		const written: { text: string; squeezed: boolean }[] = ((window as unknown as { __written: typeof written }).__written = []);
		const fillText = CanvasRenderingContext2D.prototype.fillText;
		CanvasRenderingContext2D.prototype.fillText = function (text: string, x: number, y: number, maxWidth?: number) {
			written.push({ text, squeezed: maxWidth !== undefined && this.measureText(text).width > maxWidth });
			return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
		};
	});
}

/** What `recordCanvasText` recorded so far. */
export const canvasText = (page: Page) => page.evaluate(() => (window as unknown as { __written: { text: string; squeezed: boolean }[] }).__written);
