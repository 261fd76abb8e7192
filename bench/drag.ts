// The time slider dragged over 24 months at the default view and at Donbas zoom 7, against plain
// repaints of the same view: `npm run bench:drag` (after npm run build). Also part of `npm run bench`.
import { readFileSync } from 'node:fs';
import { serve } from './serve.mjs';
import { launch, sliderDrag } from './browser';

const versions = (JSON.parse(readFileSync('geodata/front/versions.json', 'utf8')) as { asOf: string }[]).map((v) => v.asOf);
const server = await serve(Number(process.env.BENCH_PORT ?? 4590));
const browser = await launch();
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
try {
	for (const view of (process.env.VIEWS ?? ';view=37.6,48.3,7').split(';')) {
		for (let run = 0; run < Number(process.env.RUNS ?? 1); run++) {
			const d = await sliderDrag(browser, server.origin, view, versions);
			console.log(
				`${view || 'default view'}: repaint ${sum(d.repaintMs).toFixed(0)} ms, drag ${sum(d.firstPassMs).toFixed(0)} (${(sum(d.firstPassMs) / sum(d.repaintMs)).toFixed(2)}x), again ${sum(d.secondPassMs).toFixed(0)} (${(sum(d.secondPassMs) / sum(d.repaintMs)).toFixed(2)}x); longest task ${d.longestTaskMs.map((x) => x.toFixed(0)).join(' / ')} ms; frames a step ${sum(d.frames.firstPass) / 24} / ${sum(d.frames.secondPass) / 24}, a repaint ${sum(d.frames.repaint) / 24}`
			);
			if (process.env.VERBOSE) console.log(JSON.stringify(d));
		}
	}
} finally {
	await browser.close();
	await server.close();
}
