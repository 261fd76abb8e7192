// The JavaScript budgets and their report, read by the build's size check (tests/built/size.test.ts)
// and by the browser's (tests/e2e/size.e2e.ts).
import { jsSet, kb, maplibreOwn, type JsSet } from '../../bench/sizes';

/** Before the first map paint: at most this much of maplibre's own bundle, gzip. */
export const FIRST_PAINT_RATIO = 1.15;
/**
 * In all, what the page asked for up to its first idle with the default layers drawn: 550.6 KB at
 * first, 369.7 with the front and the base map's detail, 344 once the patrol zones' circles are
 * unioned without turf's clipper (polyclip-ts, bignumber.js and robust-predicates) and the detail
 * is asked for after `ready`. The budget is the goal, 350.
 */
export const BUDGET_KB = { total: 350 };

export const sizeReport = (what: string, set: JsSet) =>
	`${what}: ${kb(set.bytes.gzip)} KB gzip, ${kb(set.bytes.brotli)} KB brotli, ${kb(set.bytes.raw)} KB raw in ${set.files.length} files ` +
	`(${(set.bytes.gzip / maplibreOwn().bytes.gzip).toFixed(2)}x maplibre's own ${kb(maplibreOwn().bytes.gzip)} KB gzip)\n` +
	set.files.map((f) => `  ${f} ${kb(jsSet([f]).bytes.gzip)} KB gzip`).join('\n');
