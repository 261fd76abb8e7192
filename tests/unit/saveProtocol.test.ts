import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveHandler } from '../../scripts/lib/saveEndpoint';
import { SAVE_PATH } from '../../src/lib/editor/saveProtocol';
import { saveBundle } from '../../src/lib/editor/publish';
import { makeBundle } from '../../src/lib/editor/bundle';
import { depots, depotsMeta } from '../lib/depots';

// the editor's page (publish.ts) and the save endpoint read the path, the token's header and the
// answer from one module: the page's own call is answered by the endpoint, mounted at its path only
let dir: string;
let server: Server;
let origin: string;
const TOKEN = 'test-token-0123456789abcdef';

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-protocol-test-'));
	cpSync(new URL('../fixtures/layer/geodata', import.meta.url), join(dir, 'geodata'), { recursive: true });
	const save = saveHandler({ root: join(dir, 'geodata'), ownOrigins: () => [origin], token: TOKEN });
	server = createServer((req, res) => (req.url === SAVE_PATH ? save(req, res) : res.writeHead(404).end()));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	// a browser sends the page's origin with every POST; Node's fetch does not
	const fetch = globalThis.fetch;
	vi.stubGlobal('fetch', (url: string, init: RequestInit) => fetch(url, { ...init, headers: { ...(init.headers as object), origin } }));
});
afterEach(() => {
	vi.unstubAllGlobals();
	server.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the editor page and the save endpoint', () => {
	it("agree on the path, the token's header and the answer", async () => {
		const reply = await saveBundle(makeBundle(depotsMeta, depots, { replace: false, editor: 'Olena' }), TOKEN, origin);
		expect(reply.error).toBeUndefined();
		expect([reply.status, reply.problems]).toEqual([200, []]);
		expect(reply.done.join('\n')).toContain('depots');
		expect(readFileSync(join(dir, 'geodata', 'layers.json'), 'utf8')).toContain('"depots"');
	});

	it('a wrong token is refused with a reason the page shows', async () => {
		const reply = await saveBundle(makeBundle(depotsMeta, depots, { replace: false, editor: 'Olena' }), 'test-token-0123456789abcdeX', origin);
		expect(reply.status).toBe(403);
		expect(reply.error).toMatch(/no valid save token/);
	});
});
