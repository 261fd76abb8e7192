import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { distance, expectColour, hex, nearestColour, openAtlas, pixelAtLngLat, project, redrawn, setLayer, type Rgb } from './atlas';

// Each story layer is drawn where its data says, and its card shows the feature's sources.
const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
const sources = JSON.parse(readFileSync('geodata/sources.json', 'utf8'));
const layerDef = (id: string) => manifest.layers.find((l: { id: string }) => l.id === id);
const features = (file: string) => JSON.parse(readFileSync(`geodata/${file}`, 'utf8')).features;
const featureById = (file: string, id: string) => features(file).find((f: { properties: { id: string } }) => f.properties.id === id);
const categoryColour = (layerId: string, value: string) => layerDef(layerId).style.by.categories.find((c: { value: string }) => c.value === value).color;

async function clickAt(page: Page, lngLat: [number, number]) {
	const at = await project(page, lngLat);
	await page.mouse.click(at.x, at.y);
}

/** The card a reader gets by clicking a feature: its name, and the first source as a link or text. */
async function expectCard(page: Page, feature: { properties: { name: string; sources: string[] } }) {
	const card = page.getByRole('article', { name: feature.properties.name });
	await expect(card).toBeVisible();
	// the sources are folded under the summary
	await card.locator('summary', { hasText: 'Sources' }).click();
	const first = sources[feature.properties.sources[0]];
	await expect(card.locator('.sources')).toContainText(first.publisher);
	if (first.url) await expect(card.locator(`.sources a[href="${first.url}"]`)).toBeVisible();
	return card;
}

/** The atlas's own blend of a fill over the land, to compare with what the screen shows. */
const over = (fill: string, alpha: number, base = '#f4f1ea'): Rgb => hex(fill).map((c, i) => Math.round(c * alpha + hex(base)[i] * (1 - alpha))) as Rgb;

test.beforeEach(async ({ page }) => {
	await openAtlas(page, '/');
});

test('coalition: Poland is filled by its role, and its card quotes its stance with sources', async ({ page }) => {
	const poland = featureById('coalition.geojson', 'coalition-poland');
	const colour = categoryColour('coalition', poland.properties.role);
	const westPomerania: [number, number] = [16.3, 53.3]; // inside Poland, clear of points and labels
	expectColour(await pixelAtLngLat(page, westPomerania), over(colour, layerDef('coalition').style.opacity), 10);
	await clickAt(page, westPomerania);
	const card = await expectCard(page, poland);
	await expect(card).toContainText(poland.properties.stance);
	// the legend counts come from the data
	const troops = features('coalition.geojson').filter((f: { properties: { role: string } }) => f.properties.role === 'ground-troops').length;
	await expect(page.locator('[data-layer="coalition"] .legend')).toContainText(`(could send) (${troops})`);
	await expect(page.locator('[data-layer="coalition"] .offmap')).toContainText('Canada');
	// the fill is the land's own colour by country: it follows the theme, and leaves with the layer
	await page.keyboard.press('Escape');
	await page.getByRole('button', { name: 'Dark theme' }).click();
	await redrawn(page);
	expectColour(await pixelAtLngLat(page, westPomerania), over(colour, layerDef('coalition').style.opacity, '#2d333b'), 10);
	await setLayer(page, 'Coalition of the willing', false);
	expectColour(await pixelAtLngLat(page, westPomerania), '#2d333b', 6);
	await clickAt(page, westPomerania);
	await expect(page.getByRole('article')).toHaveCount(0);
});

test('hubs: both drawn at their coordinates, with sourced cards', async ({ page }) => {
	await setLayer(page, 'Air bases', false); // the air bases share the airports and sit on top
	for (const hub of features('hubs.geojson')) {
		expectColour(await pixelAtLngLat(page, hub.geometry.coordinates), layerDef('hubs').style.color, 16);
		await clickAt(page, hub.geometry.coordinates);
		await expectCard(page, hub);
		await page.keyboard.press('Escape');
		await expect(page.getByRole('article')).toHaveCount(0);
	}
});

test('the hand-traced line and the occupied area: drawn where the data says, each with its numbers and sources', async ({ page }) => {
	await setLayer(page, 'Airspace incursions', false);
	await setLayer(page, 'Hand-traced contact line, autumn 2025', true);
	await setLayer(page, 'Front line', false);
	const line = features('contact-line.geojson')[0];
	const mid = line.geometry.coordinates[Math.floor(line.geometry.coordinates.length / 2)];
	expectColour(await nearestColour(page, mid, layerDef('contact-line').style.color), layerDef('contact-line').style.color, 30);
	await clickAt(page, mid);
	const lineCard = await expectCard(page, line);
	await expect(lineCard).toContainText(/Length of this trace \(km, computed\)\s*\d{3,4}/);

	await setLayer(page, 'Hand-traced contact line, autumn 2025', false);
	const occupied = features(layerDef('occupied').file)[0];
	const crimea: [number, number] = [34.3, 45.3];
	const [r, g] = await pixelAtLngLat(page, crimea);
	expect(r - g, 'occupied Crimea is tinted red').toBeGreaterThan(25);
	await clickAt(page, crimea);
	const card = await expectCard(page, occupied);
	await expect(card).toContainText(String(occupied.properties.shareOfUkraine));
});

test('incursions: an isolated event is drawn in its craft colour, and its card gives date, craft and sources', async ({ page }) => {
	// an event whose place was not published is listed beside the map, not drawn
	const all = features('incursions.geojson').filter((f: { geometry: unknown }) => f.geometry);
	const points = await Promise.all(all.map(async (f: { geometry: { coordinates: [number, number] } }) => project(page, f.geometry.coordinates)));
	const others = [
		...points,
		...(await Promise.all(
			features('air-bases.geojson')
				.concat(features('hubs.geojson'))
				.map((f: { geometry: { coordinates: [number, number] } }) => project(page, f.geometry.coordinates))
		))
	];
	const visible = await page.evaluate((pts) => pts.map(({ x, y }) => document.elementFromPoint(x, y)?.tagName === 'CANVAS'), points);
	// the event farthest from any other point, in the open map
	const isolation = points.map((p, i) => (visible[i] ? Math.min(...others.filter((_, j) => j !== i).map((o) => Math.hypot(o.x - p.x, o.y - p.y))) : 0));
	const best = isolation.indexOf(Math.max(...isolation));
	expect(isolation[best]).toBeGreaterThan(14);
	const event = all[best];
	// within its radius: a town's marker of the base map may lie on its centre (Zagreb's, on the
	// drone that fell there), since the dots never push the towns' names away
	expectColour(
		await nearestColour(page, event.geometry.coordinates, categoryColour('incursions', event.properties.craft), 4),
		categoryColour('incursions', event.properties.craft),
		30
	);
	await clickAt(page, event.geometry.coordinates);
	const card = await expectCard(page, event);
	// the date as a reader writes it: 2022-03-10 reads "10 Mar 2022"
	const [y, m, d] = event.properties.date.split('-').map(Number);
	await expect(card).toContainText(`${d} ${['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'][m - 1]} ${y}`);
	const craftLabel = layerDef('incursions').style.by.categories.find((c: { value: string }) => c.value === event.properties.craft).label;
	await expect(card).toContainText(craftLabel);
});

test('manned jets and drones are told apart in the data and the legend', async ({ page }) => {
	// the legend counts every event, those whose place was not published (listed beside the map) too
	const all = features('incursions.geojson');
	const count = (craft: string) => all.filter((f: { properties: { craft: string } }) => f.properties.craft === craft).length;
	expect(count('manned-aircraft')).toBeGreaterThan(0);
	const legend = page.locator('[data-layer="incursions"] .legend');
	await expect(legend).toContainText(`Drone (${count('drone')})`);
	await expect(legend).toContainText(`Manned military aircraft (${count('manned-aircraft')})`);
	expect(all.length).toBeGreaterThanOrEqual(15);
});

test('air patrol zones: switched on, a zone is drawn around its bases and its card names who proposed it', async ({ page }) => {
	await setLayer(page, 'Air patrols: current and proposed', true);
	const baltic = featureById('patrol-zones.geojson', 'patrol-baltic-air-policing');
	const [lng, lat] = baltic.geometry.coordinates[0];
	const inside: [number, number] = [lng - 3, lat + 0.4]; // over the Baltic Sea, within the radius, clear of points
	const before = await pixelAtLngLat(page, inside);
	await setLayer(page, 'Air patrols: current and proposed', false);
	const after = await pixelAtLngLat(page, inside);
	expect(distance(before, after), 'the zone tints the map').toBeGreaterThan(2);
	await setLayer(page, 'Air patrols: current and proposed', true);
	await clickAt(page, inside);
	// the card is one of the zones that really reach this point (a base within its radius)
	const km = ([a, b]: number[], [c, d]: number[]) => {
		const r = Math.PI / 180;
		const h = Math.sin(((d - b) * r) / 2) ** 2 + Math.cos(b * r) * Math.cos(d * r) * Math.sin(((c - a) * r) / 2) ** 2;
		return 2 * 6371 * Math.asin(Math.sqrt(h));
	};
	type Zone = { geometry: { type: string; coordinates: number[] | number[][] } | null; properties: { name: string; radiusKm: number | null } };
	const reaching = features('patrol-zones.geojson')
		.filter((z: Zone) => z.geometry && z.properties.radiusKm)
		.filter((z: Zone) => {
			const bases = (z.geometry!.type === 'Point' ? [z.geometry!.coordinates] : z.geometry!.coordinates) as number[][];
			return bases.some((b) => km(b, inside) < z.properties.radiusKm!);
		})
		.map((z: Zone) => z.properties.name);
	expect(reaching).toContain(baltic.properties.name);
	const card = page.getByRole('article');
	await expect(card).toContainText(/Proposed by/);
	expect(reaching).toContain(await card.getByRole('heading').textContent());
	await expect(page.locator('[data-layer="patrol-zones"] .offmap')).toContainText('Sky Shield');
});

test('the sources page lists the bibliography and what cites each entry', async ({ page }) => {
	await page.goto('/sources');
	const entries = page.locator('.bibliography > li');
	await expect(entries).toHaveCount(Object.keys(sources).length);
	const hub = features('hubs.geojson')[0];
	const entry = page.locator(`li[id="${hub.properties.sources[1]}"]`);
	await entry.locator('summary').click();
	await expect(entry).toContainText(hub.properties.name);
});
