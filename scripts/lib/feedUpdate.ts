// `npm run update`'s work once DeepState's map is read (scripts/lib/deepstateFeed.ts): the new
// snapshot beside the ones the series is made from, import-front's own machinery run on them in a
// scratch copy, the build's checks on geodata/ as it would be, then the changed files written
// atomically, and what changed said. Refuses (problems as data, nothing written) when the snapshots
// at hand would drop one of the atlas's versions, or when the occupied area jumps by more than 5%.
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { problem, type Problem } from '../../src/lib/manifest/errors';
import { areaChange } from '../../src/lib/geo/areaChange';
import { frontLine } from '../../src/lib/geo/frontLine';
import { frontLengths } from '../../src/lib/geo/frontLengths';
import { writeFilesAtomically } from './atomicWrite';
import { checkGeodata } from './checkGeodata';
import { snapshotText } from './deepstateFeed';
import * as front from './importFront';

/** More than this share of the occupied area gained or lost in one update is refused without --force: the whole series moved 7% in two years. */
const MAX_JUMP = 0.05;
/**
 * Where the update keeps every snapshot the series is made from, gzipped (the build serves no
 * .gz), so that the next run, on any machine (CI included), can remake every version: import-front
 * drops a version whose snapshot is missing, and the folder the series came from is outside the repository.
 */
const STORE_DIR = `${front.FRONT_DIR}/snapshots`;
const STORED = /^deepstatemap_data_(\d{4})(\d{2})(\d{2})\.geojson\.gz$/;
const SERIES_FILE = /^(occupied|front|change|change-summit)-\d{4}-\d{2}-\d{2}\.geojson$/;
const unknownFile = (asOf: string) => `unknown-${asOf}.geojson`;
const compact = (asOf: string) => asOf.replaceAll('-', '');

/** One day's map, read from a source. */
export interface Incoming {
	asOf: string;
	occupied: MultiPolygon;
	unknown: MultiPolygon | null;
	/** where it came from, for messages: an address or a file */
	source: string;
}

export interface UpdatePlan {
	/** the geodata folder */
	root: string;
	/** folders of deepstatemap_data_YYYYMMDD.geojson the series was made from (read only) */
	folders: string[];
	incoming: Incoming[];
	dryRun?: boolean;
	force?: boolean;
	worldAtlas?: string;
}

export interface UpdateResult {
	problems: Problem[];
	/** what was read, what changed and what was written, one line each */
	lines: string[];
	/** files written or removed, relative to the geodata folder */
	written: string[];
}

type Available = Map<string, string>;

const km = (n: number) => n.toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const signed = (n: number) => `${n >= 0 ? '+' : '−'}${km(Math.abs(n))}`;

/** The series' figures as geodata/front/versions.json has them ([] before the first import). */
async function readVersions(root: string): Promise<front.FrontVersion[]> {
	const path = join(root, front.FRONT_DIR, front.VERSIONS_FILE);
	return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as front.FrontVersion[]) : [];
}

/** Every snapshot at hand into `into`, later sources over earlier: the folders, the store, the day's maps. Returns each date's source. */
async function gatherSnapshots(plan: UpdatePlan, into: string): Promise<{ available: Available; problems: Problem[] }> {
	await mkdir(into, { recursive: true });
	const available: Available = new Map();
	const problems: Problem[] = [];
	for (const folder of plan.folders) {
		if (!existsSync(folder)) {
			problems.push(problem(folder, '', 'no such folder (--snapshots, --from-folder)'));
			continue;
		}
		for (const name of await readdir(folder)) {
			const match = front.SNAPSHOT_FILE.exec(name);
			if (!match) continue;
			await copyFile(join(folder, name), join(into, name));
			available.set(`${match[1]}-${match[2]}-${match[3]}`, folder);
		}
	}
	const store = join(plan.root, STORE_DIR);
	for (const name of existsSync(store) ? await readdir(store) : []) {
		const match = STORED.exec(name);
		if (!match) continue;
		await writeFile(join(into, name.replace(/\.gz$/, '')), gunzipSync(await readFile(join(store, name))));
		available.set(`${match[1]}-${match[2]}-${match[3]}`, `geodata/${STORE_DIR}`);
	}
	for (const day of plan.incoming) {
		await writeFile(join(into, `deepstatemap_data_${compact(day.asOf)}.geojson`), snapshotText(day.asOf, day.occupied));
		available.set(day.asOf, day.source);
	}
	return { available, problems };
}

/** A version of the atlas with no snapshot at hand would be dropped by the import: refused, naming the dates. */
function coverProblems(existing: front.FrontVersion[], available: Available, plan: UpdatePlan): Problem[] {
	const missing = existing.filter((v) => !available.has(v.asOf)).map((v) => v.asOf);
	if (missing.length === 0) return [];
	const dates = missing.length > 4 ? `${missing.slice(0, 3).join(', ')} and ${missing.length - 3} more` : missing.join(', ');
	const where = [...plan.folders, `geodata/${STORE_DIR}`].join(', ');
	return [
		problem(
			`geodata/${front.FRONT_DIR}/${front.VERSIONS_FILE}`,
			'',
			`${missing.length} version(s) of the atlas (${dates}) have no deepstatemap_data_YYYYMMDD.geojson in ${where}: the update would drop them. Give the folder they came from with --snapshots`
		)
	];
}

/** The version a day is compared with: the latest before it, among the atlas's versions and the other days read. */
function previousOf(asOf: string, areas: Map<string, number>): { asOf: string; areaKm2: number } | null {
	const before = [...areas.keys()].filter((d) => d < asOf).sort();
	const latest = before.at(-1);
	return latest === undefined ? null : { asOf: latest, areaKm2: areas.get(latest)! };
}

/** Refuses a day whose occupied area is more than MAX_JUMP off the version before it (unless forced: then said). */
function jumpProblems(existing: front.FrontVersion[], plan: UpdatePlan, lines: string[]): Problem[] {
	const areas = new Map(existing.map((v) => [v.asOf, v.areaKm2]));
	for (const day of plan.incoming) areas.set(day.asOf, front.km2(day.occupied));
	const problems: Problem[] = [];
	for (const day of plan.incoming) {
		const previous = previousOf(day.asOf, areas);
		const areaKm2 = areas.get(day.asOf)!;
		if (!previous || Math.abs(areaKm2 - previous.areaKm2) <= MAX_JUMP * previous.areaKm2) continue;
		const share = (100 * Math.abs(areaKm2 - previous.areaKm2)) / previous.areaKm2;
		const message = `the occupied area, ${km(areaKm2)} km², is ${share.toFixed(1)}% ${areaKm2 > previous.areaKm2 ? 'more' : 'less'} than ${previous.asOf}'s ${km(previous.areaKm2)} km²`;
		if (plan.force) lines.push(`warning: ${day.source}: ${message}; imported anyway (--force)`);
		else
			problems.push(
				problem(day.source, 'map', `${message}: more than ${MAX_JUMP * 100}% in one update is likelier a broken map than the war. Check it, or pass --force`)
			);
	}
	return problems;
}

/** What each day changes against the version before it: area, ground gained and lost, the front's two lengths. */
async function summarise(plan: UpdatePlan, existing: front.FrontVersion[], snapshots: string, available: Available): Promise<string[]> {
	const ukraine = await front.recognisedUkraine(plan.worldAtlas);
	const ukraineKm2 = front.km2(ukraine);
	const lines: string[] = [];
	const lengthsOf = (shape: Feature<Polygon | MultiPolygon> | MultiPolygon) => frontLengths(frontLine(shape, ukraine));
	for (const day of plan.incoming) {
		const areaKm2 = front.km2(day.occupied);
		const lengths = lengthsOf(day.occupied);
		lines.push(`${day.asOf} (${day.source}): occupied ${km(areaKm2)} km², ${((100 * areaKm2) / ukraineKm2).toFixed(2)}% of Ukraine`);
		const before = [...available.keys()]
			.filter((d) => d < day.asOf)
			.sort()
			.at(-1);
		if (before === undefined) lines.push('  the first snapshot: nothing to compare with');
		else {
			const name = `deepstatemap_data_${compact(before)}.geojson`;
			const previous = await front.readSnapshot(join(snapshots, name), name);
			const change = areaChange(previous, day.occupied);
			const row = existing.find((v) => v.asOf === before);
			const was = row ? { rawKm: row.frontKm, smoothedKm: row.frontSmoothedKm } : lengthsOf(previous);
			lines.push(
				`  against ${before}: ${signed(areaKm2 - front.km2(previous))} km² (gained ${km(change.gainedKm2)} km², lost ${km(change.lostKm2)} km²)`,
				`  front ${km(lengths.rawKm)} km at DeepState's resolution (${signed(lengths.rawKm - was.rawKm)}), ${km(lengths.smoothedKm)} km smoothed to 3 km (${signed(lengths.smoothedKm - was.smoothedKm)})`
			);
		}
		if (day.unknown) lines.push(`  unknown status (grey): ${km(front.km2(day.unknown))} km², kept in geodata/${front.FRONT_DIR}/${unknownFile(day.asOf)}`);
		if (existing.some((v) => v.asOf === day.asOf)) lines.push(`  replaces the atlas's version of ${day.asOf}`);
	}
	return lines;
}

/** DeepState's grey areas of a day as a file beside the front's, with the same properties. */
function unknownText(asOf: string, unknown: MultiPolygon): string {
	const feature: Feature = {
		type: 'Feature',
		properties: {
			id: `unknown-${asOf}`,
			name: `Area of unknown status, ${front.longDate(asOf)} (DeepState)`,
			name_uk: `Територія з невідомим статусом, ${front.longDateUk(asOf)} (DeepState)`,
			sources: front.SOURCES,
			confidence: front.CONFIDENCE,
			asOf,
			approximate: true,
			precisionKm: front.SCREEN_TOLERANCE_KM,
			areaKm2: front.round(front.km2(unknown), front.FIGURE_DECIMALS),
			note: "DeepStateMap.Live's grey areas of unknown status (since 2026, where Russian forces have infiltrated): neither side's, and not counted in the occupied area or its figures.",
			note_uk:
				'Сірі зони DeepStateMap.Live зі статусом «невідомо» (з 2026 року там, куди просочилися російські сили): нічиї, до окупованої території та її показників не враховані.'
		},
		geometry: front.forScreen(unknown)
	};
	return front.collection([feature]);
}

/** import-front on every snapshot, into a scratch geodata/ holding only what it reads. */
async function stage(root: string, snapshots: string, scratch: string, worldAtlas?: string): Promise<void> {
	await mkdir(join(scratch, front.FRONT_DIR), { recursive: true });
	for (const name of ['sources.json', 'layers.json']) await copyFile(join(root, name), join(scratch, name));
	// the oblasts each snapshot's shares are measured against
	if (existsSync(join(root, front.OBLASTS_FILE))) {
		await mkdir(join(scratch, 'basemap'), { recursive: true });
		await copyFile(join(root, front.OBLASTS_FILE), join(scratch, front.OBLASTS_FILE));
	}
	await front.importFront(snapshots, scratch, { worldAtlas });
}

interface Changes {
	/** front/ files to write, by name; versions.json last, so that it never names a file not yet there */
	front: { name: string; content: string }[];
	layers: string | null;
	store: { name: string; content: Buffer }[];
	removed: string[];
}

/** What the import and the day's grey areas change against geodata/ as it is, file by file. */
async function changesOf(plan: UpdatePlan, scratch: string, snapshots: string, available: Available): Promise<Changes> {
	const dir = join(plan.root, front.FRONT_DIR);
	const current = async (path: string) => (existsSync(path) ? readFile(path, 'utf8') : null);
	const made = new Map<string, string>();
	for (const name of await readdir(join(scratch, front.FRONT_DIR))) made.set(name, await readFile(join(scratch, front.FRONT_DIR, name), 'utf8'));
	for (const day of plan.incoming) if (day.unknown) made.set(unknownFile(day.asOf), unknownText(day.asOf, day.unknown));
	const changes: Changes = { front: [], layers: null, store: [], removed: [] };
	for (const [name, content] of [...made].sort(([a], [b]) => Number(a === front.VERSIONS_FILE) - Number(b === front.VERSIONS_FILE)))
		if ((await current(join(dir, name))) !== content) changes.front.push({ name, content });
	const layers = await readFile(join(scratch, 'layers.json'), 'utf8');
	if ((await current(join(plan.root, 'layers.json'))) !== layers) changes.layers = layers;
	const present = existsSync(dir) ? await readdir(dir) : [];
	changes.removed = present.filter((n) => (SERIES_FILE.test(n) && !made.has(n)) || plan.incoming.some((d) => !d.unknown && n === unknownFile(d.asOf)));
	for (const [asOf, from] of available) {
		if (from === `geodata/${STORE_DIR}`) continue;
		const name = `deepstatemap_data_${compact(asOf)}.geojson`;
		const content = gzipSync(await readFile(join(snapshots, name)), { level: 9 });
		const stored = join(plan.root, STORE_DIR, `${name}.gz`);
		if (!existsSync(stored) || !(await readFile(stored)).equals(content)) changes.store.push({ name: `${name}.gz`, content });
	}
	return changes;
}

/** The store first (inputs only), then front/ together, then the manifest; each set atomically. */
async function writeChanges(root: string, changes: Changes): Promise<string[]> {
	const store = join(root, STORE_DIR);
	if (changes.store.length) await mkdir(store, { recursive: true });
	// each stored snapshot is whole or absent (a rename); a set half written only means fewer inputs kept
	for (const { name, content } of changes.store) {
		await writeFile(join(store, `.${name}.tmp`), content);
		await rename(join(store, `.${name}.tmp`), join(store, name));
	}
	if (changes.front.length) await writeFilesAtomically(join(root, front.FRONT_DIR), changes.front);
	if (changes.layers !== null) await writeFilesAtomically(root, [{ name: 'layers.json', content: changes.layers }]);
	for (const name of changes.removed) await rm(join(root, front.FRONT_DIR, name));
	return [
		...changes.store.map((s) => `${STORE_DIR}/${s.name}`),
		...changes.front.map((f) => `${front.FRONT_DIR}/${f.name}`),
		...(changes.layers !== null ? ['layers.json'] : []),
		...changes.removed.map((n) => `${front.FRONT_DIR}/${n}: removed`)
	];
}

/**
 * Adds the days in `plan.incoming` (and any new snapshot in `plan.folders`) to the series in
 * `plan.root`, recomputing every version's files and figures as import-front does; checks the
 * result as the build does and writes it, or with `dryRun` only says what would change.
 */
export async function updateFront(plan: UpdatePlan): Promise<UpdateResult> {
	const lines: string[] = [];
	const existing = await readVersions(plan.root);
	const scratch = await mkdtemp(join(tmpdir(), 'atlas-update-'));
	try {
		const snapshots = join(scratch, 'snapshots');
		const { available, problems } = await gatherSnapshots(plan, snapshots);
		problems.push(...coverProblems(existing, available, plan), ...jumpProblems(existing, plan, lines));
		if (problems.length > 0) return { problems, lines, written: [] };
		lines.push(...(await summarise(plan, existing, snapshots, available)));
		if (plan.dryRun) return { problems: [], lines: [...lines, 'dry run: nothing written'], written: [] };

		await stage(plan.root, snapshots, join(scratch, 'geodata'), plan.worldAtlas);
		const changes = await changesOf(plan, join(scratch, 'geodata'), snapshots, available);
		if (!changes.front.length && changes.layers === null && !changes.store.length && !changes.removed.length)
			return { problems: [], lines: [...lines, 'nothing changed: geodata/ already holds this'], written: [] };
		const overlay = Object.fromEntries(changes.front.map((f) => [`${front.FRONT_DIR}/${f.name}`, f.content]));
		if (changes.layers !== null) overlay['layers.json'] = changes.layers;
		const checked = await checkGeodata(plan.root, overlay);
		if (checked.problems.length > 0) return { problems: checked.problems, lines, written: [] };
		const written = await writeChanges(plan.root, changes);
		const series = (await readVersions(plan.root)).length;
		return {
			problems: [],
			lines: [
				...lines,
				...written.map((w) => (w.endsWith(': removed') ? `removed geodata/${w.slice(0, -': removed'.length)}` : `wrote geodata/${w}`)),
				`the series has ${series} version(s); geodata/ passes the build's checks`
			],
			written
		};
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}
