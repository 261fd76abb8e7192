import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import {
	contextBack,
	expectColour,
	hex,
	layerFilter,
	loseContext,
	openAtlas,
	pixelAtLngLat,
	redrawn,
	restoreContext,
	setLayer,
	type Rgb,
	withoutBuiltContent
} from './atlas';

// A graphics card reset, a driver update or too many tabs take the map's WebGL context away.
// Whatever the atlas had put on the map comes back with it; a context that stays lost leaves the
// static map and a notice, never a blank box.
const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
const coalition = manifest.layers.find((l: { id: string }) => l.id === 'coalition');
const poland = JSON.parse(readFileSync('geodata/coalition.geojson', 'utf8')).features.find(
	(f: { properties: { id: string } }) => f.properties.id === 'coalition-poland'
);
const roleColour: string = coalition.style.by.categories.find((c: { value: string }) => c.value === poland.properties.role).color;
const LAND = '#f4f1ea';
const over = (fill: string, alpha: number): Rgb => hex(fill).map((c, i) => Math.round(c * alpha + hex(LAND)[i] * (1 - alpha))) as Rgb;
const westPomerania: [number, number] = [16.3, 53.3]; // inside Poland, clear of points and labels

test('a lost context restored: the coalition is coloured again and its toggle still works', async ({ page }) => {
	const { errors } = await openAtlas(page, '/');
	const coloured = over(roleColour, coalition.style.opacity);
	expectColour(await pixelAtLngLat(page, westPomerania), coloured, 10);

	await loseContext(page, { afterMs: 300 });
	await contextBack(page);
	await redrawn(page);
	expectColour(await pixelAtLngLat(page, westPomerania), coloured, 10);

	await setLayer(page, coalition.title, false);
	expectColour(await pixelAtLngLat(page, westPomerania), LAND, 6);
	await setLayer(page, coalition.title, true);
	expectColour(await pixelAtLngLat(page, westPomerania), coloured, 10);
	// no static map, no notice: the reader never needed to know
	await expect(page.locator('figure.static-map')).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('a lost context restored twice, after the month changed: the month and the colours hold', async ({ page }) => {
	const { errors } = await openAtlas(page, '/?time=2024-08');
	const coloured = over(roleColour, coalition.style.opacity);
	for (let i = 0; i < 2; i++) {
		await loseContext(page, { afterMs: 200 });
		await contextBack(page);
		await redrawn(page);
		expectColour(await pixelAtLngLat(page, westPomerania), coloured, 10);
	}
	// the incursions after August 2024 stay filtered out: the filter came back with the layers
	const later = await layerFilter(page, 'incursions:circle');
	expect(JSON.stringify(later)).toContain('2024-08');
	expect(errors).toEqual([]);
});

test('a context lost for good: the static map and a notice take the blank map’s place', async ({ page }) => {
	const { errors } = await openAtlas(page, '/');
	await loseContext(page, null);
	const figure = page.locator('figure.static-map');
	await expect(figure).toBeVisible({ timeout: 10_000 });
	await expect(figure.locator('img')).toHaveJSProperty('complete', true);
	expect(await figure.locator('img').evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(100);
	const notice = page.getByRole('alert');
	await expect(notice).toContainText('stopped drawing');
	await expect(notice).toContainText('Reload the page');
	expect(errors).toEqual([]);
});

test('what the reader changed while the context was lost is drawn when it comes back', async ({ page }) => {
	const { errors } = await openAtlas(page, '/');
	await loseContext(page, null);
	await page.getByRole('region', { name: 'Layers' }).getByRole('checkbox', { name: coalition.title }).uncheck();
	await restoreContext(page);
	expectColour(await pixelAtLngLat(page, westPomerania), LAND, 6);
	await setLayer(page, coalition.title, true);
	expectColour(await pixelAtLngLat(page, westPomerania), over(roleColour, coalition.style.opacity), 10);
	expect(errors).toEqual([]);
});

test('a context given back after the static map showed: the interactive map returns, coloured', async ({ page }) => {
	const { errors } = await openAtlas(page, '/');
	await loseContext(page, null);
	await expect(page.locator('figure.static-map')).toBeVisible({ timeout: 10_000 });
	await restoreContext(page);
	await expect(page.locator('figure.static-map')).toHaveCount(0);
	await expect(page.getByRole('alert')).toHaveCount(0);
	expectColour(await pixelAtLngLat(page, westPomerania), over(roleColour, coalition.style.opacity), 10);
	expect(errors).toEqual([]);
});

test("a deck.gl layer's points come back with the context", async ({ page }) => {
	// an editor's layer drawn by deck.gl: three large dots in the Carpathians, clear of every other layer
	const COLOUR = '#2b6cb0';
	const dots: [number, number][] = [
		[24.0, 48.3],
		[24.6, 48.1],
		[25.2, 47.9]
	];
	const source = Object.keys(JSON.parse(readFileSync('geodata/sources.json', 'utf8')))[0];
	const layers = structuredClone(manifest);
	layers.layers.push({
		id: 'dots',
		title: 'Dots',
		kind: 'point',
		renderer: 'deck',
		file: 'dots.geojson',
		style: { color: COLOUR, radius: 12 },
		sources: manifest.layers[0].sources
	});
	const features = dots.map((coordinates, i) => ({
		type: 'Feature',
		properties: { id: `dot-${i}`, name: `Dot ${i}`, sources: [source], confidence: 'reported', asOf: '2025-11-01' },
		geometry: { type: 'Point', coordinates }
	}));
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: layers }));
	await page.route('**/geodata/dots.geojson', (route) => route.fulfill({ json: { type: 'FeatureCollection', features } }));
	const { errors } = await openAtlas(page, '/?layers=dots');
	await redrawn(page);
	for (const dot of dots) expectColour(await pixelAtLngLat(page, dot), COLOUR, 16);
	await loseContext(page, { afterMs: 200 });
	await contextBack(page);
	await redrawn(page);
	for (const dot of dots) expectColour(await pixelAtLngLat(page, dot), COLOUR, 16);
	expect(errors).toEqual([]);
});
