import { expect, test } from '@playwright/test';
import { openAtlas } from './atlas';
import { beforeFirstPaint, buildFileOf, jsSet } from '../../bench/sizes';
import { BUDGET_KB, sizeReport } from '../lib/sizes';

// What a page fetches in all, gzip -9 of the built files, once its default layers are drawn: only
// a browser knows which files that is. What it needs before the first map paint is read from
// build/ alone, in tests/built/size.test.ts.
for (const [route, html] of [
	['/', 'index.html'],
	['/embed', 'embed.html']
] as const) {
	test(`${route}: all the JavaScript to draw the default layers stays within ${BUDGET_KB.total} KB gzip`, async ({ page }) => {
		// what the page asked for up to its first idle with the default layers drawn (`ready`): the
		// tests' own handle, which comes after, is no part of what a reader's map needs
		await page.addInitScript(() => {
			performance.setResourceTimingBufferSize(5000);
			let atlas: { ready?: boolean } | undefined;
			Object.defineProperty(window, '__atlas', {
				configurable: true,
				get: () => atlas,
				set: (value: { ready?: boolean }) => {
					atlas = value;
					if (value?.ready) (window as unknown as { __readyAt: number }).__readyAt = performance.now();
				}
			});
		});
		const { errors } = await openAtlas(page, route);
		expect(errors).toEqual([]);
		const requested = await page.evaluate(() =>
			performance
				.getEntriesByType('resource')
				.filter((e) => e.startTime <= (window as unknown as { __readyAt: number }).__readyAt)
				.map((e) => e.name)
		);
		const scripts = requested.filter((u) => u.startsWith('http') && /\.m?js(\?|$)/.test(u));
		const files = scripts.map(buildFileOf);
		expect(
			files.filter((f) => f === null),
			`scripts not found in build/: ${scripts.join(', ')}`
		).toEqual([]);
		const set = jsSet(files as string[]);
		// what the page fetched includes what it needs before its first paint
		expect(set.files).toEqual(expect.arrayContaining(beforeFirstPaint(html).files));
		const report = sizeReport(`${route} all JS once the default layers are drawn`, set);
		console.log(report);
		expect(set.bytes.gzip / 1024, report).toBeLessThanOrEqual(BUDGET_KB.total);
	});
}
