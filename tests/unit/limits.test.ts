import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The limits `npm run layer` keeps, said up front: a file past the editor's 50 MB (205 MB once took
// 115 s and 4.15 GB, then ran out of memory), and a manifest of very many layers, whose files were
// all opened at once until the process ran out of file handles and called them unreadable.
let dir: string;
let root: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-limits-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The command in a shell, so that a test can lower its limits (`ulimit -n`) as a busy machine would have them. */
function layer(args: string[], shellLimits = '') {
	const command = `${shellLimits} exec "${process.execPath}" --import tsx scripts/layer.ts ${args.map((a) => `'${a}'`).join(' ')} --root '${root}'`;
	const started = Date.now();
	const run = spawnSync('sh', ['-c', command], { encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } });
	const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
	return { status: run.status, out: lines(run.stdout), err: lines(run.stderr), ms: Date.now() - started };
}
const snapshot = () => Object.fromEntries(readdirSync(root).map((name) => [name, readFileSync(join(root, name), 'utf8')]));

describe('npm run layer’s limits', { timeout: 60_000 }, () => {
	it('refuses a file past 50 MB before reading it, for `add` and `apply`, saying what to do', () => {
		const before = snapshot();
		// sparse: 60 MB on paper, nothing on disk
		for (const [command, name] of [
			['add', 'huge.geojson'],
			['apply', 'huge.bundle.json']
		]) {
			const path = join(dir, name);
			writeFileSync(path, '');
			truncateSync(path, 60 * 1024 * 1024);
			const run = layer(command === 'add' ? ['add', path, '--title', 'Huge', '--kind', 'point'] : ['apply', path]);
			expect(run.status).toBe(1);
			expect(run.err).toEqual([
				`${path} has 1 problem; nothing was written:`,
				`  ${path}: 60 MB: files up to 50 MB are taken, here as in the editor; simplify it (mapshaper, QGIS) or split it into several layers`
			]);
			expect(run.ms).toBeLessThan(15_000);
		}
		expect(snapshot()).toEqual(before);
	});

	it('checks a manifest of many layers with few file handles, reading every file', () => {
		// 600 layers of one point each, under a limit of 200 open files
		const manifest = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8'));
		const hubs = readFileSync(join(root, 'hubs.geojson'), 'utf8');
		for (let i = 0; i < 600; i++) {
			writeFileSync(join(root, `hubs-${i}.geojson`), hubs);
			manifest.layers.push({ ...manifest.layers[0], id: `hubs-${i}`, file: `hubs-${i}.geojson` });
		}
		writeFileSync(join(root, 'layers.json'), JSON.stringify(manifest));
		const run = layer(['check'], 'ulimit -n 200;');
		expect(run.err.filter((l) => /could not be read|EMFILE/.test(l))).toEqual([]);
		expect(run.status).toBe(0);
		expect(run.out.at(-1)).toMatch(/^geodata: 601 layers, \d+ features, 4 sources: no problems$/);
	});
});
