// A radius slider dragged over twelve air bases: `coverage` (prepared once) against
// `naiveCoverage` in the same run on the same inputs, with and without a stand-off.
// Prints median and p90 per recompute, the speed-up over naive and the largest area difference,
// and writes bench/results/coverage.json. Run: npm run bench:coverage
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { feature } from 'topojson-client';
import type { FeatureCollection, MultiPolygon, Point } from 'geojson';
import { countryGeometry, recogniseCrimeaAsUkraine, RUSSIA_ID, UKRAINE_ID, type CountriesTopology } from '../src/lib/geo/recognisedBorders';
import { blackSeaPolygon } from '../src/lib/geo/blackSea';
import { coverage, naiveCoverage, prepareCoverage, type Base, type CoverageResult, type Regions } from '../src/lib/geo/coverage';

const BELARUS_ID = '112';
const WARM_UP = 10;
const RUNS = Number(process.env.RUNS ?? 40);
/** The slider: 300 to 500 km and back, 10 km a step. */
const RADII = [...Array.from({ length: 21 }, (_, i) => 300 + i * 10), ...Array.from({ length: 19 }, (_, i) => 490 - i * 10)];
const GOAL = { medianMs: 16.7, speedUp: 4, areaDiffPct: 0.5 };

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
const world = recogniseCrimeaAsUkraine(json<CountriesTopology>('node_modules/world-atlas/countries-50m.json'));
const occupied = json<FeatureCollection<MultiPolygon>>(
	`geodata/${json<{ layers: { id: string; file: string }[] }>('geodata/layers.json').layers.find((l) => l.id === 'occupied')!.file}`
);
const regions: Regions = {
	ukraine: countryGeometry(world, (g) => g.id === UKRAINE_ID),
	occupied: occupied.features[0].geometry,
	blackSea: blackSeaPolygon(feature(world, world.objects.countries) as never).geometry,
	hostile: countryGeometry(world, (g) => g.id === RUSSIA_ID || g.id === BELARUS_ID)
};

// every air base in the atlas (RAF Coningsby included: a circle far from the others) and one more
// Romanian base, Bacău (95th Air Base, approximate), to make twelve
const airBases = json<FeatureCollection<Point, { id: string }>>('geodata/air-bases.geojson').features;
const positions: [string, [number, number]][] = [
	...airBases.map((f): [string, [number, number]] => [f.properties.id, f.geometry.coordinates as [number, number]]),
	['bacau', [26.91, 46.52]]
];
const basesAt = (radiusKm: number): Base[] => positions.map(([id, position]) => ({ id, position, radiusKm }));

const prepareStarted = performance.now();
const prepared = prepareCoverage(regions);
const prepareMs = performance.now() - prepareStarted;
// the first call at a stand-off distance buffers Russia and Belarus; the rows below reuse the zone
const zoneStarted = performance.now();
coverage(prepared, basesAt(RADII[0]), { standOffKm: 50 });
const firstStandOffMs = performance.now() - zoneStarted;

type Row = { name: string; standOffKm: number; run: (bases: Base[]) => CoverageResult; times: number[]; results: CoverageResult[] };
const row = (name: string, standOffKm: number, run: (bases: Base[]) => CoverageResult): Row => ({ name, standOffKm, run, times: [], results: [] });
const rows: Row[] = [
	row('coverage', 0, (b) => coverage(prepared, b)),
	row("coverage, clipper: 'turf'", 0, (b) => coverage(prepared, b, { clipper: 'turf' })),
	row('naiveCoverage', 0, (b) => naiveCoverage(regions, b)),
	row('coverage', 50, (b) => coverage(prepared, b, { standOffKm: 50 })),
	// naive buffers Russia and Belarus on every call, so most of this row's speed-up is the zone cache
	row('naiveCoverage', 50, (b) => naiveCoverage(regions, b, { standOffKm: 50 }))
];
const naiveOf = (r: Row) => rows.find((n) => n.name === 'naiveCoverage' && n.standOffKm === r.standOffKm)!;

// one row at a time, each with its own warm-up, so each pays for its own garbage and no other's
for (const r of rows) {
	for (let i = 0; i < WARM_UP; i++) r.run(basesAt(RADII[i % RADII.length]));
	for (let i = 0; i < RUNS; i++) {
		const bases = basesAt(RADII[i % RADII.length]);
		const started = performance.now();
		r.results.push(r.run(bases));
		r.times.push(performance.now() - started);
	}
}

const diffPct = (a: CoverageResult, b: CoverageResult) =>
	Math.max(
		...(['ukraine', 'occupied', 'blackSea'] as const).map((k) => (Math.abs(a[k].km2 - b[k].km2) / Math.max(b[k].km2, 1)) * 100),
		(Math.abs(a.coveredKm2 - b.coveredKm2) / Math.max(b.coveredKm2, 1)) * 100
	);
const maxDiffPct = (r: Row) => Math.max(...r.results.map((result, i) => diffPct(result, naiveOf(r).results[i])));

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))];
const summary = rows.map((r) => {
	const medianMs = quantile(r.times, 0.5);
	return {
		name: r.name,
		standOffKm: r.standOffKm,
		runs: r.times.length,
		medianMs: +medianMs.toFixed(2),
		p90Ms: +quantile(r.times, 0.9).toFixed(2),
		speedUp: +(quantile(naiveOf(r).times, 0.5) / medianMs).toFixed(1),
		maxAreaDiffPct: +maxDiffPct(r).toPrecision(2)
	};
});

console.log(
	`${positions.length} bases, radius ${Math.min(...RADII)}-${Math.max(...RADII)} km, ${RUNS} runs after ${WARM_UP} warm-up; prepareCoverage ${prepareMs.toFixed(0)} ms, first call at a 50 km stand-off ${firstStandOffMs.toFixed(0)} ms`
);
console.table(summary);
const fast = summary.filter((s) => s.name === 'coverage');
const met = fast.every((s) => s.medianMs < GOAL.medianMs && s.speedUp >= GOAL.speedUp && s.maxAreaDiffPct < GOAL.areaDiffPct);
console.log(`goal (median < ${GOAL.medianMs} ms, >= ${GOAL.speedUp}x naive, areas within ${GOAL.areaDiffPct}%): ${met ? 'met' : 'NOT met'}`);
if (prepared.fallbacks > 0) console.log(`${prepared.fallbacks} recompute(s) fell back to turf's clipper`);

mkdirSync('bench/results', { recursive: true });
writeFileSync(
	'bench/results/coverage.json',
	JSON.stringify(
		{
			date: new Date().toISOString(),
			node: process.version,
			cpu: os.cpus()[0]?.model,
			cores: os.cpus().length,
			loadAverage: os.loadavg().map((l) => +l.toFixed(2)),
			bases: Object.fromEntries(positions),
			radiiKm: [Math.min(...RADII), Math.max(...RADII)],
			warmUp: WARM_UP,
			prepareMs: +prepareMs.toFixed(0),
			firstStandOffMs: +firstStandOffMs.toFixed(0),
			fallbacks: prepared.fallbacks,
			goal: { ...GOAL, met },
			rows: summary
		},
		null,
		1
	) + '\n'
);
