import { expect, test } from '@playwright/test';
import { openAtlas } from './atlas';
import { beforeFirstPaint, buildFileOf, jsSet, kb, maplibreOwn, type JsSet } from '../../bench/sizes';

// JavaScript budgets, gzip -9 of the built files (deterministic: timings stay in `npm run bench`).
// Before the first map paint the goal itself: at most 1.15x maplibre's own bundle (270.0 KB, so
// 310.5 KB). Measured: 341.8 KB at first (1.27x), 335.2 after the data checks and small point
// layers left it, 308.9 (1.144x) once the panels, the viewer's state, the data layers' style code
// and the Ukrainian dictionary load beside the base map. In all, once the default layers are
// drawn: 550.6 KB at first, 369.7 with the front and the base map's detail, 343.3 once the patrol
// zones' circles are unioned without turf's clipper (polyclip-ts and bignumber.js, ~26 KB): the
// budget is the goal, 350.
const FIRST_PAINT_RATIO = 1.15;
const BUDGET_KB = { total: 350 };

const figures = (what: string, set: JsSet) =>
	`${what}: ${kb(set.bytes.gzip)} KB gzip, ${kb(set.bytes.brotli)} KB brotli, ${kb(set.bytes.raw)} KB raw in ${set.files.length} files ` +
	`(${(set.bytes.gzip / maplibreOwn().bytes.gzip).toFixed(2)}x maplibre's own ${kb(maplibreOwn().bytes.gzip)} KB gzip)\n` +
	set.files.map((f) => `  ${f} ${kb(jsSet([f]).bytes.gzip)} KB gzip`).join('\n');

for (const [route, html] of [
	['/', 'index.html'],
	['/embed', 'embed.html']
] as const) {
	test(`${route}: the JavaScript before the first map paint stays within ${FIRST_PAINT_RATIO}x maplibre's own`, () => {
		const set = beforeFirstPaint(html);
		const report = figures(`${route} before first map paint`, set);
		console.log(report);
		expect(set.bytes.gzip, report).toBeLessThanOrEqual(FIRST_PAINT_RATIO * maplibreOwn().bytes.gzip);
	});

	test(`${route}: all the JavaScript to draw the default layers stays within ${BUDGET_KB.total} KB gzip`, async ({ page }) => {
		const { errors } = await openAtlas(page, route);
		expect(errors).toEqual([]);
		// what the page asked for before it said its default layers were drawn (the base map's
		// detail, which comes after, is not counted however fast it arrives)
		const scripts = await page.evaluate(() => {
			const ready = performance.getEntriesByName('atlas:ready')[0].startTime;
			return performance
				.getEntriesByType('resource')
				.filter((r) => r.startTime <= ready && /\.m?js(\?|$)/.test(r.name))
				.map((r) => r.name);
		});
		const files = scripts.map(buildFileOf);
		expect(
			files.filter((f) => f === null),
			`scripts not found in build/: ${scripts.join(', ')}`
		).toEqual([]);
		const set = jsSet(files as string[]);
		// what the page fetched includes what it needs before its first paint
		expect(set.files).toEqual(expect.arrayContaining(beforeFirstPaint(html).files));
		const report = figures(`${route} all JS once the default layers are drawn`, set);
		console.log(report);
		expect(set.bytes.gzip / 1024, report).toBeLessThanOrEqual(BUDGET_KB.total);
	});
}
