import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openAtlas } from './atlas';
import { writeBigGeoJSON } from '../fixtures/editor/bigFile';

// Drafts across tabs: two pages of one browser context share IndexedDB, as two tabs do. Each test
// gets a context of its own, so starts with no drafts.
const DEPOTS = join(import.meta.dirname, '../fixtures/editor/depots.geojson');

async function editorTabs(page: Page): Promise<[Page, Page]> {
	const other = await page.context().newPage();
	await openAtlas(page, '/editor');
	await openAtlas(other, '/editor');
	return [page, other];
}

/** Drops the depots in tab `a` and opens the draft in tab `b`, from the list `b` was told of. */
async function depotsInBoth(a: Page, b: Page) {
	await a.locator('input[type=file]').setInputFiles(DEPOTS);
	await expect(a.getByTestId('summary')).toContainText('3 of 3');
	await expect(a.getByTestId('kept')).toHaveText('Kept in this browser');
	await b
		.getByTestId('drafts')
		.getByRole('button', { name: /depots\.geojson · / })
		.click();
	await expect(b.getByTestId('summary')).toContainText('3 of 3');
}

/**
 * Holds the drafts' store in a transaction of this page, as a slow write would, until the returned
 * `release` is called: the writes both tabs make meanwhile wait, and each is based on what its tab
 * saw before. (A hold of fixed length let a slow machine's second edit land after it.)
 */
async function holdDrafts(page: Page): Promise<() => Promise<void>> {
	await page.evaluate(async () => {
		const db = await new Promise<IDBDatabase>((resolve) => {
			const request = indexedDB.open('atlas-editor');
			request.onsuccess = () => resolve(request.result);
		});
		const store = db.transaction(['drafts'], 'readwrite').objectStore('drafts');
		const w = window as { draftsHeld?: boolean };
		w.draftsHeld = true;
		const spin = () => {
			if (w.draftsHeld) store.get('none').onsuccess = spin;
		};
		spin();
	});
	return () =>
		page.evaluate(() => {
			(window as { draftsHeld?: boolean }).draftsHeld = false;
		});
}

/** Both tabs' edits waiting on the hold, then released: the first tab's write lands first. */
async function bothWaiting(a: Page, b: Page, release: () => Promise<void>) {
	for (const tab of [a, b]) await expect(tab.getByTestId('kept')).toHaveText('Keeping…');
	await release();
}

const reopen = async (page: Page) => {
	await page.reload();
	await page.waitForFunction(() => window.__atlas?.ready === true);
};

test('tabs see each other’s drafts and edits, and a draft discarded in one does not come back in the other', async ({ page }) => {
	const errors: string[] = [];
	const [a, b] = await editorTabs(page);
	for (const tab of [a, b]) tab.on('pageerror', (e) => errors.push(e.message));
	await depotsInBoth(a, b);
	await a.getByLabel('Title').fill('Fuel depots');
	await expect(a.getByTestId('kept')).toHaveText('Kept in this browser');
	await expect(b.getByLabel('Title')).toHaveValue('Fuel depots');
	await expect(b.getByTestId('drafts')).toContainText('Fuel depots');

	await a.getByRole('button', { name: 'Discard Fuel depots' }).click();
	await a.getByRole('button', { name: 'Discard', exact: true }).click();
	await expect(b.getByTestId('notice')).toHaveText('“Fuel depots” was discarded in another tab.');
	await expect(b.getByLabel('Title')).toHaveCount(0);
	await expect(b.getByTestId('drafts')).toHaveCount(0);
	for (const tab of [a, b]) {
		await reopen(tab);
		await expect(tab.getByTestId('drafts')).toHaveCount(0);
		await expect(tab.getByRole('alert')).toHaveCount(0);
	}
	expect(errors).toEqual([]);
});

test('one draft changed in two tabs at once: changes to different fields both stay', async ({ page }) => {
	const [a, b] = await editorTabs(page);
	await depotsInBoth(a, b);
	const release = await holdDrafts(a);
	await a.getByLabel('Title').fill('Fuel depots');
	await b.getByLabel('Description').fill('Where the fuel is kept.');
	await bothWaiting(a, b, release);
	for (const tab of [a, b]) await expect(tab.getByTestId('kept')).toHaveText('Kept in this browser');
	await expect(a.getByLabel('Description')).toHaveValue('Where the fuel is kept.');
	await expect(b.getByLabel('Title')).toHaveValue('Fuel depots');
	for (const tab of [a, b]) await expect(tab.getByTestId('notice')).toHaveCount(0);
	await reopen(a);
	await expect(a.getByTestId('drafts').getByRole('listitem')).toHaveCount(1);
	await expect(a.getByLabel('Title')).toHaveValue('Fuel depots');
	await expect(a.getByLabel('Description')).toHaveValue('Where the fuel is kept.');
});

test('one field changed in two tabs at once: both versions are kept, and the tab that lost the race says so', async ({ page }) => {
	const [a, b] = await editorTabs(page);
	await depotsInBoth(a, b);
	const release = await holdDrafts(a);
	await a.getByLabel('Title').fill('Depots seen from A');
	await b.getByLabel('Title').fill('Depots seen from B');
	await bothWaiting(a, b, release);
	for (const tab of [a, b]) await expect(tab.getByTestId('kept')).toHaveText('Kept in this browser');
	await expect(b.getByTestId('notice')).toContainText(
		'“Depots seen from A” was changed in another tab while you changed it here (title): both versions are kept'
	);
	await expect(b.getByTestId('notice')).toContainText('yours is now a draft of its own, “Depots seen from B”, open here');
	await expect(b.getByLabel('Title')).toHaveValue('Depots seen from B');
	await expect(a.getByLabel('Title')).toHaveValue('Depots seen from A');
	await reopen(a);
	const drafts = a.getByTestId('drafts');
	await expect(drafts).toContainText('Depots seen from A');
	await expect(drafts).toContainText('Depots seen from B');
	// each with its file: B's version opens and is checked like the first
	await drafts.getByRole('button', { name: /Depots seen from B depots\.geojson · / }).click();
	await expect(a.getByLabel('Title')).toHaveValue('Depots seen from B');
	await expect(a.getByTestId('summary')).toContainText('3 of 3');
});

test.describe('with the browser’s storage for the site nearly full', () => {
	// a real limit: Chromium's quota for the site, set to 1 MB before the page loads, so IndexedDB
	// itself refuses a larger write with a QuotaExceededError
	let dir: string;
	let big: string;
	test.beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'atlas-drafts-'));
		big = join(dir, 'districts.geojson');
		await writeBigGeoJSON(big, 3_000_000, 200);
	});
	test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

	async function withQuota(page: Page, bytes: number) {
		const cdp = await page.context().newCDPSession(page);
		const origin = new URL(test.info().project.use.baseURL!).origin;
		await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: bytes });
		return cdp;
	}

	test('a file that does not fit says what happened and what to do; what was kept before survives a reload', async ({ page }) => {
		await withQuota(page, 1_000_000);
		await openAtlas(page, '/editor');
		await page.locator('input[type=file]').setInputFiles(DEPOTS);
		await page.getByLabel('Title').fill('Fuel depots');
		await expect(page.getByTestId('kept')).toHaveText('Kept in this browser');

		await page.locator('input[type=file]').setInputFiles(big);
		await expect(page.getByTestId('kept')).toHaveText('Not kept in this browser', { timeout: 30_000 });
		const alert = page.getByRole('alert');
		await expect(alert).toContainText("is open here but not kept: this browser's storage for the site is full");
		await expect(alert).toContainText('The drafts kept before are safe. Discard drafts you no longer need');
		await reopen(page);
		await expect(page.getByTestId('drafts').getByRole('listitem')).toHaveCount(1);
		await expect(page.getByLabel('Title')).toHaveValue('Fuel depots');
		await expect(page.getByTestId('summary')).toContainText('3 of 3');
	});

	test('once there is room again, the next change keeps the draft', async ({ page }) => {
		const cdp = await withQuota(page, 1_000_000);
		await openAtlas(page, '/editor');
		await page.locator('input[type=file]').setInputFiles(big);
		await expect(page.getByTestId('kept')).toHaveText('Not kept in this browser', { timeout: 30_000 });
		await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(page.url()).origin, quotaSize: 1_000_000_000 });
		await page.getByLabel('Title').fill('Districts');
		await expect(page.getByTestId('kept')).toHaveText('Kept in this browser');
		await expect(page.getByRole('alert')).toHaveCount(0);
		await reopen(page);
		await expect(page.getByLabel('Title')).toHaveValue('Districts');
		await expect(page.getByTestId('summary')).toContainText('features on the map as a fill layer', { timeout: 30_000 });
	});
});
