// `npm run update`: DeepState's map of the day into the front's series (geodata/front/), by hand or
// on a schedule (.ci/update-front.yml, .ci/update-front.sh). Opt-in: nothing else in the project
// fetches it, no build and no test. The reading is scripts/lib/deepstateFeed.ts, the rest
// scripts/lib/feedUpdate.ts; this file is the options and the printout.
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatExcerpt, formatProblem, problem, type Problem } from '../src/lib/manifest/errors';
import { recoverInterruptedWrite } from './lib/atomicWrite';
import { API_URL, dateOf, kyivDay, MIRROR_BASE, mirrorUrl, readFeed, readJson, type Box } from './lib/deepstateFeed';
import { updateFront, type Incoming } from './lib/feedUpdate';
import { FRONT_DIR, readSnapshot, recognisedUkraine, SNAPSHOT_FILE, VERSIONS_FILE } from './lib/importFront';
import bbox from '@turf/bbox';

const USAGE = `Usage: npm run update -- [options]
  Adds DeepState's map of the day to the front's series in geodata/front/: the occupied area, the
  front line and the change, every version's figures recomputed as import-front does, the build's
  checks run, the files written together; prints the area gained and lost and the front's length
  against the version before. DeepState's grey "unknown status" areas are kept beside them
  (geodata/front/unknown-<date>.geojson). Exits 1, writing nothing, on any problem.

  Where the map comes from (one of; the default is DeepState's API):
      --from <url|file>        DeepState's answer ({ "map": { "features" } }) or a FeatureCollection
                               (default: ${API_URL})
      --mirror-commit <sha>    cyterat/deepstate-map-data's daily files at this commit, one a --date:
                               the days the atlas missed, reproducibly
      --mirror-base <url>      where that repository's raw files are (default: ${MIRROR_BASE})
      --from-folder <dir>      a folder of deepstatemap_data_YYYYMMDD.geojson, as import-front takes it
  Options:
      --date <YYYY-MM-DD>      the map's day (repeatable with --mirror-commit); by default the answer's
                               own date (datetime, createdAt or id, in Kyiv), else today in Kyiv
      --snapshots <dir>        a folder of the snapshots the series was made from, repeatable
                               (default: ../shared/data/deepstate where it exists; the update keeps
                               its own gzipped copies in geodata/front/snapshots/)
      --timeout-ms <ms>        how long to wait for an answer (default 30000)
      --dry-run                say what would change; write nothing
      --force                  import an occupied area more than 5% off the version before it
      --root <dir>             another geodata folder (also ATLAS_GEODATA=dir); tests use this

  Licence: DeepStateMap.live's map, its API and its content are covered by its License Agreement
  (https://deepstatemap.live/license-en.html). It gives the API free to volunteer, charitable and
  defence-of-Ukraine work and says other uses depend on the user's field of activity: a newsroom
  must check its own terms with DeepState before fetching on a schedule. The source is the
  newsroom's choice: DeepState's API (--from), or the public mirror cyterat/deepstate-map-data
  (GPL 3.0; --mirror-commit).`;

const options = {
	from: { type: 'string' },
	'from-folder': { type: 'string' },
	'mirror-commit': { type: 'string' },
	'mirror-base': { type: 'string' },
	date: { type: 'string', multiple: true },
	snapshots: { type: 'string', multiple: true },
	'timeout-ms': { type: 'string' },
	'dry-run': { type: 'boolean' },
	force: { type: 'boolean' },
	root: { type: 'string' },
	help: { type: 'boolean', short: 'h' }
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof options }>>['values'];

const DEFAULT_SNAPSHOTS = new URL('../../shared/data/deepstate', import.meta.url).pathname;
const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

function report(header: string, problems: Problem[]) {
	console.error(header);
	for (const p of problems) {
		console.error(`  ${formatProblem(p)}`);
		for (const line of formatExcerpt(p)) console.error(`    ${line}`);
	}
}

/** The options' own problems, each naming its option. */
function optionProblems(values: Values): Problem[] {
	const problems: Problem[] = [];
	const sources = (['from', 'from-folder', 'mirror-commit'] as const).filter((o) => values[o] !== undefined);
	if (sources.length > 1) problems.push(problem(`--${sources[1]}`, '', `one source at a time: --${sources[0]} is given too`));
	for (const date of values.date ?? [])
		if (!ISO_DAY.test(date) || Number.isNaN(Date.parse(date))) problems.push(problem('--date', '', `a day like "2026-10-11" expected, "${date}" found`));
	if (values['mirror-commit'] !== undefined && !/^[0-9a-f]{7,40}$/i.test(values['mirror-commit']))
		problems.push(
			problem('--mirror-commit', '', `a commit (7 to 40 hex digits) expected, "${values['mirror-commit']}" found: a branch would not be reproducible`)
		);
	if (values['mirror-commit'] !== undefined && !values.date?.length)
		problems.push(problem('--date', '', 'which days to read from the mirror: give --date, once a day'));
	if (values['mirror-commit'] === undefined && (values.date?.length ?? 0) > 1)
		problems.push(problem('--date', '', 'one day a map: several only with --mirror-commit'));
	const timeout = Number(values['timeout-ms'] ?? 30_000);
	if (!Number.isInteger(timeout) || timeout <= 0)
		problems.push(problem('--timeout-ms', '', `a whole number of milliseconds expected, "${values['timeout-ms']}" found`));
	return problems;
}

/** The day's maps from DeepState's API, an address or file in its shape, or the mirror at a commit. */
async function readDays(values: Values, box: Box, here: string): Promise<{ incoming: Incoming[]; problems: Problem[]; lines: string[] }> {
	const timeoutMs = Number(values['timeout-ms'] ?? 30_000);
	const commit = values['mirror-commit'];
	const local = (s: string) => (/^https?:\/\//i.test(s) ? s : resolve(here, s));
	const wanted = commit
		? values.date!.map((asOf) => ({ source: mirrorUrl(values['mirror-base'] ?? MIRROR_BASE, commit, asOf), asOf }))
		: [{ source: local(values.from ?? API_URL), asOf: values.date?.[0] }];
	const incoming: Incoming[] = [];
	const problems: Problem[] = [];
	const lines: string[] = [];
	for (const { source, asOf } of wanted) {
		const read = await readJson(source, timeoutMs);
		const { feed, problems: found } = read.json === undefined ? { problems: read.problems } : readFeed(read.json, source, box);
		problems.push(...found);
		if (!feed) continue;
		const dated = asOf ? { asOf, from: '--date' } : (dateOf(read.json) ?? { asOf: kyivDay(new Date()), from: "today's date in Kyiv: the answer gives none" });
		const counts = Object.entries(feed.counts).map(([what, n]) => `${n} ${what}`);
		lines.push(`read ${source}: ${counts.join(', ')}; dated ${dated.asOf} (${dated.from})`);
		incoming.push({ asOf: dated.asOf, occupied: feed.occupied, unknown: feed.unknown, source });
	}
	return { incoming, problems, lines };
}

/** --from-folder: the folder's snapshots that the series does not have yet are the new days. */
async function folderDays(folder: string, root: string): Promise<Incoming[]> {
	const versions = join(root, FRONT_DIR, VERSIONS_FILE);
	const known = new Set(existsSync(versions) ? (JSON.parse(await readFile(versions, 'utf8')) as { asOf: string }[]).map((v) => v.asOf) : []);
	const days: Incoming[] = [];
	for (const name of (await readdir(folder)).sort()) {
		const match = SNAPSHOT_FILE.exec(name);
		const asOf = match && `${match[1]}-${match[2]}-${match[3]}`;
		if (!asOf || known.has(asOf)) continue;
		const shape = await readSnapshot(join(folder, name), name);
		const g = shape.geometry;
		days.push({ asOf, occupied: g.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [g.coordinates] } : g, unknown: null, source: join(folder, name) });
	}
	return days;
}

async function main(): Promise<number> {
	let values: Values;
	try {
		values = parseArgs({ args: process.argv.slice(2), options }).values;
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 1;
	}
	if (values.help) {
		console.log(USAGE);
		return 0;
	}
	// npm runs scripts from the package root; paths are relative to where they were typed
	const here = process.env.INIT_CWD ?? process.cwd();
	const root = resolve(here, values.root ?? process.env.ATLAS_GEODATA ?? new URL('../geodata', import.meta.url).pathname);
	const optionsWrong = optionProblems(values);
	if (optionsWrong.length > 0) {
		report(`${optionsWrong.length} problem(s) with the options; nothing was fetched or written:`, optionsWrong);
		return 1;
	}
	// a `npm run layer` write under way is waited for a while, an interrupted one finished or undone
	for (const dir of [root, join(root, FRONT_DIR)]) {
		const recovery = await recoverInterruptedWrite(dir, { waitMs: Number(process.env.ATLAS_LAYER_WAIT_MS ?? 15_000) });
		if (recovery && 'busy' in recovery) {
			report('geodata/ is being written; nothing was written:', [recovery.busy]);
			return 1;
		}
		if (recovery && 'stuck' in recovery) {
			report('geodata/ holds an interrupted write; nothing was written:', [recovery.stuck]);
			return 1;
		}
		if (recovery) console.log(`recovered: ${recovery.recovered}`);
	}

	const ukraine = await recognisedUkraine();
	const [w, s, e, n] = bbox(ukraine);
	// a margin for DeepState's border, 0.1° (about 10 km) off Natural Earth's at most
	const box: Box = [w - 0.1, s - 0.1, e + 0.1, n + 0.1];
	const folder = values['from-folder'] && resolve(here, values['from-folder']);
	const read = folder ? { incoming: await folderDays(folder, root), problems: [], lines: [`read ${folder}`] } : await readDays(values, box, here);
	for (const line of read.lines) console.log(line);
	if (read.problems.length > 0) {
		report(`${read.problems.length} problem(s) reading DeepState's map; nothing was written:`, read.problems);
		return 1;
	}
	if (read.incoming.length === 0) {
		console.log('no new snapshot: nothing to do');
		return 0;
	}
	const folders = folder ? [folder] : (values.snapshots?.map((d) => resolve(here, d)) ?? (existsSync(DEFAULT_SNAPSHOTS) ? [DEFAULT_SNAPSHOTS] : []));
	const result = await updateFront({ root, folders, incoming: read.incoming, dryRun: values['dry-run'], force: values.force });
	for (const line of result.lines) console.log(line);
	if (result.problems.length > 0) {
		report(`${result.problems.length} problem(s); nothing was written:`, result.problems);
		return 1;
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`update: ${process.env.DEBUG ? (error as Error).stack : (error as Error).message}`);
		process.exit(1);
	}
);
