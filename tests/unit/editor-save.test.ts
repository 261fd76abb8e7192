import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveHandler } from '../../scripts/lib/saveEndpoint';
import { checkGeodata } from '../../scripts/lib/checkGeodata';
import { makeBundle, type PublishBundle } from '../../src/lib/editor/bundle';
import { depots, depotsMeta } from '../lib/depots';

// the save endpoint (the same in `npm run dev` and `npm run editor`), mounted on a plain server
// over a fresh copy of a small geodata folder for each test, so no test depends on what another wrote
let dir: string;
let root: string;
let server: Server;
let origin: string;
const TOKEN = 'test-token-0123456789abcdef';

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-save-test-'));
	root = join(dir, 'geodata');
	cpSync(new URL('../fixtures/layer/geodata', import.meta.url), root, { recursive: true });
	server = createServer(saveHandler({ root, ownOrigins: () => [origin], token: TOKEN }));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
	server.close();
	rmSync(dir, { recursive: true, force: true });
});

const meta = depotsMeta;
const bundle = (change: Partial<typeof meta> = {}, replace = false): PublishBundle => makeBundle({ ...meta, ...change }, depots, { replace, editor: 'Olena' });
const manifestText = () => readFileSync(join(root, 'layers.json'), 'utf8');

function post(body: unknown, headers: Record<string, string> = {}) {
	return fetch(`${origin}/`, {
		method: 'POST',
		body: typeof body === 'string' ? body : JSON.stringify(body),
		headers: { origin, 'content-type': 'application/json', 'x-atlas-token': TOKEN, ...headers }
	});
}

describe('the save endpoint refuses', () => {
	it('a page from another origin, and a request with none', async () => {
		expect((await post(bundle(), { origin: 'http://evil.example' })).status).toBe(403);
		const none = await fetch(`${origin}/`, { method: 'POST', body: JSON.stringify(bundle()), headers: { 'x-atlas-token': TOKEN } });
		expect(none.status).toBe(403);
		expect(manifestText()).not.toContain('depots');
	});

	it('a request without this session’s token, or with another', async () => {
		const tokenless = await fetch(`${origin}/`, { method: 'POST', body: JSON.stringify(bundle()), headers: { origin } });
		expect(tokenless.status).toBe(403);
		expect((await tokenless.json()).error).toMatch(/no valid save token/);
		expect((await post(bundle(), { 'x-atlas-token': 'test-token-0123456789abcdeX' })).status).toBe(403);
		expect(existsSync(join(root, 'depots.geojson'))).toBe(false);
	});

	it('a path out of geodata/, in the id or the file', async () => {
		for (const entry of [{ id: '../outside' }, { file: '../outside.geojson' }, { file: '/tmp/outside.geojson' }, { id: 'a/b' }]) {
			const response = await post({ ...bundle(), entry: { ...bundle().entry, ...entry } });
			expect(response.status).toBe(422);
		}
		expect(existsSync(join(dir, 'outside.geojson'))).toBe(false);
		expect(manifestText()).not.toContain('depots');
	});

	it('an id too long to name a file, and keeps saving', async () => {
		// 228 characters and more (the editor takes the id from the file's name) locked geodata/ for good
		const response = await post({ ...bundle(), entry: { ...bundle().entry, id: 'a'.repeat(230), file: `${'a'.repeat(230)}.geojson` } });
		expect(response.status).toBe(422);
		expect((await response.json()).problems).toEqual([
			{ file: 'the saved draft', field: 'entry.id', message: 'at most 64 characters (it names the file geodata/<id>.geojson), 230 found: choose a shorter id' }
		]);
		expect(existsSync(join(root, '.layer-journal'))).toBe(false);
		expect((await post(bundle())).status).toBe(200);
	});

	it('a write through a symbolic link that leads out of geodata/', async () => {
		const outside = join(dir, 'elsewhere.geojson');
		writeFileSync(outside, 'untouched');
		symlinkSync(outside, join(root, 'depots.geojson'));
		const response = await post(bundle({}, true));
		expect(response.status).toBe(422);
		expect((await response.json()).problems[0]).toMatchObject({ file: 'geodata/depots.geojson', message: expect.stringMatching(/symbolic link/) });
		expect(readFileSync(outside, 'utf8')).toBe('untouched');
	});

	it('what the build’s checks refuse, writing nothing', async () => {
		const response = await post(bundle({ sources: ['no-such-source'] }));
		expect(response.status).toBe(422);
		const body = await response.json();
		expect(body.problems).toContainEqual({
			file: 'geodata/layers.json',
			field: 'layers[1].sources[0]',
			message: '"no-such-source" is not in geodata/sources.json'
		});
		expect(existsSync(join(root, 'depots.geojson'))).toBe(false);
	});
});

describe('the save endpoint writes', () => {
	it('the layer, its entry and its new sources, which `layer -- check` then accepts', async () => {
		const withSource = makeBundle(
			{
				...meta,
				sources: ['newsroom-2025-09-10-depots'],
				newSources: [
					{
						from: 'https://newsroom.example/depots',
						key: 'newsroom-2025-09-10-depots',
						publisher: 'Newsroom',
						title: 'Depots',
						date: '2025-09-10',
						url: 'https://newsroom.example/depots',
						kind: 'news'
					}
				]
			},
			depots,
			{ replace: false }
		);
		const response = await post(withSource);
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.done).toEqual([
			'wrote geodata/depots.geojson: 3 features',
			'added layers[1] "depots" (point) in geodata/layers.json',
			'added 1 source(s) to geodata/sources.json: newsroom-2025-09-10-depots',
			'checked geodata/ as the build does: no problems'
		]);
		expect(JSON.parse(manifestText()).layers.at(-1)).toMatchObject({ id: 'depots', title: 'Fuel depots', sources: ['newsroom-2025-09-10-depots'] });
		expect(JSON.parse(readFileSync(join(root, 'sources.json'), 'utf8'))['newsroom-2025-09-10-depots']).toMatchObject({ publisher: 'Newsroom' });
		expect((await checkGeodata(root)).problems).toEqual([]);
		// a second save of the same id needs the editor to say so
		expect((await post(bundle())).status).toBe(422);
		expect((await post(bundle({ title: 'Depots again' }, true))).status).toBe(200);
		expect(JSON.parse(manifestText()).layers.at(-1).title).toBe('Depots again');
	});
});

describe('the save endpoint commits', () => {
	it('with the editor’s name and the title on one line: no forged trailer, no cut subject', async () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
		git('init', '--quiet');
		git('config', 'user.name', 'Atlas Test');
		git('config', 'user.email', 'atlas@example.org');
		git('add', '.');
		git('commit', '--quiet', '-m', 'start');
		const committing = createServer(saveHandler({ root, ownOrigins: () => [origin], token: TOKEN, commit: true }));
		await new Promise<void>((resolve) => committing.listen(0, '127.0.0.1', resolve));
		const at = `http://127.0.0.1:${(committing.address() as AddressInfo).port}`;
		try {
			const forged = makeBundle({ ...meta, title: 'Fuel\ndepots' }, depots, {
				replace: false,
				editor: 'Olena\n\nCo-authored-by: Mallory <m@evil.example>\nSigned-off-by: Mallory <m@evil.example>'
			});
			const response = await fetch(`${at}/`, {
				method: 'POST',
				body: JSON.stringify(forged),
				headers: { origin: at, 'content-type': 'application/json', 'x-atlas-token': TOKEN }
			});
			expect(response.status).toBe(200);
			expect((await response.json()).commit).toMatch(/^[0-9a-f]{7,}$/);
		} finally {
			committing.close();
		}
		expect(git('log', '-1', '--format=%(trailers)').trim()).toBe('');
		expect(git('log', '-1', '--format=%s')).toBe('geodata: add layer depots (Fuel depots)\n');
	});
});

/** Sends `total` bytes in 64 KiB chunks with no Content-Length, as a stream too big to measure first would. */
function postChunked(total: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(`${origin}/`, {
			method: 'POST',
			headers: { origin, 'x-atlas-token': TOKEN, 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' }
		});
		req.on('response', (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		// the server may close the connection before every chunk is sent: the answer is what counts
		req.on('error', reject);
		req.write('{"padding": "');
		const chunk = Buffer.alloc(64 * 1024, ' ');
		let sent = 0;
		const writeMore = () => {
			while (sent < total) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', writeMore);
			}
			req.end('"}');
		};
		writeMore();
	});
}

describe('the save endpoint’s size limit', { timeout: 30_000 }, () => {
	// 49.5 MB: the size of the draft that killed the dev server
	it('refuses a chunked body over 10 MB that has no Content-Length, and keeps serving', async () => {
		const over = await postChunked(49.5 * 1024 * 1024);
		expect(over.status).toBe(413);
		expect(JSON.parse(over.body).error).toMatch(/^files over 10 MB cannot be saved from here yet/);
		const declared = await post('x'.repeat(11 * 1024 * 1024));
		expect(declared.status).toBe(413);
		expect((await post(bundle())).status).toBe(200);
	});
});
