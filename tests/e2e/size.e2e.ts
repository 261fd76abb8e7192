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
		const scripts: string[] = [];
		page.on('response', (r) => {
			if (r.url().startsWith('http') && (r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url()))) scripts.push(r.url());
		});
		const { errors } = await openAtlas(page, route);
		expect(errors).toEqual([]);
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
