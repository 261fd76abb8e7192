// A journalist's ordinary files in the browser editor (issue 33): an Excel CSV and a geojson.io
// export reach the atlas with layer-level choices only, every problem names the control that
// mends it, and the panel never clips.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { openAtlas } from './atlas';

const fixture = (name: string) => join(import.meta.dirname, '../fixtures/ordinary', name);
const open = async (page: Page, file: string) => {
	await openAtlas(page, '/editor');
	await page.locator('input[type=file]').setInputFiles(fixture(file));
	await expect(page.getByTestId('summary')).toBeVisible();
};
const editor = (page: Page) => page.getByRole('region', { name: 'Layer editor' });

test('an Excel CSV: problems say which control mends them, and two choices put every row on the map', async ({ page }) => {
	await open(page, 'excel-points.csv');
	const problems = page.getByTestId('problems');
	await expect(problems).toContainText('No confidence given: choose one under “Confidence where a feature gives none”, below');
	await expect(problems).toContainText('No date given: set “As of”, below, for every feature that gives none');
	// no jargon as the main text: the checker's path and words stay as a small detail
	for (const text of await problems.locator('.text').allTextContents()) {
		expect(text).not.toContain('undefined');
		expect(text).not.toMatch(/features\[\d+\]/);
	}
	// the rows' own sources become entries to review, with the site as publisher and the row's date
	const first = page.getByTestId('new-source').first();
	await expect(first.getByLabel('Publisher')).toHaveValue('ft.com');
	await expect(first.getByLabel('Published')).toHaveValue('2026-11-02');
	await page.getByLabel('Confidence where a feature gives none').selectOption('reported');
	await page.getByLabel('As of').fill('2026-12-01');
	await expect(page.getByTestId('summary')).toContainText('4 of 4 features on the map');
	await expect(problems).toHaveCount(0);
});

test('a geojson.io file: unnamed shapes get readable names, a web address is the layer’s source, its fill is the colour', async ({ page }) => {
	await open(page, 'geojsonio-zones.geojson');
	const problems = page.getByTestId('problems');
	await expect(problems).toContainText('No source given: add a web address or a key under “Sources”, below');
	await expect(problems).not.toContainText('No name');
	// the shapes were named after the layer, and the editor is told
	await expect(editor(page).locator('details', { hasText: 'made to the file on the way in' })).toContainText(
		'2 features had no name: each was called after the layer'
	);
	// geojson.io's fill is the layer's colour
	await expect(page.getByLabel('Colour')).toHaveValue('#e0a23a');
	// a web address in the Sources field: every feature citing nothing cites it, as a new entry to review
	await page.getByLabel('Source: a key or a web address').fill('https://www.ft.com/content/proposed-buffer-zones');
	await page.getByRole('button', { name: 'Add source' }).click();
	await expect(problems).not.toContainText('No source given');
	await expect(page.getByTestId('new-source')).toHaveCount(1);
	await expect(page.getByTestId('new-source').getByLabel('Publisher')).toHaveValue('ft.com');
	await page.getByTestId('new-source').getByLabel('Published').fill('2026-11-30');
	await page.getByLabel('Confidence where a feature gives none').selectOption('uncertain');
	await page.getByLabel('As of').fill('2026-12-01');
	await expect(page.getByTestId('summary')).toContainText('2 of 2 features on the map');
	await expect(problems).toHaveCount(0);
	await expect(editor(page)).not.toContainText('is not in geodata/sources.json');
});

test('a CSV with semicolons names its features from a chosen column', async ({ page }) => {
	await open(page, 'semicolons.csv');
	await page.getByLabel('Names from').selectOption('place');
	await expect(editor(page).locator('details', { hasText: 'made to the file on the way in' })).toContainText('named from the column "place"');
	await expect(editor(page).locator('details', { hasText: 'made to the file on the way in' })).not.toContainText('had no name');
	// its own url column is each row's source; the row with none is told to take the layer's
	await page.getByLabel('Confidence where a feature gives none').selectOption('reported');
	await page.getByLabel('As of').fill('2026-12-01');
	await expect(page.getByTestId('problems')).toContainText('line 4 No source given: add a web address or a key under “Sources”, below');
	await page.getByLabel('Source: a key or a web address').fill('https://www.ukrinform.net/rubric-defense/rear-facilities.html');
	await page.getByRole('button', { name: 'Add source' }).click();
	for (const entry of await page.getByTestId('new-source').all()) await entry.getByLabel('Published').fill('2026-11-03');
	await expect(page.getByTestId('summary')).toContainText('3 of 3 features on the map');
	await expect(page.getByTestId('problems')).toHaveCount(0);
});

for (const size of [
	{ width: 1440, height: 900 },
	{ width: 390, height: 844 }
])
	test(`the editor panel never clips at ${size.width}x${size.height}`, async ({ page }) => {
		await page.setViewportSize(size);
		await open(page, 'excel-points.csv');
		const [client, scroll] = await editor(page).evaluate((e) => [e.clientWidth, e.scrollWidth]);
		expect(scroll, `content ${scroll} px wide in a ${client} px panel`).toBeLessThanOrEqual(client);
	});

test('a geojson.io file of points and lines opens as two drafts, each drawn as its kind', async ({ page }) => {
	await open(page, 'geojsonio-mixed.geojson');
	await expect(page.getByTestId('notice')).toContainText(
		'geojsonio-mixed.geojson holds 1 point and 1 line: a layer draws one kind, so it is opened as 2 drafts, geojsonio-mixed-points.geojson and geojsonio-mixed-lines.geojson'
	);
	await expect(page.getByTestId('summary')).toContainText('geojsonio-mixed-points.geojson');
	await expect(page.getByTestId('summary')).toContainText('as a point layer');
	// no problem says a line is not a point
	await expect(editor(page)).not.toContainText('expected for a point layer');
	const drafts = editor(page).getByRole('button', { name: /geojsonio-mixed-(points|lines)/ });
	await expect(drafts).not.toHaveCount(0);
	// the points' draft reaches the map with the layer's choices alone
	await page.getByLabel('Source: a key or a web address').fill('https://kyivindependent.com/checkpoints-kyiv/');
	await page.getByRole('button', { name: 'Add source' }).click();
	await page.getByTestId('new-source').getByLabel('Published').fill('2026-11-30');
	await page.getByLabel('Confidence where a feature gives none').selectOption('reported');
	await page.getByLabel('As of').fill('2026-12-01');
	await expect(page.getByTestId('summary')).toContainText('geojsonio-mixed-points.geojson: 1 of 1 features on the map as a point layer');
	await editor(page)
		.getByRole('button', { name: /geojsonio-mixed-lines/ })
		.first()
		.click();
	await expect(page.getByTestId('summary')).toContainText('geojsonio-mixed-lines.geojson: 0 of 1 features on the map as a line layer');
	await expect(editor(page)).not.toContainText('expected for a line layer');
});

test('clicking a feature’s problem opens that feature’s fields, the missing one empty and ready', async ({ page }) => {
	await open(page, 'excel-points.csv');
	const problems = page.getByTestId('problems').getByRole('listitem');
	await expect(problems).toHaveCount(8);
	await problems.filter({ hasText: 'No confidence given' }).first().getByRole('button').click();
	const fields = page.getByRole('region', { name: 'Edit a feature' });
	await expect(fields.getByLabel('Feature to edit')).toHaveValue(/^lviv-logistics-centre-/);
	const confidence = fields.getByLabel('confidence', { exact: true });
	await expect(confidence).toHaveValue('');
	await expect(confidence).toBeFocused();
	await confidence.fill('reported');
	await confidence.press('Enter');
	await confidence.blur();
	// that feature's confidence is given; the other three still lack theirs
	await expect(problems).toHaveCount(7);
	await expect(page.getByTestId('problems')).toContainText('No date given');
});
