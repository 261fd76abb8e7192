// The front, month by month: the occupied area, the front line and what changed, month by month, from
// DeepState's snapshots, driven by the time slider and restored from an address.
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { PNG } from 'pngjs';
import { openAtlas, project, redrawn, renderedValues, slideTo } from './atlas';
import { MONTHS } from '../../src/lib/time/timeline';

type Figures = { asOf: string; areaKm2: number; shareOfUkraine: number; frontKm: number; gainedKm2: number | null; lostKm2: number | null };
const figures: Figures[] = JSON.parse(readFileSync('geodata/front/versions.json', 'utf8'));
// inside ground taken between September 2024 and August 2026 (around Pokrovsk), and Dnipro, never taken
const TAKEN: [number, number] = [37.18673, 48.39364];
const DNIPRO: [number, number] = [35.05, 48.46];

/** The mean colour of a 31 px square around a place, as a person sees it (a hatch averages out). */
async function meanColour(page: Page, lngLat: [number, number]): Promise<number[]> {
	const at = await project(page, lngLat);
	const png = PNG.sync.read(await page.screenshot({ clip: { x: at.x - 15, y: at.y - 15, width: 31, height: 31 } }));
	const sum = [0, 0, 0];
	for (let i = 0; i < png.data.length; i += 4) for (let c = 0; c < 3; c++) sum[c] += png.data[i + c];
	return sum.map((v) => v / (png.data.length / 4));
}
const apart = (a: number[], b: number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i])));

/** The ids of the features maplibre drew for a layer. */
const drawnIds = (page: Page, styleLayer: string) => renderedValues(page, styleLayer, 'id').then((ids) => ids.sort());

test('the slider moves the front: September 2024 and August 2026 draw different fronts where it moved, the same where it did not', async ({ page }) => {
	const { errors, foreign } = await openAtlas(page, '/?layers=occupied,front-line,incursions&view=36.8,48.5,7.0');
	await slideTo(page, '2024-09');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2024-09-01']);
	await redrawn(page);
	const [takenBefore, dniproBefore] = [await meanColour(page, TAKEN), await meanColour(page, DNIPRO)];
	await slideTo(page, '2026-08');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2026-08-22']);
	await expect.poll(() => drawnIds(page, 'front-line:line')).toEqual(['front-2026-08-22']);
	await redrawn(page);
	expect(apart(await meanColour(page, TAKEN), takenBefore)).toBeGreaterThan(25);
	expect(apart(await meanColour(page, DNIPRO), dniproBefore)).toBeLessThan(4);
	// the panel says the same, from the figures the import computed
	const last = figures.find((f) => f.asOf === '2026-08-22')!;
	await expect(page.locator('[data-figure="occupied-area"]')).toContainText(`${Math.round(last.areaKm2).toLocaleString('en-GB')} km²`);
	await expect(page.locator('[data-figure="front-length"]')).toContainText(`${Math.round(last.frontKm).toLocaleString('en-GB')} km`);
	expect(errors).toEqual([]);
	expect(foreign()).toEqual([]);
});

test('the ground gained and lost since the month before is drawn in two fills, and listed in figures', async ({ page }) => {
	await openAtlas(page, '/?layers=occupied,front-change,front-line&view=37.3,48.4,7.5&time=2025-12');
	await expect.poll(() => drawnIds(page, 'front-change:fill')).toEqual(['change-2025-12-01-gained-since-previous', 'change-2025-12-01-lost-since-previous']);
	const december = figures.find((f) => f.asOf === '2025-12-01')!;
	const change = page.locator('[data-figure="change"]');
	await expect(change).toContainText(`+${Math.round(december.gainedKm2!)} km² newly occupied`);
	await expect(change).toContainText(`−${Math.round(december.lostKm2!)} km² no longer occupied`);
	await expect(page.locator('[data-figure="change-summit"]')).toBeVisible();
	// the legend names both fills in their colours
	const legend = page.getByRole('list', { name: /Legend for Change since the month before/ });
	await expect(legend).toContainText('Newly occupied');
	await expect(legend).toContainText('No longer occupied');
});

test('the chart shows the occupied area at every snapshot and marks the month shown', async ({ page }) => {
	await openAtlas(page, '/?time=2025-09');
	const chart = page.getByTestId('occupied-chart');
	await expect(chart.locator('rect')).toHaveCount(figures.length);
	const last = figures.at(-1)!;
	await expect(chart).toHaveAttribute(
		'aria-label',
		new RegExp(`from 109,064 km² \\(18\\.3%\\) to ${Math.round(last.areaKm2).toLocaleString('en-GB')} km² \\(${last.shareOfUkraine.toFixed(1)}%\\)`)
	);
	// the month shown is the summit's snapshot, the latest in September 2025
	const now = chart.locator('rect.now');
	await expect(now).toHaveCount(1);
	await expect(now.locator('title')).toHaveText(/^4 Sep 2025: 114,441 km²/);
	await expect(chart.locator('rect.after')).toHaveCount(figures.filter((f) => f.asOf > '2025-09-04').length);
});

for (const path of ['/', '/embed']) {
	test(`a time= address restores the front of that month in ${path}`, async ({ page }) => {
		const fetched: string[] = [];
		page.on('request', (r) => r.url().includes('/geodata/front/') && fetched.push(r.url().split('/').pop()!));
		await openAtlas(page, `${path}?layers=occupied,front-line&time=2025-09&view=37.0,48.3,6.5`);
		await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2025-09-04']);
		await expect.poll(() => drawnIds(page, 'front-line:line')).toEqual(['front-2025-09-04']);
		// only the versions of the layers on are fetched: not the changes, which are off here; and once
		// the month is drawn, the months either side (August's and October's first snapshots), which a
		// step of the slider asks for next
		const either = ['front-2025-08-01.geojson', 'front-2025-10-01.geojson', 'occupied-2025-08-01.geojson', 'occupied-2025-10-01.geojson'];
		await expect.poll(() => [...new Set(fetched)].sort()).toEqual(['front-2025-09-04.geojson', 'occupied-2025-09-04.geojson', ...either].sort());
		// the embed dates what it draws: the month shown, and the snapshot in force then, not the latest
		if (path === '/embed') await expect(page.locator('.embed-head [data-dates]')).toContainText('Showing Sep 2025 · Front: 4 Sep 2025 (DeepStateMap.Live)');
	});
}

test('a slider step to a month next to the one shown draws what was fetched ahead, and a month seen once is never fetched again', async ({ page }) => {
	const fetched: string[] = [];
	page.on('request', (r) => r.url().includes('/geodata/front/') && fetched.push(r.url().split('/').pop()!));
	await openAtlas(page, '/?layers=occupied,front-line&time=2025-06&view=37.0,48.3,6.5');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2025-06-01']);
	await expect.poll(() => fetched).toContain('occupied-2025-07-01.geojson');
	await expect.poll(() => fetched).toContain('front-2025-07-01.geojson');
	const before = fetched.length;
	await slideTo(page, '2025-07');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2025-07-01']);
	await expect.poll(() => drawnIds(page, 'front-line:line')).toEqual(['front-2025-07-01']);
	// July came from what was fetched ahead; its own step asks only for August's, the next ahead
	expect(fetched.slice(before).filter((f) => f.includes('2025-07'))).toEqual([]);
	await expect.poll(() => fetched.slice(before).sort()).toEqual(['front-2025-08-01.geojson', 'occupied-2025-08-01.geojson']);
	// back to June and on to July again: nothing is fetched twice
	await slideTo(page, '2025-06');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2025-06-01']);
	await slideTo(page, '2025-07');
	await expect.poll(() => drawnIds(page, 'occupied:fill')).toEqual(['occupied-2025-07-01']);
	expect(fetched.length, fetched.join(', ')).toBe(new Set(fetched).size);
});

test('before the first snapshot no front is drawn, and the panel says why', async ({ page }) => {
	await openAtlas(page, '/?layers=occupied,front-line,incursions&time=2023-06&view=36.8,48.5,6.0');
	await redrawn(page);
	expect(await drawnIds(page, 'occupied:fill')).toEqual([]);
	await expect(page.locator('.front')).toContainText('No DeepState snapshot before 8 Jul 2024');
});

test('each layer says how current it is, and the legend marks one not updated for over 90 days', async ({ page }) => {
	const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8')) as { layers: { id: string; asOf: string }[] };
	// the build is today's: a layer is stale when its asOf is more than 90 days before today
	const today = new Date().toISOString().slice(0, 10);
	const stale = (asOf: string) => (Date.parse(today) - Date.parse(asOf)) / 86_400_000 > 90;
	await openAtlas(page, '/');
	for (const layer of manifest.layers) {
		const asOf = page.locator(`[data-layer="${layer.id}"] .asof`);
		const [y, m, d] = layer.asOf.split('-').map(Number);
		await expect(asOf).toContainText(`As of ${d} ${MONTHS[m - 1]} ${y}`);
		if (stale(layer.asOf)) await expect(asOf, layer.id).toContainText('not updated for over 90 days');
		else await expect(asOf, layer.id).not.toContainText('not updated');
	}
	// DeepState's last snapshot (10 Oct 2026) is more than 90 days before January 2027
	if (today >= '2027-01-09') await expect(page.locator('[data-layer="occupied"] .asof')).toContainText('not updated for over 90 days');
});

test('the panel gives the share of each oblast occupied in the month shown, in both languages', async ({ page }) => {
	await openAtlas(page, '/?time=2025-09');
	const oblasts = page.locator('[data-figure="oblasts"]');
	// the Paris summit's month: from the snapshot of 4 September 2025
	await expect(oblasts).toContainText('Donetsk oblast 75.5%');
	await expect(oblasts).toContainText('Sevastopol 100.0%');
	// oblasts with less than half a percent occupied are not listed
	await expect(oblasts).not.toContainText('Dnipropetrovsk');
	await slideTo(page, '2026-10');
	await expect(oblasts).toContainText('Donetsk oblast 80.2%');
	await expect(oblasts).toContainText('Kharkiv oblast 4.6%');
	await page.getByRole('button', { name: 'Українська' }).click();
	await expect(oblasts).toContainText('Донецька область 80,2%');
	await expect(page.getByText('Окупована частка кожної області на 10 жов 2026')).toBeVisible();
});

test('the occupied area’s card gives the share of each oblast occupied that month', async ({ page }) => {
	await openAtlas(page, '/?layers=occupied&feature=occupied:occupied-2026-10-10');
	const card = page.getByRole('article');
	await expect(card).toContainText('Share of each oblast occupied (computed)');
	await expect(card).toContainText('Donetsk oblast 80.2%');
	// an earlier month's card, opened by a click in Donetsk, in Ukrainian
	await openAtlas(page, '/?layers=occupied&time=2025-09&view=37.8,48.0,7&lang=uk');
	await redrawn(page);
	const at = await project(page, [37.8, 48.0]);
	await page.mouse.click(at.x, at.y);
	await expect(page.getByRole('article')).toContainText('Донецька область 75,5%');
});
