import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAtlas, redrawn, renderedValues, styleLayers } from './atlas';

// An editor's realistic file, as a newsroom makes one: three points with a name, a source given as
// a web address, confidence and asOf, and no ids.
const fixture = (name: string) => join(import.meta.dirname, '../fixtures/editor', name);
const fileInput = (page: Page) => page.locator('input[type=file]');

/** The ids of the draft's features the map draws. */
const drawnIds = (page: Page) =>
	styleLayers(page).then(async (all) =>
		(
			await renderedValues(
				page,
				all.filter((l) => l.id.startsWith('draft-')).map((l) => l.id),
				'id'
			)
		).sort()
	);

test('a file with no ids and sources given as addresses is drawn whole, its new sources reviewed in the form', async ({ page }) => {
	const { errors } = await openAtlas(page, '/editor');
	await fileInput(page).setInputFiles(fixture('newsroom-points.geojson'));
	await expect(page.getByTestId('summary')).toContainText('3 of 3 features on the map as a point layer');
	await expect(page.getByTestId('problems')).toHaveCount(0);
	await redrawn(page);
	await expect
		.poll(() => drawnIds(page))
		.toEqual([
			expect.stringMatching(/^kyiv-coordination-cell-[0-9a-z]{6}$/),
			expect.stringMatching(/^lviv-logistics-centre-[0-9a-z]{6}$/),
			expect.stringMatching(/^odesa-port-liaison-[0-9a-z]{6}$/)
		]);
	// what was filled in is said, not hidden
	await page.getByText(/changes? made to the file on the way in/).click();
	await expect(page.getByText(/3 features had no id: each was given one from its name/)).toBeVisible();

	// two addresses, two new entries: the known site's publisher and date are read from the address
	const entries = page.getByTestId('new-source');
	await expect(entries).toHaveCount(2);
	const known = page.getByRole('group', { name: 'https://www.kyivindependent.com/2025/09/05/allies-expand-lviv-logistics-hub/' });
	await expect(known.getByLabel('Publisher')).toHaveValue('The Kyiv Independent');
	await expect(known.getByLabel('Published')).toHaveValue('2025-09-05');
	await expect(known.getByLabel('Key')).toHaveValue('kyivindependent-2025-09-05-allies-expand-lviv-logistics');
	// the other site is unknown: its name stands for the publisher until reviewed, and the date is asked for
	const unknown = page.getByRole('group', { name: 'https://newsroom-example.org/ukraine/odesa-port-liaison-office' });
	await expect(unknown.getByLabel('Publisher')).toHaveValue('newsroom-example.org');
	await expect(unknown.getByRole('note')).toHaveCount(1);
	await expect(unknown).toContainText('required: when it was published');
	const download = page.getByRole('button', { name: 'Download newsroom-points.geojson' });
	await page.getByLabel(/^Title/).fill('Liaison offices');
	await expect(download).toBeDisabled();
	await unknown.getByLabel('Publisher').fill('Newsroom Example');
	await unknown.getByLabel('Published').fill('2025-09-10');
	await expect(unknown.getByRole('note')).toHaveCount(0);
	// the layer cites both new entries, and nothing blocks publishing
	await expect(page.getByRole('button', { name: 'Remove kyivindependent-2025-09-05-allies-expand-lviv-logistics' })).toBeVisible();
	await expect(download).toBeEnabled();

	// the publish bundle, applied by the command to a copy of a geodata/ folder, as a developer would
	const [bundle] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download publish bundle' }).click()]);
	expect(bundle.suggestedFilename()).toBe('newsroom-points.bundle.json');
	await expect(page.getByTestId('bundled')).toContainText('npm run layer -- apply newsroom-points.bundle.json');
	const dir = mkdtempSync(join(tmpdir(), 'atlas-bundle-'));
	try {
		cpSync('tests/fixtures/layer/geodata', dir, { recursive: true });
		const layer = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', dir], { encoding: 'utf8' });
		const applied = layer('apply', await bundle.path());
		expect(applied.stderr).toBe('');
		expect(applied.stdout).toContain('added 2 source(s) to geodata/sources.json');
		expect(layer('check').status).toBe(0);
		const written = JSON.parse(readFileSync(join(dir, 'newsroom-points.geojson'), 'utf8'));
		expect(written.features.map((f: { properties: { id: string } }) => f.properties.id).sort()).toEqual(await drawnIds(page));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
	expect(errors).toEqual([]);
});

test('JSON that does not parse names its line and column and shows the line', async ({ page }) => {
	await openAtlas(page, '/editor');
	await fileInput(page).setInputFiles(fixture('unreadable.geojson'));
	const problems = page.getByTestId('problems');
	await expect(problems).toContainText("line 7, column 7 Expected ',' or '}' after property value");
	await expect(page.getByTestId('excerpt')).toHaveText('      "geometry": { "type": "Point", "coordinates": [24.03, 49.84] }\n      ^');
	await expect(page.getByTestId('summary')).toContainText('unreadable.geojson could not be read as features');
});

test('the editor’s new controls have names axe accepts: new sources, layer defaults, a feature to edit', async ({ page }) => {
	const serious = async () =>
		(await new AxeBuilder({ page }).include('[aria-label="Layer editor"]').analyze()).violations
			.filter((v) => v.impact === 'serious' || v.impact === 'critical')
			.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(' | ')})`);
	await openAtlas(page, '/editor');
	await fileInput(page).setInputFiles(fixture('newsroom-points.geojson'));
	await expect(page.getByTestId('new-source')).toHaveCount(2);
	expect(await serious()).toEqual([]);
	await page.getByLabel('Or edit a layer of the atlas').selectOption('hubs');
	await page.getByRole('button', { name: 'Open', exact: true }).click();
	await page.getByLabel('Feature to edit').selectOption('hub-rzeszow-jasionka');
	await expect(page.getByRole('region', { name: 'Edit a feature' }).getByLabel('Longitude')).toHaveValue('22.019');
	expect(await serious()).toEqual([]);
});
