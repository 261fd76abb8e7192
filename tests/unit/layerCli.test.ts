import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { recoverInterruptedWrite, writeFilesAtomically } from '../../scripts/lib/atomicWrite';
import { checkGeodata } from '../../scripts/lib/checkGeodata';
import { formatProblem } from '../../src/lib/manifest/errors';

// The command runs as editors run it, in a child process, against a copy of a small geodata/
// (tests/fixtures/layer/geodata: the hubs layer and its sources), never the real one.
const FIXTURES = 'tests/fixtures/layer';
let root: string;

beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'atlas-layer-'));
	cpSync(join(FIXTURES, 'geodata'), root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function layer(args: string[], env: Record<string, string> = {}) {
	// one process (tsx's own launcher would add a second), so a crash is seen as the signal it was
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', root], {
		encoding: 'utf8',
		env: { ...process.env, INIT_CWD: process.cwd(), ...env }
	});
	const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
	return { status: run.status, signal: run.signal, out: lines(run.stdout), err: lines(run.stderr) };
}

/** `layer` without waiting for it: resolves with what `layer` returns once the process exits. */
function layerAsync(args: string[], env: Record<string, string> = {}) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', root], {
		env: { ...process.env, INIT_CWD: process.cwd(), ...env }
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
	child.stderr.setEncoding('utf8').on('data', (text) => (stderr += text));
	const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
	const done = new Promise<ReturnType<typeof layer>>((resolve) =>
		child.on('close', (status, signal) => resolve({ status, signal, out: lines(stdout), err: lines(stderr) }))
	);
	return { child, done };
}

/** Resolves once the process is stopped (state T in /proc), as ATLAS_LAYER_PAUSE leaves it. */
async function stopped(pid: number) {
	for (let i = 0; i < 300; i++) {
		if (/^\d+ \(.*\) T/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'))) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error(`process ${pid} never stopped`);
}

/** Every file in the folder with its bytes, to compare before and after. */
const snapshot = () => Object.fromEntries(readdirSync(root).map((name) => [name, readFileSync(join(root, name), 'utf8')]));
const manifest = () => JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8'));
const addSummits = (...extra: string[]) => layer(['add', `${FIXTURES}/summits.csv`, '--title', 'Summits', '--kind', 'point', ...extra]);

describe('layer add', { timeout: 60_000 }, () => {
	it('adds a CSV as a layer: data in geodata/, an entry in the manifest, and says so', () => {
		const before = manifest();
		const run = addSummits('--color', '#6b46c1');
		expect(run.err).toEqual([]);
		expect(run.out).toEqual([
			`read ${FIXTURES}/summits.csv (CSV)`,
			'warning: --as-of: not given: the layer is as of 2025-09-10, the latest asOf of its features',
			// summits with a date are not incidents: the time slider leaves them alone unless --events says so
			"warning: --events: not given: the features' dates are shown on their cards, and the time slider neither counts nor filters them (pass --events for incidents)",
			'wrote geodata/summits.geojson: 2 features (Point: 2), bbox [-0.1276, 48.870431, 2.316583, 51.5072]',
			'added layers[1] "summits" (point) in geodata/layers.json, citing news-2025-03-ironclad-guarantees, news-2025-09-04-allies-gather-paris, insightnews-2025-09-declarations-vs-commitments'
		]);
		expect(run.status).toBe(0);
		const golden = join(FIXTURES, 'expected/summits.geojson');
		if (process.env.UPDATE) writeFileSync(golden, readFileSync(join(root, 'summits.geojson'), 'utf8'));
		expect(readFileSync(join(root, 'summits.geojson'), 'utf8')).toBe(readFileSync(golden, 'utf8'));
		expect(manifest()).toEqual({
			...before,
			layers: [
				...before.layers,
				{
					id: 'summits',
					title: 'Summits',
					kind: 'point',
					file: 'summits.geojson',
					style: { color: '#6b46c1' },
					events: false,
					sources: ['news-2025-03-ironclad-guarantees', 'news-2025-09-04-allies-gather-paris', 'insightnews-2025-09-declarations-vs-commitments'],
					asOf: '2025-09-10'
				}
			]
		});
		expect(layer(['check'])).toEqual({ status: 0, signal: null, out: ['geodata: 2 layers, 3 features, 4 sources: no problems'], err: [] });
	});

	it('check --ukrainian lists the texts with no Ukrainian as warnings, and still passes', () => {
		expect(layer(['check', '--ukrainian'])).toEqual({
			status: 0,
			signal: null,
			out: [
				'warning: 1 place(s) without Ukrainian (the Ukrainian atlas shows them in English):',
				`  geodata/layers.json: layer "hubs": no i18n.uk (the layer's title and texts in Ukrainian)`,
				'geodata: 1 layer, 1 feature, 4 sources: no problems'
			],
			err: []
		});
	});

	it('normalises GeoJSON on the way in, warning about each change', () => {
		const run = layer([
			'add',
			`${FIXTURES}/test-area.geojson`,
			'--title',
			'Test area',
			'--kind',
			'fill',
			'--id',
			'area',
			'--source',
			'insightnews-2025-09-declarations-vs-commitments'
		]);
		expect(run.status).toBe(0);
		expect(run.out.slice(0, 3)).toEqual([
			`read ${FIXTURES}/test-area.geojson (GeoJSON)`,
			`warning: ${FIXTURES}/test-area.geojson: a third coordinate (elevation) dropped from 1 feature: features[0] (test-area)`,
			`warning: ${FIXTURES}/test-area.geojson: 1 ring rewound to the right-hand rule (outer rings counter-clockwise, holes clockwise) in 1 feature: features[0] (test-area)`
		]);
		const written = JSON.parse(readFileSync(join(root, 'area.geojson'), 'utf8'));
		expect(written.bbox).toEqual([30, 50, 31.123457, 51]);
		expect(written.features[0].geometry.coordinates).toEqual([
			[
				[30, 50],
				[31.123457, 50],
				[31.123457, 51],
				[30, 51],
				[30, 50]
			]
		]);
	});

	it('reads a file that starts with a UTF-8 byte-order mark, GeoJSON or CSV, like the one without', () => {
		const cases: [string, string[]][] = [
			['test-area.geojson', ['--kind', 'fill', '--id', 'area', '--source', 'insightnews-2025-09-declarations-vs-commitments']],
			['summits.csv', ['--kind', 'point', '--id', 'summits']]
		];
		for (const [name, args] of cases) {
			const bom = join(root, `bom-${name}`);
			writeFileSync(bom, `\uFEFF${readFileSync(join(FIXTURES, name), 'utf8')}`);
			const run = layer(['add', bom, '--title', 'With a mark', ...args]);
			expect(run.err).toEqual([]);
			expect(run.status).toBe(0);
		}
		expect(readFileSync(join(root, 'summits.geojson'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'expected/summits.geojson'), 'utf8'));
	});

	it('says a file is empty or nested too deeply, instead of an internal error', () => {
		// beside geodata/, not in it: a file there would be one no layer uses
		const inputs = mkdtempSync(join(tmpdir(), 'atlas-input-'));
		const [empty, deep] = [join(inputs, 'empty.geojson'), join(inputs, 'deep.geojson')];
		writeFileSync(empty, '\n');
		writeFileSync(deep, '['.repeat(100_000) + ']'.repeat(100_000));
		expect(layer(['add', empty, '--title', 'Empty', '--kind', 'point']).err).toEqual([
			`${empty} has 1 problem(s); nothing was written:`,
			`  ${empty}:1:1: the file is empty: a GeoJSON FeatureCollection expected`
		]);
		expect(layer(['add', deep, '--title', 'Deep', '--kind', 'point']).err).toEqual([
			`${deep} has 1 problem(s); nothing was written:`,
			`  ${deep}:1:257: nested too deeply: more than 256 levels of [ and { (GeoJSON needs fewer than 10; the atlas reads up to 256)`
		]);
		rmSync(inputs, { recursive: true, force: true });
	});

	it('writes nothing when the data breaks a rule, and names file, line, column, feature and rule (golden)', () => {
		const before = snapshot();
		const run = layer(['add', `${FIXTURES}/bad-points.geojson`, '--title', 'Bad', '--kind', 'point']);
		expect(run.status).toBe(1);
		expect(run.err).toEqual([
			`${FIXTURES}/bad-points.geojson has 4 problem(s); nothing was written:`,
			`  ${FIXTURES}/bad-points.geojson:24:5: features[1] (unknown-source).properties.sources[0]: "foo" is not in geodata/sources.json`,
			`  ${FIXTURES}/bad-points.geojson:43:5: features[2] (in-metres).geometry.coordinates: [2451232.8, 6468310.4] looks projected (metres, e.g. EPSG:3857): longitude and latitude in degrees expected`,
			`  ${FIXTURES}/bad-points.geojson:62:5: features[3] (fine).properties.confidence: one of confirmed, reported, uncertain expected, "likely" found`,
			`  ${FIXTURES}/bad-points.geojson:62:5: features[3] (fine).properties.id: "fine" is already used by features[0]`
		]);
		expect(snapshot()).toEqual(before);
	});

	it('names bad CSV rows by line, and bad flags by flag', () => {
		const run = layer(['add', `${FIXTURES}/bad-rows.csv`, '--title', 'Rows', '--kind', 'point', '--color', 'orange', '--source', 'nope']);
		expect(run.status).toBe(1);
		expect(run.err).toEqual([
			`${FIXTURES}/bad-rows.csv has 5 problem(s); nothing was written:`,
			'  --color: a colour like "#1f77b4" expected, "orange" found',
			'  --source: "nope" is not in geodata/sources.json',
			`  ${FIXTURES}/bad-rows.csv:4: latitude "abc" is not a number`,
			`  ${FIXTURES}/bad-rows.csv:6: latitude is empty (leave both empty for a feature with no place)`,
			`  ${FIXTURES}/bad-rows.csv:7: 8 fields expected, 3 found`
		]);
	});

	it('checks the rows it could read in the same run, each named by its line', () => {
		const run = layer(['add', `${FIXTURES}/bad-row-and-bad-grade.csv`, '--title', 'Rows', '--kind', 'point']);
		expect(run.err).toEqual([
			`${FIXTURES}/bad-row-and-bad-grade.csv has 2 problem(s); nothing was written:`,
			`  ${FIXTURES}/bad-row-and-bad-grade.csv:2: latitude "abc" is not a number`,
			`  ${FIXTURES}/bad-row-and-bad-grade.csv:3: features[0] (ok).properties.confidence: one of confirmed, reported, uncertain expected, "likely" found`
		]);
	});

	it('refuses to overwrite a layer unless told, then keeps the fields it was not given', () => {
		expect(addSummits().status).toBe(0);
		const entry = manifest().layers[1];
		writeFileSync(
			join(root, 'layers.json'),
			JSON.stringify({ ...manifest(), layers: [manifest().layers[0], { ...entry, legend: { label: 'Summit' } }] }, null, '\t') + '\n'
		);
		const before = snapshot();
		const again = addSummits();
		expect(again.status).toBe(1);
		expect(again.err).toEqual([
			`${FIXTURES}/summits.csv has 1 problem(s); nothing was written:`,
			'  geodata/layers.json: layers[1]: a layer "summits" already exists: pass --force to replace its data (fields you do not pass are kept)'
		]);
		expect(snapshot()).toEqual(before);

		const forced = layer(['add', `${FIXTURES}/summits.csv`, '--force', '--title', 'Summits and meetings']);
		expect(forced.status).toBe(0);
		expect(forced.out.at(-1)).toMatch(/^replaced layers\[1\] "summits" \(point\)/);
		expect(manifest().layers[1]).toEqual({ ...entry, title: 'Summits and meetings', legend: { label: 'Summit' } });
		expect(manifest().layers).toHaveLength(2);
	});

	it('refuses a data file no layer uses, and a file another layer owns', () => {
		writeFileSync(join(root, 'summits.geojson'), '{}');
		expect(addSummits().err.at(-1)).toBe('  geodata/summits.geojson: already exists, though no layer uses it: pass --force to replace it');
		expect(readFileSync(join(root, 'summits.geojson'), 'utf8')).toBe('{}');
		writeFileSync(join(root, 'layers.json'), JSON.stringify({ version: 1, layers: [{ ...manifest().layers[0], file: 'summits.geojson' }] }));
		expect(addSummits('--force').err.at(-1)).toBe(
			'  geodata/layers.json: layers[0].file: geodata/summits.geojson belongs to layer "hubs": choose another --id'
		);
	});

	it('says a geodata folder that is not there is not there, without a stack trace', () => {
		const missing = join(root, 'no-such-folder');
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/layer.ts', 'add', `${FIXTURES}/summits.csv`, '--title', 'S', '--kind', 'point', '--root', missing],
			{
				encoding: 'utf8',
				env: { ...process.env, INIT_CWD: process.cwd() }
			}
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toBe(
			`${FIXTURES}/summits.csv has 1 problem; nothing was written:\n  geodata/layers.json: not found in ${missing}: --root (or ATLAS_GEODATA) names the geodata folder\n`
		);
	});

	it('keeps ids to slugs, so no file lands outside geodata/', () => {
		const run = addSummits('--id', '../escape');
		expect(run.status).toBe(1);
		expect(run.err.at(-1)).toBe('  --id: a lowercase slug like "hubs" expected, "../escape" found');
		expect(existsSync(join(root, '..', 'escape.geojson'))).toBe(false);
	});
});

describe('a long layer id', { timeout: 60_000 }, () => {
	// 228 characters and more made a temporary name past the 255 bytes a file name may have: the
	// write failed half-way, its rollback too, and the journal locked geodata/ for good
	const long = 'a'.repeat(230);

	it('given with --id is refused up front, naming the limit, and geodata/ stays usable', () => {
		const before = snapshot();
		const run = addSummits('--id', long);
		expect(run.status).toBe(1);
		expect(run.err.at(-1)).toBe('  --id: at most 64 characters (it names the file geodata/<id>.geojson), 230 found: choose a shorter id');
		expect(run.err.join('\n')).not.toMatch(/\n\s+at /);
		expect(snapshot()).toEqual(before);
		expect(layer(['check'])).toMatchObject({ status: 0, err: [] });
		expect(addSummits().status).toBe(0);
	});

	it('taken from a long file name is cut to the limit', () => {
		const named = join(root, '..', `${long.slice(0, 200)}.csv`);
		cpSync(`${FIXTURES}/summits.csv`, named);
		try {
			const run = layer(['add', named, '--title', 'Summits', '--kind', 'point']);
			expect(run.status).toBe(0);
			expect(manifest().layers.at(-1)).toMatchObject({ id: 'a'.repeat(64), file: `${'a'.repeat(64)}.geojson` });
			expect(layer(['check']).status).toBe(0);
		} finally {
			rmSync(named);
		}
	});

	it('in the manifest is refused by check, naming the layer', () => {
		const text = readFileSync(join(root, 'layers.json'), 'utf8');
		writeFileSync(join(root, 'layers.json'), text.replace('"id": "hubs"', `"id": "${long}"`));
		const run = layer(['check']);
		expect(run.status).toBe(1);
		expect(run.err).toContain(
			'  geodata/layers.json: layers[0].id: at most 64 characters (it names the file geodata/<id>.geojson), 230 found: choose a shorter id'
		);
	});

	it('of a file with a name near 255 bytes still writes, leaving no journal or temporary file', async () => {
		const name = `${'b'.repeat(240)}.json`;
		await writeFilesAtomically(root, [{ name, content: '{}\n' }]);
		expect(readFileSync(join(root, name), 'utf8')).toBe('{}\n');
		expect(readdirSync(root).filter((f) => f.startsWith('.'))).toEqual([]);
	});
});

describe('layer add, interrupted', { timeout: 60_000 }, () => {
	it('killed after the data was renamed: the manifest is untouched, and the next run puts the data back', async () => {
		const before = snapshot();
		// a new title, so that the manifest too has something to change
		const run = layer(['add', `${FIXTURES}/summits.csv`, '--id', 'hubs', '--force', '--title', 'Hubs and summits'], { ATLAS_LAYER_CRASH: 'renamed-1' });
		expect(run.signal).toBe('SIGKILL');
		expect(readFileSync(join(root, 'layers.json'), 'utf8')).toBe(before['layers.json']);
		// the journal names the process, which is gone: its write was interrupted, not live
		const { pid } = JSON.parse(readFileSync(join(root, '.layer-journal'), 'utf8'));
		expect(() => process.kill(pid, 0)).toThrow(expect.objectContaining({ code: 'ESRCH' }));
		// half-way for real: the new data is in place, and the build refuses to go on
		expect(readFileSync(join(root, 'hubs.geojson'), 'utf8')).not.toBe(before['hubs.geojson']);
		expect((await checkGeodata(root)).problems.map(formatProblem)).toContain(
			'geodata/.layer-journal: a `npm run layer` write was interrupted: run `npm run layer -- check` to finish or undo it'
		);

		const check = layer(['check']);
		expect(check.out).toEqual([
			'recovered: an interrupted write was undone: hubs.geojson restored, layers.json untouched',
			'geodata: 1 layer, 1 feature, 4 sources: no problems'
		]);
		expect(check.status).toBe(0);
		expect(snapshot()).toEqual(before);
	});

	it('killed before a new layer reached the manifest: the new file goes', () => {
		const before = snapshot();
		const run = layer(['add', `${FIXTURES}/summits.csv`, '--title', 'Summits', '--kind', 'point'], { ATLAS_LAYER_CRASH: 'renamed-1' });
		expect(run.signal).toBe('SIGKILL');
		expect(existsSync(join(root, 'summits.geojson'))).toBe(true);
		expect(layer(['check']).out[0]).toBe('recovered: an interrupted write was undone: summits.geojson removed (it was new), layers.json untouched');
		expect(snapshot()).toEqual(before);
	});

	it('killed after both renames: the write stands and only the leftovers go', () => {
		expect(addSummits().status).toBe(0);
		const done = snapshot();
		rmSync(root, { recursive: true });
		cpSync(join(FIXTURES, 'geodata'), root, { recursive: true });
		expect(layer(['add', `${FIXTURES}/summits.csv`, '--title', 'Summits', '--kind', 'point'], { ATLAS_LAYER_CRASH: 'renamed-2' }).signal).toBe('SIGKILL');
		expect(layer(['check']).out[0]).toBe('recovered: an interrupted write had finished (summits.geojson, layers.json): cleaned up');
		expect(snapshot()).toEqual(done);
	});

	it('a write still running is never undone: check and add leave it alone, and it finishes', async () => {
		const before = snapshot();
		// stopped between its two renames, as a long write would be when a second command starts
		const first = layerAsync(['add', `${FIXTURES}/summits.csv`, '--id', 'hubs', '--force', '--title', 'Hubs and summits'], { ATLAS_LAYER_PAUSE: 'renamed-1' });
		try {
			await stopped(first.child.pid!);
			const midway = snapshot();
			expect(midway['hubs.geojson']).not.toBe(before['hubs.geojson']);
			const busy = `  geodata/.layer-journal: another \`npm run layer\` (pid ${first.child.pid}) is writing geodata/: wait for it or stop it`;
			expect(layer(['check'], { ATLAS_LAYER_WAIT_MS: '0' })).toMatchObject({
				status: 1,
				out: [],
				err: ['geodata/ is being written; it was not checked:', busy]
			});
			expect(layer(['add', `${FIXTURES}/summits.csv`, '--title', 'Summits', '--kind', 'point'], { ATLAS_LAYER_WAIT_MS: '0' })).toMatchObject({
				status: 1,
				err: ['geodata/ is being written; nothing was written:', busy]
			});
			expect(snapshot()).toEqual(midway);
			// a second command waits for the first, which then finishes its write
			const second = layerAsync(['check'], { ATLAS_LAYER_WAIT_MS: '30000' });
			await new Promise((resolve) => setTimeout(resolve, 500));
			first.child.kill('SIGCONT');
			expect((await first.done).status).toBe(0);
			expect(await second.done).toMatchObject({ status: 0, out: ['geodata: 1 layer, 2 features, 4 sources: no problems'] });
		} finally {
			first.child.kill('SIGCONT');
		}
		expect(manifest().layers[0].title).toBe('Hubs and summits');
		expect(existsSync(join(root, '.layer-journal'))).toBe(false);
	});

	it('a journal of this very process, left when its undoing failed, is undone by its next write, not taken for a live one', async () => {
		// the editor's server outlives its saves: its own pid in a journal is no write under way
		const before = snapshot();
		writeFileSync(join(root, 'summits.geojson'), '{}\n');
		const journal = {
			pid: process.pid,
			host: hostname(),
			boot: readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim(),
			files: [
				{
					name: 'summits.geojson',
					temp: `.${'s'.repeat(250)}.tmp`,
					backup: '.summits.bak',
					existed: false,
					sha256: createHash('sha256').update('{}\n').digest('hex')
				},
				// the manifest never got its new content: the write was not finished
				{ name: 'layers.json', temp: '.layers.tmp', backup: '.layers.bak', existed: true, sha256: 'f'.repeat(64) }
			]
		};
		writeFileSync(join(root, '.layer-journal'), JSON.stringify(journal));
		expect(await recoverInterruptedWrite(root)).toEqual({
			recovered: 'an interrupted write was undone: summits.geojson removed (it was new), layers.json untouched'
		});
		expect(snapshot()).toEqual(before);
	});

	it('an error between the renames rolls back in the same run, leaving no temporary files', async () => {
		const before = snapshot();
		const files = [
			{ name: 'hubs.geojson', content: '{"changed": true}\n' },
			{ name: 'layers.json', content: '{"changed": true}\n' }
		];
		const failing = writeFilesAtomically(root, files, {
			onStep: (step) => {
				if (step === 'renamed-1') throw new Error('disk full');
			}
		});
		await expect(failing).rejects.toThrow('disk full');
		expect(snapshot()).toEqual(before);
		await writeFilesAtomically(root, files);
		expect(snapshot()).toEqual({ ...before, 'hubs.geojson': '{"changed": true}\n', 'layers.json': '{"changed": true}\n' });
	});
});

describe('layer check and usage', { timeout: 60_000 }, () => {
	it('reports every problem in geodata/ in the one shape, and exits 1', () => {
		const hubs = readFileSync(join(root, 'hubs.geojson'), 'utf8');
		writeFileSync(join(root, 'hubs.geojson'), hubs.replace('"insightnews-2025-09-declarations-vs-commitments"', '"foo"'));
		const run = layer(['check']);
		expect(run.status).toBe(1);
		expect(run.err).toEqual([
			'geodata has 1 problem(s):',
			'  geodata/hubs.geojson:4:5: features[0] (hub-rzeszow-jasionka).properties.sources[0]: "foo" is not in geodata/sources.json'
		]);
	});

	it('prints its usage on --help, and refuses what it does not know', () => {
		const help = layer(['--help']);
		expect(help.status).toBe(0);
		expect(help.out[0]).toBe('Usage:');
		expect(layer(['frobnicate']).err[0]).toBe('Unknown command "frobnicate".');
		expect(layer(['add', 'x.csv', '--colour', 'red']).status).toBe(1);
		expect(layer(['add']).err[0]).toBe('add takes one file, 0 given.');
		expect(layer(['add', 'missing.csv', '--title', 'T', '--kind', 'point']).err).toEqual([
			'missing.csv has 1 problem(s); nothing was written:',
			'  missing.csv: not found'
		]);
	});
});
