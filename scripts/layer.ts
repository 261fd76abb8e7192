// The editors' command: `npm run layer -- add <file> …` and `npm run layer -- check`.
// geodata/ is the repository's unless --root or ATLAS_GEODATA names another folder (tests use a
// copy). ATLAS_LAYER_CRASH=<step> (journal-written, temps-written, renamed-1, renamed-2) kills the
// process at that step of a write, so tests can interrupt one for real; ATLAS_LAYER_PAUSE=<step>
// stops it there (SIGSTOP), so a test can run a second command beside a live write.
// ATLAS_LAYER_WAIT_MS: how long to wait for another run's write to end (default 15 s).
import { parseArgs } from 'node:util';
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { formatExcerpt, formatProblem, type Problem } from '../src/lib/manifest/errors';
import { KINDS } from '../src/lib/manifest/schema';
import { readFile } from 'node:fs/promises';
import { addLayer } from './lib/addLayer';
import { applyBundle } from './lib/applyBundle';
import { clearStaleIndexLock, commitMessage, commitWritten } from './lib/gitCommit';
import { parseJson } from '../src/lib/manifest/jsonSyntax';
import { lockGeodata, recoverInterruptedWrite } from './lib/atomicWrite';
import { checkGeodata } from './lib/checkGeodata';
import { importFront } from './lib/importFront';
import { SLICE_ABOVE } from '../src/lib/manifest/geojsonText';
import { MAX_FILE_BYTES } from '../src/lib/editor/importClient';
import { ukrainianWarnings } from '../src/lib/manifest/ukrainianGaps';

const USAGE = `Usage:
  npm run layer -- add <file> --title "…" --kind <kind> [options]
      Checks and normalises a GeoJSON, TopoJSON or CSV file (columns lon/lat or longitude/latitude;
      a row's date column is its date, its source or url column its source), copies it to
      geodata/<id>.geojson and adds the layer to geodata/layers.json. geojson.io's colours
      (fill, stroke, marker-color) become the layer's colour where the features agree.
      --title <text>            the layer's name in the legend (required)
      --kind <kind>             ${KINDS.join(', ')} (required)
      --id <slug>               the layer's id and file name (default: from the file name)
      --source <key|address>    a key of geodata/sources.json, or a web address (it becomes an entry there:
                                publisher from the bibliography or the site's name, date from the address
                                or the row's date column), repeatable; also the source of every feature
                                citing none (default: every source the features cite)
      --confidence <level>      confirmed, reported or uncertain, for every feature giving none
      --name-from <column>      the column (property) each feature's name comes from; a feature with none is
                                called after the layer ("Title 2"), with a warning
      --only-kind               take only the features the kind draws (a geojson.io file of points and lines:
                                add it once with --kind point, once with --kind line and another --id)
      --events                  the features' dates are events (incidents) the time slider counts and filters;
                                without it a layer's dates are shown on its cards only
      --description <text>      one or two sentences for the legend
      --as-of <date>            when the layer as a whole held, like 2025-09-04 (with --source <address>,
                                --confidence or --name-from, also every feature's as-of where it gives none)
      --color <#rrggbb>         the layer's colour
      --renderer <maplibre|deck>  deck draws many points faster (point layers only)
      --radius-property <name>  zone: the property holding the radius in km (default: radiusKm)
      --join-property <name>    choropleth: the property holding the ISO 3166-1 numeric code (default: isoN3)
      --force                   replace an existing layer's data (fields you do not pass are kept)
  npm run layer -- check [--ukrainian]
      Checks geodata/ as the build does. Both commands exit 1 on any problem.
      --ukrainian               also lists, as warnings, the texts with no Ukrainian beside them (the
                                Ukrainian atlas shows them in English)
  npm run layer -- apply <bundle.json> [--commit]
      Applies a publish bundle downloaded from the editor (layer, manifest entry, new sources)
      exactly as the editor's save does: the same checks, the same atomic write.
      --commit                  commit the files written (git), naming the layer and the editor
  npm run layer -- import-front <folder>
      Reads DeepState's snapshots (deepstatemap_data_YYYYMMDD.geojson) in <folder> and writes the
      occupied area, front line and change of each, and versions.json, to geodata/front/.
  Any command: --root <dir> uses another geodata folder.`;

const options = {
	root: { type: 'string' },
	id: { type: 'string' },
	title: { type: 'string' },
	kind: { type: 'string' },
	source: { type: 'string', multiple: true },
	description: { type: 'string' },
	'as-of': { type: 'string' },
	confidence: { type: 'string' },
	'name-from': { type: 'string' },
	'only-kind': { type: 'boolean' },
	events: { type: 'boolean' },
	color: { type: 'string' },
	renderer: { type: 'string' },
	'radius-property': { type: 'string' },
	'join-property': { type: 'string' },
	force: { type: 'boolean' },
	commit: { type: 'boolean' },
	ukrainian: { type: 'boolean' },
	help: { type: 'boolean', short: 'h' }
} as const;

const megabytes = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** How far the check of a large file has got, on stderr, each tenth once. */
function progressOf(name: string) {
	let shown = -1;
	return (done: number, total: number) => {
		const tenth = Math.floor((10 * done) / total);
		if (tenth === shown) return;
		shown = tenth;
		console.error(`checking ${name}: ${tenth * 10}% (${done} of ${total} features)`);
	};
}

function report(header: string, problems: Problem[]) {
	console.error(header);
	for (const p of problems) {
		console.error(`  ${formatProblem(p)}`);
		// the line itself, with a caret under the column: JSON that does not parse
		for (const line of formatExcerpt(p)) console.error(`    ${line}`);
	}
}

async function main(): Promise<number> {
	let args;
	try {
		args = parseArgs({ args: process.argv.slice(2), options, allowPositionals: true });
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		return 1;
	}
	const { values, positionals } = args;
	const [command, ...rest] = positionals;
	if (values.help || command === 'help') {
		console.log(USAGE);
		return 0;
	}
	// npm runs scripts from the package root; the editor's paths are relative to where they typed
	const here = process.env.INIT_CWD ?? process.cwd();
	const root = resolve(here, values.root ?? process.env.ATLAS_GEODATA ?? new URL('../geodata', import.meta.url).pathname);
	if (command !== 'add' && command !== 'check' && command !== 'import-front' && command !== 'apply') {
		console.error(`${command === undefined ? 'No command given.' : `Unknown command "${command}".`}\n\n${USAGE}`);
		return 1;
	}
	// another run's write still under way is waited for a while, never undone; a command that writes
	// holds geodata/ from its first read to its last write, so that no other writer reads a manifest
	// about to change (two at once each added their layer to the same manifest, and one was lost)
	const waitMs = Number(process.env.ATLAS_LAYER_WAIT_MS ?? 15_000);
	const writes = command === 'add' || command === 'apply';
	// the lock is a file in geodata/: a folder that is not there is said so, not a stack trace
	if (writes && !existsSync(join(root, 'layers.json'))) {
		const message = `not found in ${root}: --root (or ATLAS_GEODATA) names the geodata folder`;
		report(`${rest[0] ?? command} has 1 problem; nothing was written:`, [{ file: 'geodata/layers.json', field: '', message }]);
		return 1;
	}
	const commits = command === 'apply' && values.commit === true;
	const recovery = writes ? await lockGeodata(root, { waitMs, commits }) : await recoverInterruptedWrite(root, { waitMs, keepUncommitted: true });
	if (recovery && 'busy' in recovery) {
		report(`geodata/ is being written; ${command === 'check' ? 'it was not checked' : 'nothing was written'}:`, [recovery.busy]);
		return 1;
	}
	if (recovery && 'stuck' in recovery) {
		report(`geodata/ holds an interrupted write; ${command === 'check' ? 'it was not checked' : 'nothing was written'}:`, [recovery.stuck]);
		return 1;
	}
	if (recovery?.recovered) console.log(`recovered: ${recovery.recovered}`);
	const held = recovery && 'lock' in recovery ? recovery : null;
	// what `apply --commit` wrote stays listed in the journal until it is committed
	const outcome = { committed: true };
	try {
		return await run(command, rest, values, root, here, held, outcome);
	} finally {
		await held?.lock.release(outcome);
	}
}

type Values = ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>['values'];
type Held = Extract<Awaited<ReturnType<typeof lockGeodata>>, { lock: unknown }>;

async function run(
	command: string,
	rest: string[],
	values: Values,
	root: string,
	here: string,
	held: Held | null,
	outcome: { committed: boolean }
): Promise<number> {
	if (command === 'check') return check(root, values.ukrainian === true);
	if (command === 'import-front') return importFrontInto(rest, here, root);

	if (rest.length !== 1) {
		console.error(`${command} takes one file, ${rest.length} given.\n\n${USAGE}`);
		return 1;
	}
	const input = resolve(here, rest[0]);
	const size = existsSync(input) ? statSync(input).size : 0;
	// the editor's limit, before a byte is read: 205 MB once took 115 s and 4.15 GB, then ran out of memory
	if (size > MAX_FILE_BYTES) {
		const mib = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
		const message = `${mib(size)}: files up to ${mib(MAX_FILE_BYTES)} are taken, here as in the editor; simplify it (mapshaper, QGIS) or split it into several layers`;
		report(`${rest[0]} has 1 problem; nothing was written:`, [{ file: rest[0], field: '', message }]);
		return 1;
	}
	if (command === 'apply') return apply(input, rest[0], root, values.commit === true ? held : null, outcome);
	return add(input, rest[0], size, root, values);
}

/** `check`: geodata/ checked as the build checks it; with `ukrainian`, the texts with no Ukrainian as warnings. */
async function check(root: string, ukrainian: boolean): Promise<number> {
	const data = await checkGeodata(
		root,
		{},
		{
			onRead: (name, bytes) => bytes > SLICE_ABOVE && console.error(`checking geodata/${name} (${megabytes(bytes)}) in slices`)
		}
	);
	if (data.problems.length > 0) {
		report(`geodata has ${data.problems.length} problem(s):`, data.problems);
		return 1;
	}
	if (ukrainian) for (const line of ukrainianWarnings(data.layers)) console.log(line);
	const features = data.layers.reduce((n, l) => n + l.data.features.length, 0);
	const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
	console.log(
		`geodata: ${count(data.layers.length, 'layer')}, ${count(features, 'feature')}, ${count(Object.keys(data.citable).length, 'source')}: no problems`
	);
	return 0;
}

/** `import-front <folder>`: DeepState's snapshots into geodata/front/ and the manifest. */
async function importFrontInto(rest: string[], here: string, root: string): Promise<number> {
	if (rest.length !== 1) {
		console.error(`import-front takes one folder, ${rest.length} given.\n\n${USAGE}`);
		return 1;
	}
	try {
		const { versions, done } = await importFront(resolve(here, rest[0]), root);
		for (const line of done) console.log(line);
		console.log(`imported ${versions.length} snapshot(s), ${versions[0].asOf} to ${versions[versions.length - 1].asOf}`);
		return 0;
	} catch (error) {
		console.error(`import-front: ${process.env.DEBUG ? (error as Error).stack : (error as Error).message}`);
		return 1;
	}
}

/** `add <file>`: the file checked, normalised and written into geodata/ with its manifest entry. */
async function add(input: string, name: string, size: number, root: string, values: Values): Promise<number> {
	if (size > SLICE_ABOVE) console.error(`reading ${name} (${megabytes(size)}): a large file is checked in slices`);
	const crashAt = process.env.ATLAS_LAYER_CRASH;
	const pauseAt = process.env.ATLAS_LAYER_PAUSE;
	const result = await addLayer(
		{
			input,
			inputName: name,
			id: values.id,
			title: values.title,
			kind: values.kind,
			sources: values.source,
			description: values.description,
			asOf: values['as-of'],
			confidence: values.confidence,
			nameFrom: values['name-from'],
			onlyKind: values['only-kind'],
			events: values.events,
			color: values.color,
			renderer: values.renderer,
			radiusProperty: values['radius-property'],
			joinProperty: values['join-property'],
			force: values.force
		},
		root,
		{
			onProgress: progressOf(name),
			onStep: (step) => {
				if (step === crashAt) process.kill(process.pid, 'SIGKILL');
				if (step === pauseAt) process.kill(process.pid, 'SIGSTOP');
			}
		}
	);
	if (result.read) console.log(result.read);
	for (const w of result.warnings) console.log(`warning: ${formatProblem(w)}`);
	if (result.problems.length > 0) {
		report(`${name} has ${result.problems.length} problem(s); nothing was written:`, result.problems);
		return 1;
	}
	for (const line of result.done) console.log(line);
	return 0;
}

/** `commit`: the lock it holds, when it is to commit what it wrote (and what an interrupted save or apply left uncommitted). */
async function apply(path: string, name: string, root: string, commit: Held | null, outcome: { committed: boolean }): Promise<number> {
	const text = await readFile(path, 'utf8').catch(() => null);
	const parsed = text === null ? { problem: { file: name, field: '', message: 'not found' } } : parseJson(text, name);
	if (parsed.problem !== undefined) {
		report(`${name} has 1 problem; nothing was written:`, [parsed.problem ?? { file: name, field: '', message: 'not valid JSON' }]);
		return 1;
	}
	const result = await applyBundle(parsed.json, root, { name });
	for (const w of result.warnings) console.log(`warning: ${formatProblem(w)}`);
	if (result.problems.length > 0) {
		report(`${name} has ${result.problems.length} problem(s); nothing was written:`, result.problems);
		return 1;
	}
	for (const line of result.done) console.log(line);
	if (commit && result.layer) {
		const pending = commit.lock.uncommitted();
		const carried = commit.uncommitted?.files ?? [];
		const cleared = commit.uncommitted ? await clearStaleIndexLock(root, commit.uncommitted.since, commit.uncommitted.pid) : null;
		if (cleared) console.log(cleared);
		try {
			console.log(`committed ${await commitWritten(root, pending, commitMessage(result.layer, pending, carried))}`);
		} catch (error) {
			outcome.committed = false;
			console.error(`the files are written, but git did not commit them (the next save or apply --commit will): ${(error as Error).message.trim()}`);
			return 1;
		}
	}
	return 0;
}

main().then(
	(code) => process.exit(code),
	(error) => {
		console.error(`layer: ${(error as Error).stack ?? error}`);
		process.exit(1);
	}
);
