// The atlas measured against a bare maplibre page of the same base map: builds the site and the
// bench pages, serves both with precompressed files, and measures in headless Chromium. Timings
// are per run pair ratios (the atlas and the reference loaded back to back), since these shared
// machines are noisy; sizes are exact. Writes bench/results/atlas.json and atlas.md.
// Run: npm run bench   (RUNS=5 LH_RUNS=3 PAN_RUNS=3 DRAG_RUNS=3 BUILD=0 ONLY=idle,bytes,lighthouse,coverage,pan,drag)
import { execSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { serve } from './serve.mjs';
import { CPU_PARTS, launch, loadOnce, panFrames, quantile, sliderDrag, type Drag, type Frames, type Load } from './browser';
import { lighthouseOnce, type LighthouseRun } from './lighthouse';
import { beforeFirstPaint, buildFileOf, jsSet, kb, maplibreOwn, type JsSet } from './sizes';

const RUNS = Number(process.env.RUNS ?? 5);
const LH_RUNS = Number(process.env.LH_RUNS ?? 3);
const PAN_RUNS = Number(process.env.PAN_RUNS ?? 3);
const DRAG_RUNS = Number(process.env.DRAG_RUNS ?? 3);
const PORT = Number(process.env.BENCH_PORT ?? 4500);
const ONLY = new Set((process.env.ONLY ?? 'idle,bytes,lighthouse,coverage,pan,drag').split(','));
export const GOALS = {
	idleRatio: 1.2,
	firstPaintJsRatio: 1.15,
	totalGzipKb: 500,
	lighthouseScore: 90,
	tbtMs: 200,
	cls: 0.02,
	panRatio: 1.5,
	dragRatio: 1.5,
	dragLongestTaskMs: 50
};

const run = (command: string, env: Record<string, string> = {}) => execSync(command, { stdio: 'inherit', env: { ...process.env, ...env } });
const median = (xs: number[]) => quantile(xs, 0.5);
const round = (x: number, digits = 0) => +x.toFixed(digits);
const spread = (xs: number[], digits = 0) => `${round(Math.min(...xs), digits)}-${round(Math.max(...xs), digits)}`;

if (process.env.BUILD !== '0') run('npm run build');
run('npx vite build --config bench/vite.config.ts');

const server = await serve(PORT);
const browser = await launch();
const results: Record<string, unknown> = {
	date: new Date().toISOString(),
	node: process.version,
	cpu: os.cpus()[0]?.model,
	cores: os.cpus().length,
	loadAverageAtStart: os.loadavg().map((l) => round(l, 2))
};
const md: string[] = [
	`# The atlas against a bare MapLibre page`,
	'',
	`${results.date}, ${results.cpu} (${results.cores} cores, load ${(results.loadAverageAtStart as number[]).join(' ')}), Chromium with SwiftShader WebGL, ${RUNS} runs.`,
	''
];
const verdicts: { goal: string; measured: string; met: boolean }[] = [];
const verdict = (goal: string, measured: string, met: boolean) => verdicts.push({ goal, measured, met });

try {
	// --- first idle: the reference and each atlas page loaded back to back, the order alternating
	const routes = ['/', '/embed'];
	let firstLoads: Record<string, Load> = {};
	if (ONLY.has('idle') || ONLY.has('bytes')) {
		const pairs: Record<string, { app: Load; reference: Load; floor?: Load }[]> = Object.fromEntries(routes.map((r) => [r, []]));
		// with `/`, the floor too: the reference's bare map plus the atlas's default layers, no app code
		const pages: Record<string, string> = { reference: '/bench/reference.html', floor: '/bench/layers.html' };
		await loadOnce(browser, `${server.origin}/bench/reference.html`); // warm the server and the disk
		for (let i = 0; i < (ONLY.has('idle') ? RUNS : 1); i++) {
			for (const route of routes) {
				const kinds = route === '/' ? ['reference', 'app', 'floor'] : ['reference', 'app'];
				const order = kinds.map((_, k) => kinds[(k + i) % kinds.length]);
				const loads: Record<string, Load> = {};
				for (const which of order) loads[which] = await loadOnce(browser, `${server.origin}${pages[which] ?? route}`);
				pairs[route].push(loads as { app: Load; reference: Load; floor?: Load });
				console.log(
					`run ${i + 1} ${route}: idle ${loads.app.idleMs.toFixed(0)} ms vs reference ${loads.reference.idleMs.toFixed(0)} ms (${(loads.app.idleMs / loads.reference.idleMs).toFixed(2)}x)`
				);
			}
		}
		firstLoads = Object.fromEntries(routes.map((r) => [r, pairs[r][0].app]));
		firstLoads.reference = pairs['/'][0].reference;
		if (ONLY.has('idle')) {
			const phaseRows: string[] = [];
			md.push(
				'## First map idle (ms since navigation; ratio per run pair)',
				'',
				'| page | atlas median (spread) | reference median (spread) | ratio per run | median ratio | first WebGL draw ratio, median | CPU s atlas / reference, median ratio |',
				'|---|---|---|---|---|---|---|'
			);
			results.idle = Object.fromEntries(
				routes.map((route) => {
					const p = pairs[route];
					const ratios = p.map((x) => x.app.idleMs / x.reference.idleMs);
					const drawRatios = p.map((x) => x.app.firstDrawMs / x.reference.firstDrawMs);
					const app = p.map((x) => x.app.idleMs);
					const ref = p.map((x) => x.reference.idleMs);
					const cpu = p.every((x) => x.app.cpuMs !== null && x.reference.cpuMs !== null) ? p.map((x) => [x.app.cpuMs!, x.reference.cpuMs!]) : null;
					const cpuCell = cpu
						? `${(median(cpu.map((c) => c[0])) / 1000).toFixed(2)} / ${(median(cpu.map((c) => c[1])) / 1000).toFixed(2)}, ${median(cpu.map((c) => c[0] / c[1])).toFixed(2)}x`
						: 'n/a';
					md.push(
						`| \`${route}\` | ${round(median(app))} (${spread(app)}) | ${round(median(ref))} (${spread(ref)}) | ${ratios.map((r) => r.toFixed(2)).join(' ')} | **${median(ratios).toFixed(2)}x** | ${median(drawRatios).toFixed(2)}x | ${cpuCell} |`
					);
					verdict(`\`${route}\` first idle <= ${GOALS.idleRatio}x reference`, `${median(ratios).toFixed(2)}x`, median(ratios) <= GOALS.idleRatio);
					const phase = (name: string) => p.map((x) => x.app.phases[name]).filter((ms) => ms !== undefined);
					phaseRows.push(
						`| \`${route}\` | ${median(p.map((x) => x.app.firstDrawMs)).toFixed(0)} | ${phase('content').length ? median(phase('content')).toFixed(0) : '-'} | ${phase('layersAdded').length ? median(phase('layersAdded')).toFixed(0) : '-'} | ${median(app).toFixed(0)} |`
					);
					return [
						route,
						{
							cpuMs: p.map((x) => [x.app.cpuMs, x.reference.cpuMs]),
							phases: p.map((x) => x.app.phases),
							appMs: app.map((x) => round(x)),
							referenceMs: ref.map((x) => round(x)),
							ratios: ratios.map((r) => round(r, 3)),
							medianRatio: round(median(ratios), 3),
							firstDrawRatios: drawRatios.map((r) => round(r, 3)),
							appFirstDrawMs: p.map((x) => round(x.app.firstDrawMs)),
							referenceFirstDrawMs: p.map((x) => round(x.reference.firstDrawMs))
						}
					];
				})
			);
			md.push(
				'',
				"Atlas idle is `window.__atlas.ready`: its first idle with every default layer drawn. Reference idle is the bare page's first `idle`. First WebGL draw is the first `drawElements`/`drawArrays` call on each page. CPU is what every Chromium process (page, GPU process with SwiftShader, browser) used from navigation to idle, from /proc: with two cores both are busy the whole load, so the idle ratio follows the CPU ratio.",
				''
			);
			const withFloor = pairs['/'].filter((x) => x.floor);
			if (withFloor.length) {
				const floorRatios = withFloor.map((x) => x.floor!.idleMs / x.reference.idleMs);
				const overFloor = withFloor.map((x) => x.app.idleMs / x.floor!.idleMs);
				md.push(
					"The floor: maplibre alone drawing the base map and the atlas's default layers, with the atlas's own style layers and its files fetched as they are (`bench/pages/layers.ts`: no checks, no panels, no app). What is left of the goal once the layers themselves are drawn.",
					'',
					'| ratio | per run | median |',
					'|---|---|---|',
					`| floor vs reference | ${floorRatios.map((r) => r.toFixed(2)).join(' ')} | **${median(floorRatios).toFixed(2)}x** |`,
					`| \`/\` vs floor | ${overFloor.map((r) => r.toFixed(2)).join(' ')} | **${median(overFloor).toFixed(2)}x** |`,
					''
				);
				results.floor = {
					floorMs: withFloor.map((x) => round(x.floor!.idleMs)),
					floorVsReference: floorRatios.map((r) => round(r, 3)),
					atlasVsFloor: overFloor.map((r) => round(r, 3)),
					medianFloorVsReference: round(median(floorRatios), 3),
					medianAtlasVsFloor: round(median(overFloor), 3)
				};
			}
			md.push(
				"Where the atlas's time goes (medians, ms since navigation): its first WebGL draw, its content in hand (`atlas:content`: the build's checked copy, read), its layers handed to maplibre (`atlas:layersAdded`), its first idle with them drawn.",
				'',
				'| page | first draw | content | layers added | idle |',
				'|---|---|---|---|---|',
				...phaseRows,
				''
			);
			// where the CPU went, by part of Chromium, and the frames each map drew before idle
			const loadsOf: [string, Load[]][] = [
				['reference', pairs['/'].map((x) => x.reference)],
				['floor', pairs['/'].flatMap((x) => (x.floor ? [x.floor] : []))],
				...routes.map((r): [string, Load[]] => [`\`${r}\``, pairs[r].map((x) => x.app)])
			];
			if (loadsOf.every(([, loads]) => loads.every((l) => l.cpuParts))) {
				md.push(
					'Where the CPU went (median ms per load, read per thread from /proc), and the WebGL frames each map drew before its first idle:',
					'',
					`| page | ${CPU_PARTS.join(' | ')} | frames |`,
					`|---|${CPU_PARTS.map(() => '---|').join('')}---|`
				);
				for (const [name, loads] of loadsOf)
					md.push(
						`| ${name} | ${CPU_PARTS.map((part) => median(loads.map((l) => l.cpuParts![part])).toFixed(0)).join(' | ')} | ${median(loads.map((l) => l.frames))} |`
					);
				md.push('');
				results.cpuParts = Object.fromEntries(loadsOf.map(([name, loads]) => [name, loads.map((l) => ({ ...l.cpuParts, frames: l.frames }))]));
			}
		}
	}

	// --- bytes: exact figures from the built files (what the size test checks), plus what each page fetched
	if (ONLY.has('bytes')) {
		const own = maplibreOwn();
		const fetched = (load: Load) => jsSet(load.scripts.map(buildFileOf).filter((f): f is string => f !== null));
		const referenceFiles = (load: Load) =>
			jsSet(load.scripts.filter((u) => u.startsWith('http')).map((u) => `node_modules/.cache/bench-pages${new URL(u).pathname.replace(/^\/bench/, '')}`));
		const rows: [string, JsSet][] = [
			['maplibre-gl.js as npm ships it', own],
			['reference page, all JS', referenceFiles(firstLoads.reference)],
			['`/` before first map paint', beforeFirstPaint('index.html')],
			['`/embed` before first map paint', beforeFirstPaint('embed.html')],
			['`/` all JS once default layers are drawn', fetched(firstLoads['/'])],
			['`/embed` all JS once default layers are drawn', fetched(firstLoads['/embed'])]
		];
		md.push(
			'## JavaScript bytes (KB; gzip -9 and brotli q11 of the built files)',
			'',
			'| what | files | raw | gzip | brotli | gzip vs maplibre |',
			'|---|---|---|---|---|---|'
		);
		for (const [name, set] of rows)
			md.push(
				`| ${name} | ${set.files.length} | ${kb(set.bytes.raw)} | ${kb(set.bytes.gzip)} | ${kb(set.bytes.brotli)} | ${(set.bytes.gzip / own.bytes.gzip).toFixed(2)}x |`
			);
		results.bytes = Object.fromEntries(rows.map(([name, set]) => [name, set]));
		for (const [i, route] of [
			[2, '/'],
			[3, '/embed']
		] as const) {
			const ratio = rows[i][1].bytes.gzip / own.bytes.gzip;
			verdict(
				`\`${route}\` JS before first paint <= ${GOALS.firstPaintJsRatio}x maplibre's own (gzip)`,
				`${ratio.toFixed(2)}x (${kb(rows[i][1].bytes.gzip)} KB)`,
				ratio <= GOALS.firstPaintJsRatio
			);
		}
		for (const [i, route] of [
			[4, '/'],
			[5, '/embed']
		] as const) {
			const total = rows[i][1].bytes.gzip / 1024;
			verdict(`\`${route}\` all JS <= ${GOALS.totalGzipKb} KB gzip`, `${total.toFixed(1)} KB`, total <= GOALS.totalGzipKb);
		}
		md.push(
			'',
			'Files fetched by `/` once its default layers are drawn (gzip KB):',
			'',
			...rows[4][1].files.map((f) => `- ${f.replace('build/', '')} ${kb(jsSet([f]).bytes.gzip)}`),
			''
		);
	}

	// --- Lighthouse, mobile preset, on /embed and on the reference page
	if (ONLY.has('lighthouse')) {
		const runs: Record<string, LighthouseRun[]> = { '/embed': [], reference: [] };
		for (let i = 0; i < LH_RUNS; i++) {
			for (const [name, path] of [
				['/embed', '/embed'],
				['reference', '/bench/reference.html']
			] as const) {
				const r = await lighthouseOnce(`${server.origin}${path}`);
				runs[name].push(r);
				console.log(`lighthouse ${name}: ${r.score}, TBT ${r.tbtMs.toFixed(0)} ms, LCP ${r.lcpMs.toFixed(0)} ms, CLS ${r.cls.toFixed(3)}`);
			}
		}
		md.push('## Lighthouse 12, mobile preset (median, spread over runs)', '', '| page | score | TBT ms | LCP ms | CLS | FCP ms |', '|---|---|---|---|---|---|');
		for (const [name, rs] of Object.entries(runs)) {
			const col = (pick: (r: LighthouseRun) => number, d = 0) => `${round(median(rs.map(pick)), d)} (${spread(rs.map(pick), d)})`;
			md.push(`| ${name} | ${col((r) => r.score)} | ${col((r) => r.tbtMs)} | ${col((r) => r.lcpMs)} | ${col((r) => r.cls, 3)} | ${col((r) => r.fcpMs)} |`);
		}
		const embed = runs['/embed'];
		verdict(
			`Lighthouse mobile \`/embed\` >= ${GOALS.lighthouseScore}`,
			String(median(embed.map((r) => r.score))),
			median(embed.map((r) => r.score)) >= GOALS.lighthouseScore
		);
		verdict(`TBT <= ${GOALS.tbtMs} ms`, `${round(median(embed.map((r) => r.tbtMs)))} ms`, median(embed.map((r) => r.tbtMs)) <= GOALS.tbtMs);
		verdict(`CLS <= ${GOALS.cls}`, median(embed.map((r) => r.cls)).toFixed(3), median(embed.map((r) => r.cls)) <= GOALS.cls);
		results.lighthouse = runs;
		md.push('');
	}

	// --- the coverage recompute (its own benchmark, run here with fewer runs)
	if (ONLY.has('coverage')) {
		run('npx tsx bench/coverage.bench.ts', { RUNS: process.env.COVERAGE_RUNS ?? '20' });
		const coverage = JSON.parse(readFileSync('bench/results/coverage.json', 'utf8'));
		md.push(
			'## Coverage recompute (12 bases, radius slider 300-500 km, Node)',
			'',
			`prepareCoverage ${coverage.prepareMs} ms; first call at a 50 km stand-off ${coverage.firstStandOffMs} ms; ${coverage.rows[0].runs} runs.`,
			'',
			'| function | stand-off km | median ms | p90 ms | speed-up vs naive | max area diff % |',
			'|---|---|---|---|---|---|'
		);
		for (const r of coverage.rows) md.push(`| ${r.name} | ${r.standOffKm} | ${r.medianMs} | ${r.p90Ms} | ${r.speedUp}x | ${r.maxAreaDiffPct} |`);
		md.push('');
		verdict(
			`coverage recompute median < ${coverage.goal.medianMs} ms, >= ${coverage.goal.speedUp}x naive`,
			coverage.rows
				.filter((r: { name: string }) => r.name === 'coverage')
				.map((r: { medianMs: number; speedUp: number }) => `${r.medianMs} ms, ${r.speedUp}x`)
				.join('; '),
			coverage.goal.met
		);
		results.coverage = coverage;
	}

	// --- pan frame time with the atlas's deck.gl incursions layer: 100 and 100,000 points
	if (ONLY.has('pan')) {
		const pairs: { few: Frames; many: Frames }[] = [];
		for (let i = 0; i < PAN_RUNS; i++) {
			const few = await panFrames(browser, server.origin, 100);
			const many = await panFrames(browser, server.origin, 100_000);
			pairs.push({ few, many });
			console.log(`pan run ${i + 1}: 100 points ${few.medianMs.toFixed(1)} ms/frame, 100,000 points ${many.medianMs.toFixed(1)} ms/frame`);
		}
		const ratios = pairs.map((p) => p.many.medianMs / p.few.medianMs);
		md.push(
			'## Frame time while panning (ms from a pan step to finished pixels: `redraw()` + `readPixels`; the incursions layer drawn by src/lib/map/deck.ts)',
			'',
			'| points | median per run | p90 per run | frames per run |',
			'|---|---|---|---|'
		);
		for (const key of ['few', 'many'] as const)
			md.push(
				`| ${pairs[0][key].n.toLocaleString('en')} | ${pairs.map((p) => p[key].medianMs.toFixed(1)).join(' ')} | ${pairs.map((p) => p[key].p90Ms.toFixed(1)).join(' ')} | ${pairs.map((p) => p[key].frames).join(' ')} |`
			);
		md.push('', `Ratio 100,000 / 100 per run pair: ${ratios.map((r) => r.toFixed(2)).join(' ')}; median **${median(ratios).toFixed(2)}x**.`, '');
		verdict(`pan frame time with 100,000 points <= ${GOALS.panRatio}x with 100`, `${median(ratios).toFixed(2)}x`, median(ratios) <= GOALS.panRatio);
		results.pan = { pairs, ratios: ratios.map((r) => round(r, 3)), medianRatio: round(median(ratios), 3) };
	}
	// --- the time slider dragged over 24 months, at the default view and at Donbas zoom 7, against plain repaints
	if (ONLY.has('drag')) {
		const versions = (JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string }[]).map((v) => v.asOf);
		const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
		const views: [string, string][] = [
			['default view', ''],
			['Donbas, zoom 7', 'view=37.6,48.3,7']
		];
		md.push(
			"## The time slider dragged over 24 months (each step timed from its `input` event to the first idle with that month's front drawn)",
			'',
			"Against 24 plain repaints of the same view to idle (`triggerRepaint`), per run: the first pass steps 24 months back from the last (each month new to the page, bar the one fetched ahead), the second steps forward over the same months again. Frames are the map's WebGL frames per step (a repaint draws one). The longest task is the main thread's longest during each pass (0: none over 50 ms, the browser's long-task threshold).",
			'',
			'| view | repaint ms (24) | first pass ms, ratio | second pass ms, ratio | frames a step, first / second | longest task ms, first / second |',
			'|---|---|---|---|---|---|'
		);
		const drags: Record<string, Drag[]> = {};
		for (const [name, query] of views) {
			drags[name] = [];
			for (let i = 0; i < DRAG_RUNS; i++) {
				const d = await sliderDrag(browser, server.origin, query, versions);
				drags[name].push(d);
				console.log(
					`drag ${name} run ${i + 1}: ${(sum(d.firstPassMs) / sum(d.repaintMs)).toFixed(2)}x, again ${(sum(d.secondPassMs) / sum(d.repaintMs)).toFixed(2)}x`
				);
			}
			const runs = drags[name];
			const ratios = (pass: 'firstPassMs' | 'secondPassMs') => runs.map((d) => sum(d[pass]) / sum(d.repaintMs));
			const perStep = (frames: number[]) => (sum(frames) / frames.length).toFixed(1);
			md.push(
				`| ${name} | ${runs.map((d) => sum(d.repaintMs).toFixed(0)).join(' ')} | ${runs.map((d) => sum(d.firstPassMs).toFixed(0)).join(' ')}; **${median(ratios('firstPassMs')).toFixed(2)}x** | ${runs.map((d) => sum(d.secondPassMs).toFixed(0)).join(' ')}; **${median(ratios('secondPassMs')).toFixed(2)}x** | ${runs.map((d) => `${perStep(d.frames.firstPass)} / ${perStep(d.frames.secondPass)}`).join(', ')} | ${runs.map((d) => d.longestTaskMs.map((t) => t.toFixed(0)).join(' / ')).join(', ')} |`
			);
			for (const pass of ['firstPassMs', 'secondPassMs'] as const)
				verdict(
					`slider drag, ${name}, ${pass === 'firstPassMs' ? 'first pass' : 'second pass'} <= ${GOALS.dragRatio}x repaints`,
					`${median(ratios(pass)).toFixed(2)}x`,
					median(ratios(pass)) <= GOALS.dragRatio
				);
			const longest = median(runs.map((d) => Math.max(...d.longestTaskMs)));
			verdict(`slider drag, ${name}, longest task < ${GOALS.dragLongestTaskMs} ms`, `${longest.toFixed(0)} ms`, longest < GOALS.dragLongestTaskMs);
		}
		md.push('');
		results.drag = drags;
	}
} catch (error) {
	// what was measured before the failure is still written out
	md.push('## Stopped by an error', '', '```', String((error as Error).stack ?? error), '```', '');
	process.exitCode = 1;
} finally {
	await browser.close();
	await server.close();
}

md.splice(
	4,
	0,
	'## Goals',
	'',
	'| goal | measured | met |',
	'|---|---|---|',
	...verdicts.map((v) => `| ${v.goal} | ${v.measured} | ${v.met ? 'yes' : '**no**'} |`),
	''
);
results.goals = verdicts;
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/atlas.json', JSON.stringify(results, null, 1) + '\n');
writeFileSync('bench/results/atlas.md', md.join('\n') + '\n');
console.log('\n' + md.join('\n'));
