import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeBundle } from '../../src/lib/editor/bundle';
import { defaultMeta } from '../../src/lib/editor/draftLayer';
import { checkGeodata } from '../../scripts/lib/checkGeodata';

// `npm run editor --commit`, a real process over a copy of a small geodata/ in a git repository of
// its own, killed (SIGKILL) between a save's write and its commit. The next save's commit named
// files the killed one wrote and never committed, so HEAD failed `layer -- check`; a git index
// lock left by a kill made every later save "succeed with a warning", committing nothing.
let dir: string;
let root: string;
const servers: ChildProcess[] = [];

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-save-kill-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
	mkdirSync(join(dir, 'build'));
	writeFileSync(join(dir, 'build/editor.html'), '<!doctype html><title>editor</title>');
	writeFileSync(join(dir, '.gitignore'), 'build/\n');
	git('init', '--quiet');
	git('config', 'user.name', 'Atlas Test');
	git('config', 'user.email', 'atlas@example.org');
	git('add', '.');
	git('commit', '--quiet', '-m', 'start');
});
afterEach(() => {
	for (const server of servers.splice(0)) server.kill('SIGKILL');
	rmSync(dir, { recursive: true, force: true });
});

/** Starts `npm run editor --commit`; resolves with the address and token it prints. */
async function editor(env: Record<string, string> = {}) {
	const server = spawn(process.execPath, ['--import', 'tsx', 'scripts/editor.ts', '--root', root, '--build', join(dir, 'build'), '--port', '0', '--commit'], {
		env: { ...process.env, INIT_CWD: process.cwd(), ...env }
	});
	servers.push(server);
	let out = '';
	const match = await new Promise<RegExpExecArray>((resolve, reject) => {
		server.stdout!.setEncoding('utf8').on('data', (text: string) => {
			out += text;
			const found = /open (http:\/\/[^/\s]+)\/editor#token=(\S+)/.exec(out);
			if (found) resolve(found);
		});
		server.stderr!.setEncoding('utf8').on('data', (text: string) => (out += text));
		server.on('exit', (code) => reject(new Error(`npm run editor exited ${code}: ${out}`)));
	});
	const [, origin, token] = match;
	const exited = new Promise((resolve) => server.on('exit', resolve));
	return { origin, token, exited };
}

const depots = readFileSync('tests/fixtures/editor/depots.geojson', 'utf8');
const bundle = (id: string) =>
	makeBundle(
		{
			...defaultMeta(`${id}.geojson`, 'point', ['name']),
			title: `Depots ${id}`,
			sources: ['insightnews-2025-09-declarations-vs-commitments'],
			asOf: '2025-09-04'
		},
		depots,
		{ replace: false, editor: 'Olena' }
	);
function save({ origin, token }: { origin: string; token: string }, id: string) {
	return fetch(`${origin}/__atlas/save`, {
		method: 'POST',
		body: JSON.stringify(bundle(id)),
		headers: { origin, 'content-type': 'application/json', 'x-atlas-token': token }
	});
}

/** HEAD as a folder of its own, checked as the build checks geodata/. */
async function headProblems(): Promise<string[]> {
	const head = mkdtempSync(join(tmpdir(), 'atlas-head-'));
	try {
		execFileSync('sh', ['-c', `git archive HEAD geodata | tar -x -C ${head}`], { cwd: dir });
		return (await checkGeodata(join(head, 'geodata'))).problems.map((p) => `${p.file}: ${p.field}: ${p.message}`);
	} finally {
		rmSync(head, { recursive: true, force: true });
	}
}

/**
 * A save of layer `north` killed (SIGKILL) as its commit starts, by a git hook that fires once: the
 * server (git's parent) is killed, and git either gives up (`before`) or is killed too (`during`),
 * leaving its index lock.
 */
async function killedWhileCommitting(when: 'before' | 'during') {
	const hook = join(dir, '.git/hooks/pre-commit');
	writeFileSync(hook, `#!/bin/sh\nrm -f "$0"\nkill -9 $(awk '{print $4}' /proc/$PPID/stat)\n${when === 'during' ? 'kill -9 $PPID\n' : ''}exit 1\n`, {
		mode: 0o755
	});
	const killed = await editor();
	await expect(save(killed, 'north')).rejects.toThrow();
	await killed.exited;
	// written, maybe staged, never committed
	expect(git('status', '--porcelain', '--', 'geodata')).toContain('geodata/north.geojson');
	expect(existsSync(join(dir, '.git/index.lock'))).toBe(when === 'during');
}

describe('a save killed before its commit', { timeout: 60_000 }, () => {
	it('is committed by the next save: HEAD holds both layers and passes the checks', async () => {
		await killedWhileCommitting('before');
		const next = await editor();
		const response = await save(next, 'south');
		expect(response.status).toBe(200);
		const body = await response.json();
		// what the next save committed: everything both wrote, a HEAD that passes the checks
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
		expect(await headProblems()).toEqual([]);
		expect(JSON.parse(git('show', 'HEAD:geodata/layers.json')).layers.map((l: { id: string }) => l.id)).toEqual(['hubs', 'north', 'south']);
		// and what it says
		expect(body.warnings).toEqual([]);
		expect(body.done[0]).toMatch(
			/^recovered: an interrupted editor's save \(pid \d+\) had written geodata\/north\.geojson, geodata\/layers\.json and not committed them$/
		);
		expect(git('log', '-1', '--format=%B')).toContain('Also what an interrupted save wrote and did not commit: geodata/north.geojson, geodata/layers.json.');
	});

	it('is committed by the next save even when `layer -- check` ran between, as its message advises', async () => {
		await killedWhileCommitting('before');
		const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', 'check', '--root', root], {
			encoding: 'utf8',
			env: { ...process.env, INIT_CWD: process.cwd() }
		});
		expect(check.status).toBe(0);
		expect(check.stdout).toMatch(/had written geodata\/north\.geojson, geodata\/layers\.json and not committed them: the next save commits them/);
		const next = await editor();
		expect((await save(next, 'south')).status).toBe(200);
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
		expect(await headProblems()).toEqual([]);
	});

	it('with the git index lock its killed commit left: the lock is cleared, said so, and both saves committed', async () => {
		await killedWhileCommitting('during');
		const lock = join(dir, '.git/index.lock');
		const next = await editor();
		const body = await (await save(next, 'south')).json();
		expect(existsSync(lock)).toBe(false);
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
		expect(await headProblems()).toEqual([]);
		expect(body.done).toContainEqual(expect.stringMatching(new RegExp(`^removed ${lock}, left by the interrupted save \\(pid \\d+\\) while it committed$`)));
	});

	it('a git index lock of no interrupted save is reported, never ignored: the files wait for the next save', async () => {
		const lock = join(dir, '.git/index.lock');
		writeFileSync(lock, '');
		const server = await editor();
		const first = await (await save(server, 'north')).json();
		expect(first.warnings.map((w: { message: string }) => w.message)).toEqual([expect.stringContaining('index.lock')]);
		// never cleared behind a person's back: it may be another git's
		expect(existsSync(lock)).toBe(true);
		rmSync(lock);
		const second = await (await save(server, 'south')).json();
		expect(second.commit).toMatch(/^[0-9a-f]{7,}$/);
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
		expect(await headProblems()).toEqual([]);
		expect(first.warnings[0].message).toMatch(
			/^the files are written, but git did not commit them \(the next save will\): .*index\.lock exists .*if none is running, remove the file/
		);
	});
});
