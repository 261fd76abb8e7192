import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// `npm run editor` as a newsroom runs it, a real process over a copy of a small geodata/ and a
// stand-in for build/: what any page on any port can ask of it must never take it down, and
// nothing it keeps for itself (the write journal, temporary files) is served.
let dir: string;
let root: string;
let server: ChildProcess;
let address: string;
/** Whether this test's server has exited (the last one's exit, arriving late, does not count). */
let exited: () => boolean;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-editor-serve-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
	mkdirSync(join(dir, 'build'));
	writeFileSync(join(dir, 'build/editor.html'), '<!doctype html><title>editor</title>');
	server = spawn(process.execPath, ['--import', 'tsx', 'scripts/editor.ts', '--root', root, '--build', join(dir, 'build'), '--port', '0', '--no-commit'], {
		env: { ...process.env, INIT_CWD: process.cwd() }
	});
	let gone = false;
	server.on('exit', () => (gone = true));
	exited = () => gone;
	let out = '';
	address = await new Promise<string>((resolve, reject) => {
		server.stdout!.setEncoding('utf8').on('data', (text: string) => {
			out += text;
			const match = /open (http:\/\/[^/\s]+)/.exec(out);
			if (match) resolve(match[1]);
		});
		server.stderr!.setEncoding('utf8').on('data', (text: string) => (out += text));
		server.on('exit', (code) => reject(new Error(`npm run editor exited ${code}: ${out}`)));
	});
});
afterEach(() => {
	server.kill();
	rmSync(dir, { recursive: true, force: true });
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${address}${path}`, { headers });

describe('npm run editor serves', { timeout: 30_000 }, () => {
	it('no dotfile: not the write journal (pid, host, boot id), not a temporary file, however spelt', async () => {
		writeFileSync(join(root, '.layer-journal'), JSON.stringify({ pid: 4242, host: 'newsroom-mac', boot: 'b00t', files: [] }));
		writeFileSync(join(root, '.hubs.geojson.4242-x.tmp'), '{"unsaved": true}');
		mkdirSync(join(dir, 'build/.git'));
		writeFileSync(join(dir, 'build/.git/config'), '[core]');
		for (const path of [
			'/geodata/.layer-journal',
			'/geodata/%2elayer-journal',
			'/geodata/.hubs.geojson.4242-x.tmp',
			'/.git/config',
			'/geodata/x/../.layer-journal'
		]) {
			const response = await get(path);
			expect(response.status, path).toBe(404);
			expect(await response.text(), path).not.toMatch(/4242|newsroom-mac|unsaved|core/);
		}
		expect((await get('/geodata/layers.json')).status).toBe(200);
	});

	it('a file past the 2 GiB a buffer holds, in part, and stays up', async () => {
		// sparse: 3 GB on paper, nothing on disk; reading it whole into memory threw and the process exited
		writeFileSync(join(root, 'huge.pmtiles'), '');
		truncateSync(join(root, 'huge.pmtiles'), 3 * 1024 ** 3);
		const part = await get('/geodata/huge.pmtiles', { range: 'bytes=0-99' });
		expect(part.status).toBe(206);
		expect((await part.arrayBuffer()).byteLength).toBe(100);
		expect((await get('/geodata/layers.json')).status).toBe(200);
		expect(exited()).toBe(false);
	});

	it('files removed while they are asked for, and stays up', async () => {
		// a page on another port looping <img> requests at a file a save writes and removes
		const flicker = join(root, 'flicker.geojson');
		let writing = true;
		const churn = (async () => {
			while (writing) {
				writeFileSync(flicker, '{"type":"FeatureCollection","features":[]}');
				unlinkSync(flicker);
				await new Promise((resolve) => setImmediate(resolve));
			}
		})();
		const statuses = new Set<number>();
		for (let round = 0; round < 20; round++) {
			const answers = await Promise.all(
				Array.from({ length: 10 }, () =>
					get('/geodata/flicker.geojson').then(
						async (r) => (await r.arrayBuffer(), r.status),
						() => 0
					)
				)
			);
			for (const status of answers) statuses.add(status);
		}
		writing = false;
		await churn;
		expect([...statuses].every((s) => s === 200 || s === 404)).toBe(true);
		expect((await get('/geodata/layers.json')).status).toBe(200);
		expect(exited()).toBe(false);
	});

	it('byte ranges, so the base map reads its towns and rivers tile by tile', async () => {
		// a PMTiles archive begins with its name: the first 7 bytes of the base map's
		const archive = Buffer.concat([Buffer.from('PMTiles'), Buffer.alloc(4096, 7)]);
		mkdirSync(join(dir, 'build/data'));
		writeFileSync(join(dir, 'build/data/basemap.pmtiles'), archive);
		const whole = await get('/data/basemap.pmtiles');
		expect(whole.status).toBe(200);
		expect(Buffer.from(await whole.arrayBuffer())).toEqual(archive);
		const part = await get('/data/basemap.pmtiles', { range: 'bytes=0-6' });
		expect(part.status).toBe(206);
		expect(part.headers.get('content-range')).toBe(`bytes 0-6/${archive.length}`);
		expect(await part.text()).toBe('PMTiles');
		expect((await get('/data/basemap.pmtiles', { range: 'bytes=99999999-' })).status).toBe(416);
	});
});
