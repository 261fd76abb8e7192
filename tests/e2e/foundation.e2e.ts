import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { distance, expectColour, hex, onCanvas, openAtlas, pixelAtLngLat, redrawn, setLayer, sourceLoaded, styleLayers, withoutBuiltContent } from './atlas';

const theme = { sea: '#d6e4ee', ukraine: '#fbf6df', land: '#f4f1ea' };
const hubColour = '#c05621';
const RZESZOW: [number, number] = [22.019, 50.11];

// Places chosen away from labels, panels and other layers at the default view
const inUkraine: [number, number] = [27.3, 50.9]; // Zhytomyr oblast
const inCrimea: [number, number] = [34.4, 45.2]; // central Crimea
const blackSea: [number, number] = [33.0, 43.2];
const inBelarus: [number, number] = [27.0, 53.3];

for (const path of ['/', '/embed']) {
	test.describe(`the atlas at ${path}`, () => {
		test('draws the base map, with Crimea as Ukraine, and stays on its own origin', async ({ page }) => {
			const { errors, foreign } = await openAtlas(page, path);
			await setLayer(page, null, false);
			expectColour(await pixelAtLngLat(page, inUkraine), theme.ukraine, 6);
			expectColour(await pixelAtLngLat(page, inCrimea), theme.ukraine, 6);
			expectColour(await pixelAtLngLat(page, blackSea), theme.sea, 6);
			expectColour(await pixelAtLngLat(page, inBelarus), theme.land, 6);
			expect(errors).toEqual([]);
			expect(foreign()).toEqual([]);
		});

		test('draws the sample layer where its coordinates project, with its source in the card', async ({ page }) => {
			await openAtlas(page, path);
			await setLayer(page, 'Air bases', false); // an air base shares the airport and is drawn on top
			expectColour(await pixelAtLngLat(page, RZESZOW), hubColour, 16);
			const p = await onCanvas(page, RZESZOW);
			await page.locator('.map canvas').click({ position: { x: p.x, y: p.y } });
			const card = page.getByRole('article', { name: /Rzeszów-Jasionka/ });
			await expect(card).toBeVisible();
			await card.locator('summary', { hasText: 'Sources' }).click();
			await expect(card.getByRole('link', { name: /Declarations and Real Commitments|Tusk/ }).first()).toBeVisible();
		});

		test('draws a layer with "renderer": "deck" through deck.gl, loading deck.gl only then', async ({ page }) => {
			// the manifest's own point layers are small enough for maplibre; an editor's large one asks for deck.gl
			const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
			for (const layer of manifest.layers) if (layer.id === 'air-bases') layer.renderer = 'deck';
			await withoutBuiltContent(page);
			await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: manifest }));
			await openAtlas(page, path);
			const bases = JSON.parse(readFileSync('geodata/air-bases.geojson', 'utf8'));
			const siauliai = bases.features.find((f: { properties: { id: string } }) => f.properties.id === 'airbase-siauliai');
			const colour = await pixelAtLngLat(page, siauliai.geometry.coordinates);
			expectColour(colour, '#2d3748', 24);
			// interleaved deck.gl draws inside maplibre's own style, as a custom layer group under the base map's labels
			const order = (await styleLayers(page)).map((l) => `${l.id}:${l.type}`);
			expect(order).toContain('deck-layer-group-before:labels-start:custom');
			await setLayer(page, 'Air bases', false);
			expect(distance(await pixelAtLngLat(page, siauliai.geometry.coordinates), hex('#2d3748'))).toBeGreaterThan(60);
		});

		test('the default layers draw without deck.gl: no deck layer group in the style', async ({ page }) => {
			const order = async () => (await styleLayers(page)).map((l) => l.id);
			await openAtlas(page, path);
			expect((await order()).some((id) => id.startsWith('deck-layer-group'))).toBe(false);
			expect(await order()).toContain('incursions:circle');
		});
	});
}

test('a broken manifest entry shows a notice naming it while the rest of the map draws', async ({ page }) => {
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', async (route) => {
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
		manifest.layers.push(
			{ id: 'typo-kind', title: 'Typo', kind: 'polygon', file: 'hubs.geojson', style: {}, sources: ['insightnews-2025-09-declarations-vs-commitments'] },
			{ id: 'lost-file', title: 'Lost', kind: 'point', file: 'nowhere.geojson', style: {}, sources: ['insightnews-2025-09-declarations-vs-commitments'] }
		);
		await route.fulfill({ json: manifest });
	});
	const { errors } = await openAtlas(page, '/');
	const notices = page.getByRole('status', { name: 'Data problems' });
	await expect(notices).toContainText('Layer “typo-kind” was not drawn');
	await expect(notices).toContainText(/layers\[\d+\]\.kind: one of fill, line, point, zone, choropleth expected, "polygon" found/);
	await expect(notices).toContainText('Layer “lost-file” was not drawn');
	await expect(notices).toContainText('geodata/nowhere.geojson not found');
	await setLayer(page, 'Air bases', false);
	expectColour(await pixelAtLngLat(page, RZESZOW), hubColour, 16);
	expect(errors).toEqual([]);
});

// The build refuses such a property now; a content file from before that rule, or any other error
// maplibre's worker raises, must still say which layer is missing instead of leaving a gap. maplibre
// is given only the properties the style reads, so the layer's label reads this one
test('a layer maplibre cannot draw shows a notice naming it, and the others still draw', async ({ page }) => {
	await page.route('**/data/content.json', async (route) => {
		const content = await (await route.fetch()).json();
		const hubs = content.data.layers.find((l: { def: { id: string } }) => l.def.id === 'hubs');
		hubs.def.style.label = 'hasOwnProperty';
		hubs.data.features[0].properties.hasOwnProperty = 'x';
		await route.fulfill({ json: content });
	});
	await openAtlas(page, '/');
	const notices = page.getByRole('status', { name: 'Data problems' });
	await expect(notices).toContainText('Layer “hubs” was not drawn');
	// maplibre's words, with its bundle's minified name for the object
	await expect(notices).toContainText(/geodata\/hubs\.geojson: the map could not draw this layer \(\w+\.hasOwnProperty is not a function\)/);
	expect(await sourceLoaded(page, 'layer:air-bases')).toBe(true);
});

test('the page reads the content the build checked, one file, and the same layers draw from the files where it is missing', async ({ page }) => {
	const requested: string[] = [];
	page.on('request', (r) => requested.push(new URL(r.url()).pathname));
	await openAtlas(page, '/');
	expect(requested).toContain('/data/content.json');
	expect(requested.filter((p) => p.startsWith('/geodata/'))).toEqual([]);
	const drawn = () => page.evaluate(() => window.__atlas!.layers.map((l) => `${l.id}:${l.display.features.length}`));
	const fromBuild = await drawn();
	expect(fromBuild.length).toBeGreaterThan(5);
	await setLayer(page, 'Air bases', false);
	expectColour(await pixelAtLngLat(page, RZESZOW), hubColour, 16);

	requested.length = 0;
	await withoutBuiltContent(page);
	const { errors } = await openAtlas(page, '/');
	expect(requested).toContain('/geodata/layers.json');
	expect(await drawn()).toEqual(fromBuild);
	await expect(page.getByRole('status', { name: 'Data problems' })).toHaveCount(0);
	expect(errors).toEqual([]);
});

test('the base map itself failing is reported, not a blank page', async ({ page }) => {
	await page.route('**/data/basemap.topo.json', (route) => route.fulfill({ status: 404, body: 'gone' }));
	await page.goto('/');
	await expect(page.getByRole('status', { name: 'Data problems' })).toContainText('the map could not be drawn');
});

test('hiding a layer removes its pixels', async ({ page }) => {
	await openAtlas(page, '/');
	await setLayer(page, 'Air bases', false);
	const before = await pixelAtLngLat(page, RZESZOW);
	await page.getByRole('checkbox', { name: 'Logistics hubs' }).uncheck();
	await redrawn(page);
	const after = await pixelAtLngLat(page, RZESZOW);
	expect(distance(before, hex(hubColour))).toBeLessThanOrEqual(16);
	expect(distance(after, hex(hubColour))).toBeGreaterThan(40);
});
