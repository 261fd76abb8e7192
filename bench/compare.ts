// Paired comparison of pages, loaded in turn (the order rotating each round) so that the machine's
// drift falls on all of them alike: median first idle and CPU of each, and its median ratio to the
// first page, run by run. For a change too small for the full benchmark's spread.
//   PAGES="/bench/reference.html / /_base/" N=8 npm run bench:compare
// It also prints where each page's CPU went, by part of Chromium (page main thread, V8 compilers and
// GC, workers, GPU process, browser and network), and the frames its map drew until idle.
// /_base/ is another build served beside this one: BASE_BUILD=/path/to/its/build (for example a
// worktree of an earlier commit, built with npm run build). Run npm run build first.
import { serve } from './serve.mjs';
import { CPU_PARTS, launch, loadOnce, type CpuParts } from './browser';

const pages = (process.env.PAGES ?? '/bench/reference.html /bench/layers.html / /embed').split(' ').filter(Boolean);
const rounds = Number(process.env.N ?? 6);
const server = await serve(4578);
const browser = await launch();
const runs: Record<string, { idle: number[]; cpu: number[]; parts: CpuParts[]; frames: number[] }> = Object.fromEntries(
	pages.map((p) => [p, { idle: [], cpu: [], parts: [], frames: [] }])
);
await loadOnce(browser, `${server.origin}${pages[0]}`); // a first load warms the browser and the server's file cache
for (let round = 0; round < rounds; round++)
	for (let k = 0; k < pages.length; k++) {
		const page = pages[(k + round) % pages.length];
		const load = await loadOnce(browser, `${server.origin}${page}`);
		runs[page].idle.push(load.idleMs);
		runs[page].cpu.push(load.cpuMs ?? Number.NaN);
		if (load.cpuParts) runs[page].parts.push(load.cpuParts);
		runs[page].frames.push(load.frames);
	}
await browser.close();
await server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const [first] = pages;
console.log(`${rounds} rounds; ratios are to ${first}, run by run\n`);
console.log('| page | first idle ms | CPU ms | idle ratio | CPU ratio |\n|---|---|---|---|---|');
for (const page of pages) {
	const { idle, cpu } = runs[page];
	const ratio = (xs: number[], to: number[]) => median(xs.map((x, i) => x / to[i])).toFixed(3);
	console.log(`| \`${page}\` | ${median(idle).toFixed(0)} | ${median(cpu).toFixed(0)} | ${ratio(idle, runs[first].idle)} | ${ratio(cpu, runs[first].cpu)} |`);
}

// where each page's CPU went, by thread, and how many frames its map drew before idle: a change
// that moves time from one part to another (or draws more frames) shows here before in the ratios
console.log(`\nMedian CPU ms per load, by part of Chromium (from /proc, per thread), and WebGL frames drawn until the first idle\n`);
console.log(`| page | ${CPU_PARTS.join(' | ')} | frames |\n|---|${CPU_PARTS.map(() => '---|').join('')}---|`);
for (const page of pages) {
	const { parts, frames } = runs[page];
	const cells = CPU_PARTS.map((part) => (parts.length ? median(parts.map((p) => p[part])).toFixed(0) : 'n/a'));
	console.log(`| \`${page}\` | ${cells.join(' | ')} | ${median(frames)} |`);
}
