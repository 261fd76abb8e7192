import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveHandler } from '../../scripts/lib/devSave';
import { saveOptionsOf } from '../../src/lib/editor/publish';
import { defaultMeta } from '../../src/lib/editor/draftLayer';

// the dev server's save endpoint, mounted on a plain server over a fresh copy of a small geodata
// folder for each test, so no test depends on what another wrote
let root: string;
let server: Server;
let origin: string;

beforeEach(async () => {
	root = mkdtempSync(join(tmpdir(), 'atlas-save-test-'));
	cpSync(new URL('../fixtures/layer/geodata', import.meta.url), root, { recursive: true });
	server = createServer(saveHandler(root, () => [origin]));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterEach(() => {
	server.close();
	rmSync(root, { recursive: true, force: true });
});

const depots = readFileSync(new URL('../fixtures/editor/depots.geojson', import.meta.url), 'utf8');
const meta = {
	...defaultMeta('depots.geojson', 'point', ['name']),
	title: 'Fuel depots',
	sources: ['insightnews-2025-09-declarations-vs-commitments'],
	asOf: '2025-09-04'
};

function post(options: unknown, headers: Record<string, string> = { origin: '' }, text = depots) {
	const form = new FormData();
	form.set('file', new Blob([text]), 'depots.geojson');
	form.set('name', 'depots.geojson');
	form.set('options', JSON.stringify(options));
	return fetch(`${origin}/`, { method: 'POST', body: form, headers: { ...headers, origin: headers.origin || origin } });
}

describe('the dev save endpoint', () => {
	it('refuses a page from another origin, and a request with none', async () => {
		const response = await post(saveOptionsOf(meta), { origin: 'http://evil.example' });
		expect(response.status).toBe(403);
		const none = await fetch(`${origin}/`, { method: 'POST', body: new FormData() });
		expect(none.status).toBe(403);
		expect(readFileSync(join(root, 'layers.json'), 'utf8')).not.toContain('depots');
	});

	it('returns the command’s problems and writes nothing when the layer breaks a rule', async () => {
		const response = await post({ ...saveOptionsOf(meta), sources: ['no-such-source'] });
		expect(response.status).toBe(422);
		const body = await response.json();
		expect(body.problems).toContainEqual({ file: '', field: '--source', message: '"no-such-source" is not in geodata/sources.json' });
		expect(() => readFileSync(join(root, 'depots.geojson'))).toThrow();
	});

	it('takes a file that starts with a byte-order mark, as the editor does', async () => {
		const response = await post(saveOptionsOf(meta), undefined, `\uFEFF${depots}`);
		expect(response.status).toBe(200);
		expect(JSON.parse(readFileSync(join(root, 'depots.geojson'), 'utf8')).features.length).toBe(JSON.parse(depots).features.length);
	});

	it('writes the layer and its manifest entry through addLayer', async () => {
		const response = await post(saveOptionsOf(meta));
		expect(response.status).toBe(200);
		const body = await response.json();
		expect(body.done[0]).toMatch(/^wrote geodata\/depots\.geojson: 3 features/);
		const manifest = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8'));
		expect(manifest.layers.at(-1)).toMatchObject({ id: 'depots', title: 'Fuel depots', kind: 'point', file: 'depots.geojson', asOf: '2025-09-04' });
		expect(JSON.parse(readFileSync(join(root, 'depots.geojson'), 'utf8')).features).toHaveLength(3);
		// a saved style and tooltip reach the manifest; a bad style value is refused like the command's
		const styled = { ...meta, opacity: 0.5, tooltip: [{ property: 'name', label: 'Name' }] };
		expect((await post(saveOptionsOf(styled, true))).status).toBe(200);
		expect(JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')).layers.at(-1)).toMatchObject({
			style: { opacity: 0.5 },
			tooltip: [{ property: 'name', label: 'Name' }]
		});
		const bad = await post({ ...saveOptionsOf(styled, true), style: { opacity: 3 } });
		expect(bad.status).toBe(422);
		// a second save of the same id needs the editor to say so
		expect((await post(saveOptionsOf(meta))).status).toBe(422);
		expect((await post(saveOptionsOf(meta, true))).status).toBe(200);
	});
});

/** Sends `total` bytes in 64 KiB chunks with no Content-Length, as a stream too big to measure first would. */
function postChunked(total: number): Promise<{ status: number; body: string }> {
	return new Promise((resolve, reject) => {
		const req = request(`${origin}/`, {
			method: 'POST',
			headers: { origin, 'Content-Type': 'multipart/form-data; boundary=x', 'Transfer-Encoding': 'chunked' }
		});
		req.on('response', (res) => {
			let body = '';
			res.setEncoding('utf8');
			res.on('data', (chunk) => (body += chunk));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
		});
		// the server may close the connection before every chunk is sent: the answer is what counts
		req.on('error', reject);
		// a well-formed form, so only its size can be the reason it is refused
		req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="big.geojson"\r\n\r\n');
		const chunk = Buffer.alloc(64 * 1024, ' ');
		let sent = 0;
		const writeMore = () => {
			while (sent < total) {
				sent += chunk.length;
				if (!req.write(chunk)) return void req.once('drain', writeMore);
			}
			req.end('\r\n--x--\r\n');
		};
		writeMore();
	});
}

describe('the dev save endpoint’s size limit', { timeout: 30_000 }, () => {
	// 49.5 MB: the size of the draft that killed the dev server
	it('refuses a chunked body over 10 MB that has no Content-Length, and keeps serving', async () => {
		const over = await postChunked(49.5 * 1024 * 1024);
		expect(over.status).toBe(413);
		expect(JSON.parse(over.body).error).toMatch(/^files over 10 MB cannot be saved from here yet/);
		expect((await post(saveOptionsOf(meta))).status).toBe(200);
	});
});

describe('saveOptionsOf', () => {
	it('hands the command the whole entry: style beyond the colour and the tooltip rows', () => {
		const options = saveOptionsOf({ ...meta, opacity: 0.5, tooltip: [{ property: 'name', label: 'Name' }] });
		expect(options).toMatchObject({
			id: 'depots',
			kind: 'point',
			color: '#c05621',
			force: false,
			style: { opacity: 0.5 },
			tooltip: [{ property: 'name', label: 'Name' }]
		});
	});
});
