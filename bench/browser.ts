// What the benchmark measures in headless Chromium (the browser the e2e tests use): time to the
// first map idle, the JS a page fetched, and frame time while panning.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { existsSync } from 'node:fs';

export const VIEWPORT = { width: 1280, height: 800 };
const debianChromium = '/usr/bin/chromium';
export const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);

export const launch = (): Promise<Browser> =>
	chromium.launch({
		executablePath: chromiumPath,
		args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
	});

declare global {
	interface Window {
		__marks: Record<string, number>;
	}
}

/**
 * Runs before any page script: notes when WebGL first draws (the map's first paint, the same
 * hook on every page) and when the atlas publishes `window.__atlas` with `ready` (its first idle
 * with every default layer drawn), as milliseconds since navigation started.
 */
function timingHooks() {
	window.__marks = {};
	const mark = (name: string) => {
		if (!(name in window.__marks)) window.__marks[name] = performance.now();
	};
	for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype] as unknown as Record<string, (...a: unknown[]) => unknown>[]) {
		for (const name of ['drawElements', 'drawArrays']) {
			const original = proto[name];
			proto[name] = function (this: unknown, ...args: unknown[]) {
				mark('firstDraw');
				proto[name] = original; // unhooked after the first call: no cost on later frames
				return original.apply(this, args);
			};
		}
	}
	let atlas: unknown;
	Object.defineProperty(window, '__atlas', {
		configurable: true,
		get: () => atlas,
		set: (value: { ready?: boolean }) => {
			atlas = value;
			if (value?.ready) mark('ready');
		}
	});
}

// tsx keeps function names with a `__name` helper, which functions sent to the page then call
const nameShim = { content: 'globalThis.__name = (f) => f;' };

export type Load = { url: string; firstDrawMs: number; idleMs: number; scripts: string[] };

/**
 * Loads a page in a fresh context (empty cache) and waits for its map's first idle: the atlas's
 * `__atlas.ready`, or the bench pages' `__bench`. Lists the JavaScript it fetched by then.
 */
export async function loadOnce(browser: Browser, url: string): Promise<Load> {
	const context: BrowserContext = await browser.newContext({ viewport: VIEWPORT });
	try {
		await context.addInitScript(nameShim);
		await context.addInitScript(timingHooks);
		const page = await context.newPage();
		const scripts: string[] = [];
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		context.on('response', (r) => {
			if (r.request().resourceType() === 'script' || /\.m?js(\?|$)/.test(r.url())) scripts.push(r.url());
		});
		await page.goto(url);
		await page.waitForFunction(() => window.__atlas?.ready === true || window.__bench !== undefined, null, { timeout: 90_000, polling: 50 });
		if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
		const marks = await page.evaluate(() => ({ ...window.__marks, benchIdle: window.__bench?.idleAt }));
		const idleMs = marks.ready ?? marks.benchIdle;
		if (idleMs === undefined || marks.firstDraw === undefined) throw new Error(`${url}: no timing marks (${JSON.stringify(marks)})`);
		return { url, firstDrawMs: marks.firstDraw, idleMs, scripts: [...scripts] };
	} finally {
		await context.close();
	}
}

export type Frames = { n: number; medianMs: number; p90Ms: number; frames: number; renders: number };

/**
 * Pans the points page (deck.gl ScatterplotLayer with n points) one step every animation frame
 * for `ms`, back and forth, and returns the frame-to-frame times after a short warm-up.
 */
export async function panFrames(browser: Browser, origin: string, n: number, ms = 4000): Promise<Frames> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		await context.addInitScript(nameShim);
		const page = await context.newPage();
		await page.goto(`${origin}/bench/points.html?n=${n}`);
		await page.waitForFunction(() => (window as unknown as { __points?: unknown }).__points !== undefined, null, { timeout: 120_000, polling: 100 });
		const result = await page.evaluate(
			(duration) =>
				new Promise<{ deltas: number[]; renders: number }>((resolve) => {
					const map = window.__bench!.map;
					const deltas: number[] = [];
					let renders = 0;
					map.on('render', () => renders++);
					let last = 0;
					let step = 0;
					let start = 0;
					const tick = (now: number) => {
						if (last) deltas.push(now - last);
						else start = now;
						last = now;
						if (now - start > duration) return resolve({ deltas: deltas.slice(15), renders });
						// a drag: 6 px a frame east-south-east, turning back every second
						const direction = Math.floor(step++ / 60) % 2 ? -1 : 1;
						map.panBy([6 * direction, 2 * direction], { animate: false });
						requestAnimationFrame(tick);
					};
					requestAnimationFrame(tick);
				}),
			ms
		);
		const sorted = [...result.deltas].sort((a, b) => a - b);
		return { n, medianMs: quantile(sorted, 0.5), p90Ms: quantile(sorted, 0.9), frames: sorted.length, renders: result.renders };
	} finally {
		await context.close();
	}
}

/** A quantile of numbers (nearest rank). */
export function quantile(xs: number[], q: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
