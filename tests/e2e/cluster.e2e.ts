import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { camera, distance, expectColour, hex, openAtlas, pixelAt, project, settled, withoutBuiltContent } from './atlas';

// An editor's deck layer of 20,000 sightings, far past the cluster threshold: 19,000 in a small
// square west of Lviv, 999 near Vinnytsia and one alone in Belarus, seen at zoom 5.5 where each
// group is a single cluster (60 px radius) and the lone one stands apart.
const COLOUR = '#2b6cb0';
const WEST: [number, number] = [24.0, 50.0];
const SOUTH: [number, number] = [28.5, 49.2];
const ALONE: [number, number] = [27.6, 52.4];
const VIEW = '/?layers=sightings&view=26.50,50.50,5.5';

function sightings() {
	const source = Object.keys(JSON.parse(readFileSync('geodata/sources.json', 'utf8')))[0];
	let seed = 5;
	const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
	const around = (at: [number, number], n: number) => Array.from({ length: n }, () => [at[0] + (random() - 0.5) * 0.3, at[1] + (random() - 0.5) * 0.2]);
	const positions = [...around(WEST, 19_000), ...around(SOUTH, 999), ALONE];
	return {
		type: 'FeatureCollection',
		features: positions.map((coordinates, i) => ({
			type: 'Feature',
			properties: {
				id: `sighting-${i}`,
				name: i === positions.length - 1 ? 'A lone sighting' : `Sighting ${i}`,
				sources: [source],
				confidence: 'reported',
				asOf: '2025-11-01'
			},
			geometry: { type: 'Point', coordinates }
		}))
	};
}

async function serveSightings(page: Page) {
	const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
	manifest.layers.push({
		id: 'sightings',
		title: 'Sightings',
		kind: 'point',
		renderer: 'deck',
		file: 'sightings.geojson',
		style: { color: COLOUR, radius: 6 },
		sources: manifest.layers[0].sources
	});
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: manifest }));
	const body = JSON.stringify(sightings());
	await page.route('**/geodata/sightings.geojson', (route) => route.fulfill({ body, contentType: 'application/geo+json' }));
}

/**
 * How wide, in CSS pixels, the white digits are across a cluster's middle, within `inside` px of
 * its centre: clear of the white ring, so whatever is light there is the label (antialiased).
 */
async function labelWidth(page: Page, at: { x: number; y: number }, inside: number): Promise<number> {
	const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x - inside, y: at.y - 3, width: 2 * inside + 1, height: 7 } }));
	const white: number[] = [];
	for (let i = 0; i < png.data.length; i += 4) if (Math.min(png.data[i], png.data[i + 1], png.data[i + 2]) > 190) white.push((i / 4) % png.width);
	return white.length ? Math.max(...white) - Math.min(...white) + 1 : 0;
}

const zoom = async (page: Page) => (await camera(page)).zoom;

test('a deck layer of 20,000 points draws as clusters with their counts; a click on one zooms into it', async ({ page }) => {
	await serveSightings(page);
	const { errors, foreign } = await openAtlas(page, VIEW);
	const west = await project(page, WEST);
	const south = await project(page, SOUTH);
	// the clusters come from a worker, a moment after the map is ready
	const offColour = async (at: { x: number; y: number }) => distance(await pixelAt(page, at), hex(COLOUR));
	await expect.poll(() => offColour({ x: west.x, y: west.y - 16 }), { timeout: 30_000 }).toBeLessThanOrEqual(30);
	// both groups are circles in the layer's colour, and 19,000 make a wider one than 999
	expect(await offColour({ x: west.x + 20, y: west.y })).toBeLessThanOrEqual(30);
	expect(await offColour({ x: south.x, y: south.y - 13 })).toBeLessThanOrEqual(30);
	expect(await offColour({ x: south.x + 20, y: south.y })).toBeGreaterThan(60);
	// each with its count written on it: "19000" is five digits wide, "999" three
	const wide = await labelWidth(page, west, 20);
	const narrow = await labelWidth(page, south, 14);
	expect(narrow).toBeGreaterThanOrEqual(12);
	expect(wide).toBeGreaterThanOrEqual(narrow + 8);
	// the point on its own is a dot as before, and hovering it shows its card
	const alone = await project(page, ALONE);
	expectColour(await pixelAt(page, alone), COLOUR, 30);
	await page.mouse.move(alone.x, alone.y);
	await expect(page.getByRole('article', { name: 'A lone sighting' })).toBeVisible();
	// a cluster is no feature: hovering it shows no card, clicking it zooms in around it
	await page.mouse.move(west.x, west.y);
	await expect(page.getByRole('article', { name: /sighting/i })).toHaveCount(0);
	const before = await zoom(page);
	await page.mouse.click(west.x, west.y);
	await expect.poll(() => zoom(page)).toBeGreaterThan(before + 0.9);
	await settled(page);
	const centre = (await camera(page)).center;
	expect(Math.abs(centre[0] - WEST[0])).toBeLessThan(0.3);
	expect(Math.abs(centre[1] - WEST[1])).toBeLessThan(0.3);
	await expect(page.getByRole('article', { name: /sighting/i })).toHaveCount(0);
	expect(errors).toEqual([]);
	expect(foreign()).toEqual([]);
});
