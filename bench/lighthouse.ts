// Lighthouse 12 (node API) against the served build: its default config is the mobile preset
// (Moto G Power screen, simulated slow 4G, 4x CPU slowdown). Performance category only.
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { chromiumPath } from './browser';

export type LighthouseRun = { url: string; score: number; tbtMs: number; lcpMs: number; cls: number; fcpMs: number };

export async function lighthouseOnce(url: string): Promise<LighthouseRun> {
	const chrome = await chromeLauncher.launch({
		chromePath: chromiumPath,
		chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu-sandbox', '--no-first-run', '--disable-background-networking']
	});
	try {
		const result = await lighthouse(url, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: ['performance'] });
		if (!result) throw new Error(`${url}: lighthouse returned nothing`);
		const { categories, audits, runtimeError } = result.lhr;
		if (runtimeError) throw new Error(`${url}: ${runtimeError.code} ${runtimeError.message}`);
		const value = (id: string) => audits[id]?.numericValue ?? NaN;
		return {
			url,
			score: Math.round((categories.performance.score ?? 0) * 100),
			tbtMs: value('total-blocking-time'),
			lcpMs: value('largest-contentful-paint'),
			cls: value('cumulative-layout-shift'),
			fcpMs: value('first-contentful-paint')
		};
	} finally {
		chrome.kill();
	}
}
