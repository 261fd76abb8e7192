import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { FeatureCollection } from 'geojson';
import { pmtilesArchive } from '../../scripts/lib/pmtilesArchive';
import { expectColour, nearestColour, openAtlas, project, withoutBuiltContent } from './atlas';

// A layer too big for GeoJSON comes as a PMTiles archive: here a small real one, served by the
// site (the test stands in for the file an editor would put in geodata/), with byte ranges.
const COLOUR = '#2f855a';
const towns: FeatureCollection = {
	type: 'FeatureCollection',
	features: [
		{
			type: 'Feature',
			properties: {
				id: 'odesa',
				name: 'Odesa <b>port</b>',
				confidence: 'confirmed',
				asOf: '2025-09-01',
				sources: JSON.stringify(['news-2025-09-04-allies-gather-paris'])
			},
			geometry: { type: 'Point', coordinates: [30.73, 46.48] }
		}
	]
};
const archive = Buffer.from(pmtilesArchive(towns, { layer: 'towns', maxZoom: 8 }));
const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
manifest.layers.push({
	id: 'towns',
	title: 'Towns (vector tiles)',
	kind: 'point',
	file: 'towns.pmtiles',
	sourceLayer: 'towns',
	style: { color: COLOUR, radius: 8 },
	sources: ['news-2025-09-04-allies-gather-paris']
});

test('a .pmtiles layer is read tile by tile with range requests and drawn, legend and card included', async ({ page }) => {
	const ranges: string[] = [];
	await withoutBuiltContent(page);
	await page.route('**/geodata/layers.json', (route) => route.fulfill({ json: manifest }));
	await page.route('**/geodata/towns.pmtiles', async (route) => {
		const range = route.request().headers()['range'];
		ranges.push(range ?? 'none');
		const [, from, to] = /bytes=(\d+)-(\d+)/.exec(range ?? '') ?? [];
		if (!from) return route.fulfill({ body: archive, contentType: 'application/octet-stream' });
		const end = Math.min(Number(to), archive.length - 1);
		await route.fulfill({
			status: 206,
			body: archive.subarray(Number(from), end + 1),
			headers: { 'content-type': 'application/octet-stream', 'content-range': `bytes ${from}-${end}/${archive.length}`, 'accept-ranges': 'bytes' }
		});
	});
	const { errors, foreign } = await openAtlas(page, '/?layers=towns&view=30.73,46.48,6.0');
	expectColour(await nearestColour(page, [30.73, 46.48], COLOUR, 4), COLOUR, 30);
	expect(ranges.length).toBeGreaterThan(0);
	expect(ranges.every((r) => r.startsWith('bytes='))).toBe(true);

	const entry = page.locator('section.panel [data-layer="towns"]');
	await expect(entry).toContainText('Towns (vector tiles)');
	await expect(entry.locator('.count')).toHaveCount(0); // no features in hand, so no count to show

	const at = await project(page, [30.73, 46.48]);
	await page.mouse.click(at.x, at.y);
	const card = page.getByRole('article', { name: 'Odesa <b>port</b>' });
	await expect(card).toBeVisible();
	await expect(card.locator('b')).toHaveCount(0); // markup from a tile stays text
	await card.locator('summary', { hasText: 'Sources' }).click();
	await expect(card.getByRole('listitem')).toContainText('allies gather'); // its sources, resolved from the bibliography
	expect(errors).toEqual([]);
	expect(foreign()).toEqual([]);
});
