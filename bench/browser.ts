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
		__frames: number;
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
	// maplibre clears the colour buffer once a frame: the frames drawn until the page's first idle
	window.__frames = 0;
	for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
		const clear = proto.clear;
		proto.clear = function (this: WebGLRenderingContext, mask: number) {
			if (mask & 0x4000 && !('ready' in window.__marks) && window.__bench === undefined) window.__frames++;
			return clear.call(this, mask);
		};
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
export type Load = {
	url: string;
	firstDrawMs: number;
	idleMs: number;
	scripts: string[];
	cpuMs: number | null;
	cpuParts: CpuParts | null;
	frames: number;
	phases: Record<string, number>;
};

/** The parts of Chromium that CPU time is told apart by: which thread of which process spent it. */
export const CPU_PARTS = ['page main thread', 'page V8 compilers and GC', 'page workers', 'page other threads', 'GPU process', 'browser and network'] as const;
export type CpuPart = (typeof CPU_PARTS)[number];
export type CpuParts = Record<CpuPart, number>;

/** A thread's part, from its process's `--type` and the thread's name (as /proc shows it, cut to 15 characters). */
export function cpuPartOf(processType: string | null, thread: string): CpuPart {
	if (processType === 'gpu-process') return 'GPU process';
	if (processType !== 'renderer') return 'browser and network'; // the browser itself, and the network and storage utilities
	if (thread === 'chromium' || thread.startsWith('CrRendererMain')) return 'page main thread';
	// V8 compiles (Maglev, TurboFan, streaming parse) and collects garbage on the renderer's thread pool
	if (thread.startsWith('ThreadPool')) return 'page V8 compilers and GC';
	if (thread.startsWith('DedicatedWorker')) return 'page workers'; // maplibre's, the atlas's
	return 'page other threads'; // compositor, IO, media
}

/**
 * The Chromium processes this benchmark started (descendants of this Node process): pid and
 * command line, read from /proc. Another browser on the machine (a test run beside the bench)
 * counts as load, never as the bench's own CPU.
 */
function chromiumProcesses(): { pid: string; cmdline: string }[] {
	const parentOf = new Map<string, string>();
	const cmdlines = new Map<string, string>();
	for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
		try {
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			parentOf.set(pid, stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			cmdlines.set(pid, readFileSync(`/proc/${pid}/cmdline`, 'utf8'));
		} catch {
			// a process that ended while being read
		}
	}
	const ours = (pid: string): boolean => {
		for (let p: string | undefined = pid, hops = 0; p && p !== '0' && hops < 16; p = parentOf.get(p), hops++) if (p === String(process.pid)) return true;
		return false;
	};
	return [...cmdlines].filter(([pid, cmdline]) => cmdline.includes('chrom') && ours(pid)).map(([pid, cmdline]) => ({ pid, cmdline }));
}

/** The name and CPU milliseconds (user + system) in a /proc `stat` file, of a process or a thread. */
function readStat(path: string): { name: string; ms: number } {
	const stat = readFileSync(path, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const tick = 100; // USER_HZ: 100 on every Linux Chromium runs on here
	return { name: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')), ms: ((Number(fields[11]) + Number(fields[12])) * 1000) / tick };
}

/** CPU milliseconds (user + system) used so far by each Chromium process on this machine, by pid; null where /proc cannot tell. */
export function chromiumCpu(): Map<string, number> | null {
	if (!existsSync('/proc/self/stat')) return null;
	const byPid = new Map<string, number>();
	for (const { pid } of chromiumProcesses()) {
		try {
			byPid.set(pid, readStat(`/proc/${pid}/stat`).ms);
		} catch {
			// a process that ended while being read
		}
	}
	return byPid;
}

/** CPU milliseconds used so far by each thread of each Chromium process, by pid/tid, with the thread's part; null off Linux. */
export function chromiumThreadCpu(): Map<string, { part: CpuPart; ms: number }> | null {
	if (!existsSync('/proc/self/task')) return null;
	const byThread = new Map<string, { part: CpuPart; ms: number }>();
	for (const { pid, cmdline } of chromiumProcesses()) {
		const type = /--type=([a-z-]+)/.exec(cmdline)?.[1] ?? null;
		try {
			for (const tid of readdirSync(`/proc/${pid}/task`)) {
				const { name, ms } = readStat(`/proc/${pid}/task/${tid}/stat`);
				byThread.set(`${pid}/${tid}`, { part: cpuPartOf(type, name), ms });
			}
		} catch {
			// a process or thread that ended while being read
		}
	}
	return byThread;
}

/** The CPU each part used since `before`, from two `chromiumThreadCpu` readings (a thread that started between counts whole). */
export function cpuPartsSince(before: ReturnType<typeof chromiumThreadCpu>, after: ReturnType<typeof chromiumThreadCpu>): CpuParts | null {
	if (!before || !after) return null;
	const parts = Object.fromEntries(CPU_PARTS.map((p) => [p, 0])) as CpuParts;
	for (const [key, { part, ms }] of after) parts[part] += ms - (before.get(key)?.ms ?? 0);
	return parts;
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
		const [cpuBefore, threadsBefore] = [chromiumCpu(), chromiumThreadCpu()];
		await page.goto(url);
		await page.waitForFunction(() => window.__atlas?.ready === true || window.__bench !== undefined, null, { timeout: 90_000, polling: 50 });
		const [cpuAfter, threadsAfter] = [chromiumCpu(), chromiumThreadCpu()];
		if (errors.length) throw new Error(`${url}: ${errors.join('; ')}`);
		// the atlas: the scripts it asked for before it said its default layers were drawn (the size
		// test's rule: what comes after, the base map's detail, is not counted however fast it arrives)
		const requested = await page.evaluate(() => {
			const ready = performance.getEntriesByName('atlas:ready')[0]?.startTime;
			if (ready === undefined) return null;
			return performance
				.getEntriesByType('resource')
				.filter((r) => r.startTime <= ready && /\.m?js(\?|$)/.test(r.name))
				.map((r) => r.name);
		});
		const marks: Record<string, number | undefined> = await page.evaluate(() => ({
			...window.__marks,
			benchIdle: window.__bench?.idleAt,
			frames: window.__frames
		}));
		const phases = await page.evaluate(() =>
			Object.fromEntries(
				performance
					.getEntriesByType('mark')
					.filter((m) => m.name.startsWith('atlas:'))
					.map((m) => [m.name.slice(6), m.startTime])
			)
		);
		const idleMs = marks.ready ?? marks.benchIdle;
		if (idleMs === undefined || marks.firstDraw === undefined) throw new Error(`${url}: no timing marks (${JSON.stringify(marks)})`);
		const cpuMs = cpuSince(cpuBefore, cpuAfter);
		return {
			url,
			firstDrawMs: marks.firstDraw,
			idleMs,
			scripts: requested ?? [...scripts],
			cpuMs,
			cpuParts: cpuPartsSince(threadsBefore, threadsAfter),
			frames: marks.frames ?? 0,
			phases
		};
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
export async function panFrames(
	browser: Browser,
	origin: string,
	n: number,
	frames = 40,
	budgetMs = 30_000,
	path = `/bench/points.html?n=${n}`
): Promise<Frames> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		await context.addInitScript(nameShim);
		const page = await context.newPage();
		await page.goto(`${origin}${path}`);
		await page.waitForFunction(
			(points) => (points ? (window as unknown as { __points?: unknown }).__points : window.__bench) !== undefined,
			path.includes('points'),
			{ timeout: 120_000, polling: 100 }
		);
		const deltas = await page.evaluate(
			([count, budget]) => {
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
			},
			[frames, budgetMs]
		);
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

export type Drag = {
	view: string;
	/** ms from each slider step to the first idle with that month's front drawn: the first pass (months seen for the first time), then back over the same months */
	firstPassMs: number[];
	secondPassMs: number[];
	/** ms from a plain repaint of the same view to idle, as many times */
	repaintMs: number[];
	/** the longest main-thread task during each pass, ms (0: none over 50 ms, the browser's long-task threshold) */
	longestTaskMs: [number, number];
	/** frames the map drew for each step of each pass, and for each repaint */
	frames: { firstPass: number[]; secondPass: number[]; repaint: number[] };
};

/**
 * The time slider dragged a month at a time, as a reader's drag sends `input` events: `steps`
 * months back from the last, then forward over the same months again. Each step is timed from the
 * event to the first map idle at which the occupied area and the front line drawn are the version
 * in force that month (read back from the rendered features), against plain repaints of the same
 * view to idle. `view` is an address's query (`view=37.6,48.3,7`), or '' for the default view.
 */
export async function sliderDrag(browser: Browser, origin: string, view: string, versions: string[], steps = 24): Promise<Drag> {
	const context = await browser.newContext({ viewport: VIEWPORT });
	try {
		await context.addInitScript(nameShim);
		const page = await context.newPage();
		const errors: string[] = [];
		page.on('pageerror', (e) => errors.push(e.message));
		await page.goto(`${origin}/${view ? `?${view}` : ''}`);
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 90_000, polling: 50 });
		const result = await page.evaluate(
			async ([versions, steps]) => {
				const map = window.__atlas!.map;
				const slider = document.querySelector<HTMLInputElement>('input[type="range"][aria-label^="Show"]')!;
				const idle = () => new Promise<void>((resolve) => map.once('idle', () => resolve()));
				// maplibre clears the colour buffer once a frame
				let frames = 0;
				const clear = WebGL2RenderingContext.prototype.clear;
				WebGL2RenderingContext.prototype.clear = function (this: WebGL2RenderingContext, mask: number) {
					if (mask & 0x4000) frames++;
					return clear.call(this, mask);
				};
				const counted = { firstPass: [] as number[], secondPass: [] as number[], repaint: [] as number[] };
				const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
				const drawn = (layer: string) => new Set(map.queryRenderedFeatures({ layers: [layer] }).map((f) => f.properties.id as string));
				// the version in force in the month the slider reads out: the last snapshot dated in or before it
				const inForce = () => {
					const [name, year] = slider.getAttribute('aria-valuetext')!.split(/[: ]/);
					const end = `${year}-${String(MONTHS.indexOf(name) + 1).padStart(2, '0')}-31`;
					return versions.filter((v) => v <= end).at(-1)!;
				};
				// the names and the base map's detail come after the first idle: let them in first
				await new Promise((r) => setTimeout(r, 3000));
				const repaintMs: number[] = [];
				for (let i = 0; i < steps; i++) {
					const started = performance.now();
					frames = 0;
					const done = idle();
					map.triggerRepaint();
					await done;
					repaintMs.push(performance.now() - started);
					counted.repaint.push(frames);
				}
				let longest = 0;
				const observer = new PerformanceObserver((list) => {
					for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
				});
				observer.observe({ type: 'longtask' });
				const step = async (value: number, pass: number[]) => {
					const started = performance.now();
					frames = 0;
					slider.value = String(value);
					slider.dispatchEvent(new Event('input', { bubbles: true }));
					await new Promise((r) => setTimeout(r, 0)); // the readout follows the state
					const asOf = inForce();
					const until = started + 30_000;
					// the first idle may come before the month's file is in: then the next, which its drawing brings
					for (let kick = true; ; kick = false) {
						const next = idle();
						if (kick) map.triggerRepaint();
						await Promise.race([next, new Promise((r) => setTimeout(r, until - performance.now()))]);
						if (drawn('occupied:fill').has(`occupied-${asOf}`) && drawn('front-line:line').has(`front-${asOf}`)) break;
						if (performance.now() > until) throw new Error(`the front of ${asOf} was not drawn in 30 s`);
					}
					pass.push(frames);
					return performance.now() - started;
				};
				const last = Number(slider.max);
				const firstPassMs: number[] = [];
				for (let k = 1; k <= steps; k++) firstPassMs.push(await step(last - k, counted.firstPass));
				await new Promise((r) => setTimeout(r, 100));
				const firstLongest = longest;
				longest = 0;
				const secondPassMs: number[] = [];
				for (let k = steps - 1; k >= 0; k--) secondPassMs.push(await step(last - k, counted.secondPass));
				await new Promise((r) => setTimeout(r, 100));
				observer.disconnect();
				return { firstPassMs, secondPassMs, repaintMs, longestTaskMs: [firstLongest, longest] as [number, number], frames: counted };
			},
			[versions, steps] as const
		);
		if (errors.length) throw new Error(`slider drag: ${errors.join('; ')}`);
		return { view, ...result };
	} finally {
		await context.close();
	}
}
