// What the benchmark measures in headless Chromium (the browser the e2e tests use): time to the
// first map idle, the JS a page fetched, and frame time while panning.
import { chromium, type Browser, type BrowserContext } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

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

/**
 * `cpuMs`: CPU time all of Chromium's processes (page, GPU with SwiftShader, browser) spent from
 * navigation to idle, read from /proc (null off Linux). On a machine with two cores the pages keep
 * both busy, so this explains the idle times and is steadier than they are.
 * `phases`: the atlas's own marks (content read and checked, layers handed to maplibre), ms since navigation.
 */
export type Load = { url: string; firstDrawMs: number; idleMs: number; scripts: string[]; cpuMs: number | null; phases: Record<string, number> };

/** CPU milliseconds (user + system) used so far by each Chromium process on this machine, by pid; null where /proc cannot tell. */
export function chromiumCpu(): Map<string, number> | null {
	if (!existsSync('/proc/self/stat')) return null;
	const tick = 100; // USER_HZ: 100 on every Linux Chromium runs on here
	const byPid = new Map<string, number>();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			byPid.set(pid, ((Number(fields[11]) + Number(fields[12])) * 1000) / tick);
		} catch {
			// a process that ended while being read
		}
	}
	return byPid;
}

/** The CPU the processes alive at `after` used since `before` (a process that started between counts whole). */
export function cpuSince(before: Map<string, number> | null, after: Map<string, number> | null): number | null {
	if (!before || !after) return null;
	let ms = 0;
	for (const [pid, used] of after) ms += used - (before.get(pid) ?? 0);
	return ms;
}

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
		const cpuBefore = chromiumCpu();
		await page.goto(url);
		await page.waitForFunction(() => window.__atlas?.ready === true || window.__bench !== undefined, null, { timeout: 90_000, polling: 50 });
		const cpuAfter = chromiumCpu();
		if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
		const marks = await page.evaluate(() => ({ ...window.__marks, benchIdle: window.__bench?.idleAt }));
		const phases = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').filter((m) => m.name.startsWith('atlas:')).map((m) => [m.name.slice(6), m.startTime])));
		const idleMs = marks.ready ?? marks.benchIdle;
		if (idleMs === undefined || marks.firstDraw === undefined) throw new Error(`${url}: no timing marks (${JSON.stringify(marks)})`);
		const cpuMs = cpuSince(cpuBefore, cpuAfter);
		return { url, firstDrawMs: marks.firstDraw, idleMs, scripts: [...scripts], cpuMs, phases };
	} finally {
		await context.close();
	}
}

export type Frames = { n: number; medianMs: number; p90Ms: number; frames: number };

/**
 * Pans a page's map (the points page: deck.gl ScatterplotLayer with n points) step by step, back
 * and forth, and times each frame from the move to the finished pixels: maplibre's `redraw()`
 * (deck.gl is interleaved, so it draws in the same pass) then a one-pixel `readPixels`, which
 * waits for the GPU (SwiftShader here) to finish. Animation-frame deltas are no use for this on
 * these machines: headless Chromium delivers them in steps of a whole 1/3 s when it is busy.
 * Stops after `frames` frames or `budgetMs`, whichever comes first (100,000 points under
 * SwiftShader take seconds a frame).
 */
export async function panFrames(browser: Browser, origin: string, n: number, frames = 40, budgetMs = 30_000, path = `/bench/points.html?n=${n}`): Promise<Frames> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		await context.addInitScript(nameShim);
		const page = await context.newPage();
		await page.goto(`${origin}${path}`);
		await page.waitForFunction((points) => (points ? (window as unknown as { __points?: unknown }).__points : window.__bench) !== undefined, path.includes('points'), { timeout: 120_000, polling: 100 });
		const deltas = await page.evaluate(([count, budget]) => {
			const map = window.__bench!.map;
			const gl = map.getCanvas().getContext('webgl2')!;
			const pixel = new Uint8Array(4);
			const times: number[] = [];
			const until = performance.now() + budget;
			// at least 8 frames after the warm-up; more while the time budget lasts
			for (let step = 0; step < count + 5 && (step < 13 || performance.now() < until); step++) {
				// a drag: 8 px a frame east-south-east, turning back every 20 frames
				const direction = Math.floor(step / 20) % 2 ? -1 : 1;
				const started = performance.now();
				map.panBy([8 * direction, 3 * direction], { animate: false });
				map.redraw();
				gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
				times.push(performance.now() - started);
			}
			return times.slice(5); // the first frames compile shaders and fill caches
		}, [frames, budgetMs]);
		return { n, medianMs: quantile(deltas, 0.5), p90Ms: quantile(deltas, 0.9), frames: deltas.length };
	} finally {
		await context.close();
	}
}

/** A quantile of numbers (nearest rank). */
export function quantile(xs: number[], q: number): number {
	const sorted = [...xs].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
