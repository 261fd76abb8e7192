import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

// /data: every feature of every layer as a table a reader can sort, with the layer's downloads.
type Def = {
	id: string;
	title: string;
	file: string;
	tooltip: { property: string; label: string }[];
	style: { by?: { property: string; categories: { value: string; label: string }[] } };
};
type Props = { id: string; name: string; sources: string[] } & Record<string, unknown>;
const manifest: { layers: Def[] } = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
const sources = JSON.parse(readFileSync('geodata/sources.json', 'utf8'));
const features = (file: string): { properties: Props }[] => JSON.parse(readFileSync(`geodata/${file}`, 'utf8')).features;
const incursions = manifest.layers.find((l) => l.id === 'incursions')!;

const section = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });
const table = (page: Page, title: string) => section(page, title).getByRole('table');
/** The 1-based position of an incursions tooltip property's column: after id and name. */
const column = (property: string) => incursions.tooltip.findIndex((t) => t.property === property) + 3;

/** Records in RFC 4180 text: line ends outside quoted fields (a quoted field may hold a line break). */
function countRecords(text: string): number {
	let quoted = false;
	let records = 0;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (ch === '\n' && !quoted) records++;
	}
	return records + (text.endsWith('\n') ? 0 : 1);
}

/** Opens /data, noting requests that leave the site's origin and page errors. */
async function openData(page: Page) {
	const requests: string[] = [];
	const errors: string[] = [];
	page.on('request', (r) => requests.push(r.url()));
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto('/data', { waitUntil: 'networkidle' }); // hydrated: the header buttons sort
	const origin = new URL(page.url()).origin;
	return { errors, foreign: () => requests.filter((u) => !u.startsWith('data:') && new URL(u).origin !== origin) };
}

test('lists every feature of every layer, in manifest order, with its sources as links', async ({ page }) => {
	const { errors } = await openData(page);
	const FRONT = 'The occupied area and the front, snapshot by snapshot';
	await expect(page.getByRole('heading', { level: 2 })).toHaveText([...manifest.layers.map((l) => l.title), FRONT]);
	// the front's figures, one row a DeepState snapshot, as the import computed them
	const snapshots = JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string; areaKm2: number }[];
	const frontRows = table(page, FRONT).locator('tbody tr');
	await expect(frontRows).toHaveCount(snapshots.length);
	await expect(frontRows.last()).toContainText(snapshots.at(-1)!.asOf);
	await expect(frontRows.last()).toContainText(snapshots.at(-1)!.areaKm2.toLocaleString('en-GB'));
	for (const layer of manifest.layers) {
		const rows = table(page, layer.title).locator('tbody tr');
		const expected = features(layer.file);
		await expect(rows, layer.id).toHaveCount(expected.length);
		await expect(table(page, layer.title).locator('caption')).toContainText(layer.title);
		// names shown exactly as the data has them, as text
		await expect(rows.locator('td:nth-child(2)')).toHaveText(expected.map((f) => f.properties.name));
	}
	const first = features(incursions.file)[0].properties;
	const source = sources[first.sources[0]];
	const link = table(page, incursions.title)
		.locator('tbody tr')
		.first()
		.getByRole('link', { name: `${source.publisher}: ${source.title}` });
	await expect(link).toHaveAttribute('href', source.url);
	await expect(page.getByRole('link', { name: 'Back to the map' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'All sources' })).toBeVisible();
	expect(errors).toEqual([]);
});

test('shows category values by their legend label', async ({ page }) => {
	await openData(page);
	const craft = features(incursions.file)[0].properties.craft;
	const label = incursions.style.by!.categories.find((c) => c.value === craft)!.label;
	await expect(table(page, incursions.title).locator(`tbody tr:first-child td:nth-child(${column('craft')})`)).toHaveText(label);
});

test('pressing a column header sorts the table by it and says so with aria-sort', async ({ page }) => {
	await openData(page);
	const t = table(page, incursions.title);
	const header = t.getByRole('columnheader', { name: /How many/ });
	const counts = async () => (await t.locator(`tbody td:nth-child(${column('count')})`).allTextContents()).filter((s) => s !== '').map(Number);
	const firstName = () => t.locator('tbody tr:first-child td:nth-child(2)').textContent();
	const before = await firstName();
	await expect(header).not.toHaveAttribute('aria-sort');

	await header.getByRole('button').click();
	await expect(header).toHaveAttribute('aria-sort', 'ascending');
	const ascending = await counts();
	expect(ascending).toEqual(ascending.toSorted((a, b) => a - b));
	expect(await firstName()).not.toBe(before);

	await header.getByRole('button').click();
	await expect(header).toHaveAttribute('aria-sort', 'descending');
	expect(await counts()).toEqual(ascending.toSorted((a, b) => b - a));
	await expect(t.getByRole('columnheader', { name: /^Name/ })).not.toHaveAttribute('aria-sort');
	await expect(t.locator('tbody tr')).toHaveCount(features(incursions.file).length);
});

test('downloads each layer as GeoJSON and as a CSV with a line a feature after the header', async ({ context, page }) => {
	for (const layer of manifest.layers) {
		// a tab of its own for each layer: Chromium stops a page's downloads after the tenth or so
		const tab = await context.newPage();
		await openData(tab);
		const downloads = section(tab, layer.title).locator('.downloads');
		const csvLink = downloads.getByRole('link', { name: /^CSV/ });
		await expect(csvLink).toHaveAttribute('download', `${layer.id}.csv`);
		const [csv] = await Promise.all([tab.waitForEvent('download'), csvLink.click()]);
		expect(csv.suggestedFilename()).toBe(`${layer.id}.csv`);
		const text = readFileSync((await csv.path())!, 'utf8');
		expect(countRecords(text), layer.id).toBe(features(layer.file).length + 1);
		expect(text.replace(/^\uFEFF/, '').startsWith('id,name,')).toBe(true);

		const geoLink = downloads.getByRole('link', { name: /^GeoJSON/ });
		await expect(geoLink).toHaveAttribute('download', layer.file.split('/').pop()!);
		const [geojson] = await Promise.all([tab.waitForEvent('download'), geoLink.click()]);
		expect(JSON.parse(readFileSync((await geojson.path())!, 'utf8')).features).toHaveLength(features(layer.file).length);
		await tab.close();
	}
	const response = await page.request.get(`/data/${incursions.id}.csv`);
	expect(response.headers()['content-type']).toMatch(/^text\/csv/);
});

test('renders data as text only and stays on its own origin', async ({ page }) => {
	const { foreign, errors } = await openData(page);
	await table(page, incursions.title).getByRole('button', { name: /^Name/ }).click();
	await expect(page.locator('table script, table img, table iframe, table svg, table object')).toHaveCount(0);
	// the only elements inside a cell are the source lists and their links
	const tags = await page.locator('td *').evaluateAll((els) => [...new Set(els.map((e) => e.tagName))].sort());
	expect(tags).toEqual(['A', 'CITE', 'LI', 'UL']);
	expect(foreign()).toEqual([]);
	expect(errors).toEqual([]);
});

test.describe('with JavaScript off', () => {
	test.use({ javaScriptEnabled: false });

	test('every table is still there to read', async ({ page }) => {
		await page.goto('/data');
		for (const layer of manifest.layers) await expect(table(page, layer.title).locator('tbody tr')).toHaveCount(features(layer.file).length);
	});
});
