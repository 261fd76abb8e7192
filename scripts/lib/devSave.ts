// `POST /__atlas/save` on `vite dev` only: the editor's "save to geodata/" button. It runs the
// layer command's own addLayer (same checks, same atomic write of data and manifest), so a save
// from the browser and `npm run layer -- add` cannot disagree. Only a page served by this dev
// server may call it: any other origin is refused, so a site open in another tab cannot write here.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import { addLayer, type AddOptions } from './addLayer';
import { recoverInterruptedWrite } from './atomicWrite';

const SAVE_PATH = '/__atlas/save';
// addLayer checks a file whole (an AST of all of it): 50 MB took 4 GB and more and killed the
// process, which here would be the dev server. Larger drafts are published by download.
const MAX_BODY = 10 * 1024 * 1024;
// a body past MAX_BODY is read and dropped up to here (so the page gets the 413), then cut off
const DISCARD_LIMIT = 200 * 1024 * 1024;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

const TEXT_OPTIONS = ['id', 'title', 'kind', 'description', 'asOf', 'color', 'radiusProperty', 'joinProperty'] as const;

/** The handler itself, for a test to mount on a plain server: `root` is the geodata folder. */
export function saveHandler(root: string, ownOrigins: () => string[]) {
	let saving: Promise<unknown> = Promise.resolve();
	return async (req: IncomingMessage, res: ServerResponse) => {
		const send = (status: number, body: unknown) => {
			res.statusCode = status;
			res.setHeader('Content-Type', 'application/json');
			res.end(JSON.stringify(body));
		};
		if (req.method !== 'POST') return send(405, { error: 'POST expected' });
		if (!isOwnOrigin(req, ownOrigins())) return send(403, { error: `origin ${JSON.stringify(req.headers.origin ?? null)} may not write to geodata/` });
		const tooLarge = () =>
			send(413, {
				error:
					'files over 10 MB cannot be saved from here yet (the layer command checks a file whole and runs out of memory near 50 MB): download the two files instead'
			});
		if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge();
		let form: FormData;
		try {
			// a chunked body has no Content-Length: the bytes are counted as they arrive
			const body = await readUpTo(req, MAX_BODY);
			if (body === null) return tooLarge();
			const headers = Object.fromEntries(Object.entries(req.headers).filter(([name]) => name !== 'transfer-encoding' && name !== 'content-length'));
			const request = new Request(`http://local${req.url ?? ''}`, {
				method: 'POST',
				headers: headers as HeadersInit,
				body: body as Uint8Array<ArrayBuffer> // Buffer.concat allocates a plain ArrayBuffer
			});
			form = await request.formData();
		} catch (error) {
			return send(400, { error: `a form with "file" and "options" expected (${(error as Error).message})` });
		}
		const file = form.get('file');
		const options = parseOptions(form.get('options'));
		if (!(file instanceof Blob) || !options) return send(400, { error: 'a form with "file" and "options" expected' });
		// the editor's file name is shown in messages only; on disk it goes to a folder of its own
		const inputName = basename(String(form.get('name') ?? 'layer.geojson')).replace(/[^\w.-]+/g, '-') || 'layer.geojson';
		const dir = await mkdtemp(join(tmpdir(), 'atlas-save-'));
		try {
			const input = join(dir, inputName);
			await writeFile(input, Buffer.from(await file.arrayBuffer()));
			// one save at a time: a second one's recovery step must never undo a write still running
			const run = saving.then(async () => {
				// a `npm run layer` still writing is waited for briefly, never undone
				const recovery = await recoverInterruptedWrite(root, { waitMs: 5_000 });
				if (recovery && 'busy' in recovery) return { busy: recovery.busy };
				return addLayer({ ...options, input, inputName }, root);
			});
			saving = run.catch(() => {});
			const result = await run;
			if ('busy' in result) send(409, { problems: [result.busy], warnings: [], done: [] });
			else send(result.problems.length ? 422 : 200, result);
		} catch (error) {
			send(500, { error: (error as Error).message });
		} finally {
			await rm(dir, { recursive: true, force: true });
		}
	};
}

/**
 * The request's body, or null as soon as more than `limit` bytes have arrived. Past the limit
 * nothing is kept: the rest is read and dropped, so the sender finishes its upload and sees the
 * answer (a connection closed mid-upload reaches the page as a network error, not as the 413),
 * up to DISCARD_LIMIT bytes, after which the connection is cut.
 */
function readUpTo(req: IncomingMessage, limit: number): Promise<Buffer | null> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size <= limit) return void chunks.push(chunk);
			chunks.length = 0;
			req.off('data', onData).off('end', onEnd).off('error', reject);
			req.on('data', (more: Buffer) => {
				size += more.length;
				if (size > DISCARD_LIMIT) req.socket.destroy();
			});
			req.on('error', () => {});
			resolve(null);
		};
		const onEnd = () => resolve(Buffer.concat(chunks));
		req.on('data', onData).on('end', onEnd).on('error', reject);
	});
}

/** The page's origin must be this server's: one of the addresses it listens on, or its own loopback host. */
function isOwnOrigin(req: IncomingMessage, own: string[]): boolean {
	const origin = req.headers.origin;
	if (!origin) return false;
	if (own.includes(origin)) return true;
	const host = req.headers.host ?? '';
	const hostname = host.replace(/:\d+$/, '');
	return LOOPBACK.has(hostname) && (origin === `http://${host}` || origin === `https://${host}`);
}

function parseOptions(value: FormDataEntryValue | null): Omit<AddOptions, 'input'> | null {
	try {
		const raw = JSON.parse(String(value));
		if (typeof raw !== 'object' || raw === null) return null;
		const options: Omit<AddOptions, 'input'> = {};
		for (const key of TEXT_OPTIONS) if (typeof raw[key] === 'string' && raw[key] !== '') options[key] = raw[key];
		if (Array.isArray(raw.sources)) options.sources = raw.sources.filter((s: unknown) => typeof s === 'string');
		if (raw.force === true) options.force = true;
		// checked by addLayer against the manifest's schema, like everything else in the entry
		if (typeof raw.style === 'object' && raw.style !== null && !Array.isArray(raw.style)) options.style = raw.style;
		if (Array.isArray(raw.tooltip)) options.tooltip = raw.tooltip;
		return options;
	} catch {
		return null;
	}
}

/** The plugin: present in `vite dev` only (`apply: 'serve'`), never in a build or `vite preview`. */
export function devSave(): Plugin {
	return {
		name: 'atlas-dev-save',
		apply: 'serve',
		configureServer(server) {
			const root = resolve(server.config.root, process.env.ATLAS_GEODATA ?? 'geodata');
			const own = () => [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])].map((u) => new URL(u).origin);
			server.middlewares.use(SAVE_PATH, saveHandler(root, own));
		}
	};
}
