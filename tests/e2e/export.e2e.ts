import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { camera, canvasBox, canvasText, distance, hex, onCanvas, openAtlas, recordCanvasText, recordZooms, zoomsDrawn } from './atlas';

// The PNG export: the image a newsroom downloads, its size, its map, its key, its words and its
// dates, and the reader's map left as it was. (Its Ukrainian: ukrainian.e2e.ts.)

test.describe('the explorer’s export', () => {
	test.use({ reducedMotion: 'reduce' });

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
		const { width, height } = await canvasBox(page);
		expect([width, height]).toEqual([1280, 800]);
	});
});

/** The map's band in an exported image: the rows between the white head and the white foot. */
function mapBand(png: PNG): { top: number; bottom: number } {
	const px = (x: number, y: number) => png.data.readUInt32BE((y * png.width + x) * 4);
	const white = 0xffffffff;
	let bottom = png.height - 1;
	while (bottom > 0 && px(2, bottom) === white) bottom--;
	let top = 0;
	while (top < bottom && px(2, top) === white) top++;
	return { top, bottom };
}

/** The key's swatches in an exported image: solid squares of `size` px in the white band under the map. */
function swatchesUnderMap(png: PNG, size: number): number {
	const px = (x: number, y: number) => png.data.readUInt32BE((y * png.width + x) * 4);
	const white = 0xffffffff;
	const mapBottom = mapBand(png).bottom;
	let n = 0;
	for (let y = mapBottom + 2; y < png.height - size; y++)
		for (let x = 1; x < png.width - size - 1; x++) {
			const c = px(x, y);
			if (c === white || px(x - 1, y) === c || px(x, y - 1) === c || px(x + size, y) === c) continue;
			let solid = true;
			for (let d = 0; d < size && solid; d++) solid = px(x + d, y) === c && px(x, y + d) === c && px(x + size - 1, y + d) === c;
			if (solid) n++;
		}
	return n;
}
/** The swatch's side at an export size: 18 px at 1600 × 1000, scaled down with the image (exportImage's rule). */
const swatchAt = (width: number, height: number) => Math.round(18 * Math.max(Math.min(1, height / 1000, width / 1600), 0.6));

test.describe('PNG export', () => {
	test.use({ viewport: { width: 1440, height: 900 } });

	test('the image dates what it draws, in words, and carries the newsroom’s headline, note and byline', async ({ page }) => {
		// what the export writes on its canvas, and whether a width limit squeezed it
		await recordCanvasText(page);
		const words = { title: 'The desk’s own headline', note: 'A short note from the desk about what the map shows.', byline: 'Graphic: J. Doe' };
		const { errors } = await openAtlas(page, `/?layers=occupied,front-line,coalition&time=2025-03&${new URLSearchParams(words)}`);
		await page.getByRole('combobox', { name: 'Image size' }).selectOption('social');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export PNG' }).click();
		await download;
		const written = await canvasText(page);
		const all = written.map((w) => w.text).join(' ');
		expect(all).toContain(words.title);
		expect(all).toContain(words.note.split(' ').slice(0, 4).join(' '));
		expect(all).toContain(words.byline);
		expect(all).toMatch(/Showing Mar 2025 · Front: 1 Mar 2025 \(DeepStateMap\.Live\)/);
		expect(all).toContain('Who pledged what');
		expect(all, 'no ISO date, no bare "as of"').not.toMatch(/\d{4}-\d{2}-\d{2}|Data as of|Up to/);
		expect(written.filter((w) => w.squeezed).map((w) => w.text)).toEqual([]);
		expect(errors).toEqual([]);
	});

	test('each size offered comes out at its size, every class in its frame drawn in the key, in English and Ukrainian', async ({ page }) => {
		await recordCanvasText(page);
		const { errors } = await openAtlas(page, '/');
		// the classes the panel's legend shows for the layers on (a layer of one class is one entry)
		const classes = await page.evaluate(() =>
			[...document.querySelectorAll<HTMLElement>('section.panel li[data-layer]')]
				.filter((li) => li.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked)
				.map((li) => {
					const rows = [...li.querySelectorAll('.legend li')];
					return rows.length > 1 ? rows.filter((r) => !/\(0\)/.test(r.querySelector('.count')?.textContent ?? '')).length : 1;
				})
				.reduce((a, b) => a + b, 0)
		);
		expect(classes).toBeGreaterThan(12); // more than the old key's 12 places
		/** Exports at a size; the image, and the key's labels as written (between the subtitle and the dates line). */
		async function exported(button: string) {
			await page.evaluate(() => ((window as unknown as { __written: unknown[] }).__written.length = 0));
			const download = page.waitForEvent('download');
			await page.getByRole('button', { name: button }).click();
			const png = PNG.sync.read(readFileSync((await (await download).path())!));
			const written = (await canvasText(page)).map((w) => w.text);
			return {
				png,
				key: written.slice(
					2,
					written.findIndex((t) => /^(Front|Фронт): /.test(t))
				)
			};
		}
		const sizes: [string, number, number][] = [
			['wide', 1600, 1000],
			['social', 1200, 675],
			['square', 1080, 1080]
		];
		for (const [label, width, height] of sizes) {
			await page.getByRole('combobox', { name: 'Image size' }).selectOption(label);
			const { png, key } = await exported('Export PNG');
			expect([png.width, png.height], label).toEqual([width, height]);
			// at the opening view of Europe every class is in the frame but one member's beyond it
			// (the United States: "Not a member: support short of troops")
			expect(key.length, `key entries at ${label}`).toBeGreaterThanOrEqual(classes - 1);
			expect(key).not.toContain('Not a member: support short of troops');
			// each with its swatch (the occupied area's hatched inside a solid outline, which counts too)
			expect(swatchesUnderMap(png, swatchAt(width, height)), `swatches at ${label}`).toBe(key.length);
			// the map takes at least 70% of the image
			const band = mapBand(png);
			expect((band.bottom - band.top) / height, `the map's share of the ${label} image`).toBeGreaterThanOrEqual(0.7);
		}
		// in Ukrainian too
		await page.getByRole('button', { name: 'Українська' }).click();
		await page.getByRole('combobox', { name: 'Розмір зображення' }).selectOption('social');
		const { png, key } = await exported('Експорт PNG');
		expect([png.width, png.height]).toEqual([1200, 675]);
		expect(key.length).toBeGreaterThanOrEqual(classes - 1);
		expect(swatchesUnderMap(png, swatchAt(1200, 675))).toBe(key.length);
		expect(errors).toEqual([]);
	});
});

test.describe('PNG export framing', () => {
	test.use({ viewport: { width: 1440, height: 900 } });

	test('the image shows what the reader sees, at the same zoom, and the map stays where the reader left it', async ({ page }) => {
		// the two logistics hubs, 3.6° of latitude apart, at the opening view of Europe
		const { errors } = await openAtlas(page, '/?layers=hubs');
		const before = await camera(page);
		const { width, height, padding } = await canvasBox(page);
		const [a, b] = [await onCanvas(page, [22.019, 50.11]), await onCanvas(page, [23.782, 46.513])];
		const screen = { width: width - padding.left - padding.right, height: height - padding.top - padding.bottom, apart: b.y - a.y };
		// the zoom the map is drawn at while the image is made
		await recordZooms(page);
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export PNG' }).click();
		const png = PNG.sync.read(readFileSync((await (await download).path())!));
		const zooms = await zoomsDrawn(page);
		expect(Math.min(...zooms), 'never drawn further out than the reader’s view').toBeGreaterThan(before.zoom - 0.01);
		// the hubs' orange, in the map's part of the image (the key's swatch under it is the same orange)
		const band = mapBand(png);
		const hub = hex('#c05621');
		const rows: number[] = [];
		for (let y = band.top; y <= band.bottom; y++)
			for (let x = 0; x < png.width; x++) {
				const i = (y * png.width + x) * 4;
				if (distance([png.data[i], png.data[i + 1], png.data[i + 2]], hub) < 30) rows.push(y);
			}
		expect(rows.length, 'the hubs are drawn').toBeGreaterThan(50);
		// as far apart as on the screen, scaled as the reader's view is scaled to the image
		const scale = Math.min(png.width / screen.width, (band.bottom - band.top + 1) / screen.height);
		expect(Math.abs(Math.max(...rows) - Math.min(...rows) - screen.apart * scale)).toBeLessThan(16);
		const after = await camera(page);
		expect(after.zoom).toBeCloseTo(before.zoom, 5);
		expect(after.center[0]).toBeCloseTo(before.center[0], 5);
		expect(errors).toEqual([]);
	});

	test('zoomed to Donbas, the key lists what the image draws, not the coalition far outside it', async ({ page }) => {
		await recordCanvasText(page);
		const { errors } = await openAtlas(page, '/?layers=coalition,occupied,front-line&view=37.50,48.30,7.0');
		const download = page.waitForEvent('download');
		await page.getByRole('button', { name: 'Export PNG' }).click();
		await download;
		const written = (await canvasText(page)).map((w) => w.text);
		expect(written).toContain('Occupied areas');
		expect(written).toContain('Front line');
		expect(written.filter((w) => /Troops in Ukraine|Air or sea contribution|Logistics$/.test(w))).toEqual([]);
		expect(errors).toEqual([]);
	});
});
