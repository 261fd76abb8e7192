// `POST /__atlas/save`: the editor's "Save to geodata/". One implementation for `vite dev` (the
// devSave plugin) and `npm run editor` (the built atlas for a newsroom machine). It takes a
// publish bundle and applies it as `npm run layer -- apply` does (same checks, same atomic write),
// then commits it where asked. What it refuses:
// - a page from any other origin (a site open in another tab, or one reached by DNS rebinding:
//   the origin must be one this server listens on, or its own loopback host);
// - a request without this server's token, which it prints at start-up in the editor's address
//   and which a page of another origin can never read;
// - a body past 10 MB, counted as it arrives (chunked or not);
// - any write outside geodata/ or through a symbolic link (applyBundle).
// A save killed between its write and its commit is committed by the next save, and a git index
// lock it left is cleared (once no git runs in the repository), saying so.
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { applyBundle, type ApplyResult } from './applyBundle';
import { lockGeodata } from './atomicWrite';
import { clearStaleIndexLock, commitMessage, commitWritten } from './gitCommit';
import type { Problem } from '../../src/lib/manifest/errors';
import { TOKEN_HEADER, type SaveAnswer } from '../../src/lib/editor/saveProtocol';

export { SAVE_PATH } from '../../src/lib/editor/saveProtocol';
// applyBundle checks a layer whole (an AST of all of it): 50 MB took 4 GB and more and killed the
// process. Larger drafts are published by download.
const MAX_BODY = 10 * 1024 * 1024;
// a body past MAX_BODY is read and dropped up to here (so the page gets the 413), then cut off
const DISCARD_LIMIT = 200 * 1024 * 1024;
const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

export type SaveEndpointOptions = {
	/** the geodata folder */
	root: string;
	/** the origins the server is reached at (`http://127.0.0.1:4800`) */
	ownOrigins: () => string[];
	/** this session's token */
	token: string;
	/** commit what a save wrote (the folder must be in a git work tree) */
	commit?: boolean;
	/** how long a save waits for another writer (`npm run layer`) before it is refused (default: ATLAS_LAYER_WAIT_MS, else 5 s) */
	waitMs?: number;
	/** run after a save that wrote, while geodata/ is still held (`npm run editor` rebuilds its atlas's content): lines for the reply */
	afterSave?: () => Promise<string[]>;
};

/** The handler, for the dev server, `npm run editor` and a test's plain server alike. */
export function saveHandler(options: SaveEndpointOptions) {
	const { root, ownOrigins, token, waitMs = Number(process.env.ATLAS_LAYER_WAIT_MS ?? 5_000) } = options;
	let saving: Promise<unknown> = Promise.resolve();
	return async (req: IncomingMessage, res: ServerResponse) => {
		const send = (status: number, body: Partial<SaveAnswer>) => {
			res.statusCode = status;
			res.setHeader('Content-Type', 'application/json');
			res.setHeader('Cache-Control', 'no-store');
			res.end(JSON.stringify(body));
		};
		if (req.method !== 'POST') return send(405, { error: 'POST expected' });
		if (!isOwnOrigin(req, ownOrigins())) return send(403, { error: `origin ${JSON.stringify(req.headers.origin ?? null)} may not write to geodata/` });
		if (!sameToken(req.headers[TOKEN_HEADER], token))
			return send(403, { error: 'this page has no valid save token: open the editor from the address `npm run editor` printed' });
		const tooLarge = () =>
			send(413, {
				error:
					'files over 10 MB cannot be saved from here yet (a layer is checked whole and runs out of memory near 50 MB): download the publish bundle instead'
			});
		if (Number(req.headers['content-length'] ?? 0) > MAX_BODY) return tooLarge();
		let bundle: unknown;
		try {
			// a chunked body has no Content-Length: the bytes are counted as they arrive
			const body = await readUpTo(req, MAX_BODY);
			if (body === null) return tooLarge();
			bundle = JSON.parse(body.toString('utf8'));
		} catch (error) {
			return send(400, { error: `a publish bundle (JSON) expected (${(error as Error).message})` });
		}
		try {
			// one save at a time: a second one's recovery step must never undo a write still running
			const run = saving.then(async (): Promise<{ busy: Problem } | { stuck: Problem } | (ApplyResult & { commit?: string })> => {
				// geodata/ is held from the read of the manifest to the commit: a `npm run layer` still
				// writing is waited for briefly, never undone, and none starts meanwhile
				const held = await lockGeodata(root, { waitMs, by: "editor's save", commits: options.commit === true });
				if ('busy' in held) return { busy: held.busy };
				if ('stuck' in held) return { stuck: held.stuck };
				let committed = false;
				try {
					const applied = await applyBundle(bundle, root, { name: 'the saved draft' });
					const refreshed = applied.problems.length === 0 && options.afterSave ? await afterSave(options.afterSave) : { done: [], warnings: [] };
					const result = {
						...applied,
						done: [...(held.recovered ? [`recovered: ${held.recovered}`] : []), ...applied.done, ...refreshed.done],
						warnings: [...applied.warnings, ...refreshed.warnings]
					};
					// what this save wrote, and what a save killed before its commit had written: committed
					// together, so that no commit names a file that is not in it
					const pending = held.lock.uncommitted();
					if (!options.commit || pending.length === 0) {
						committed = true;
						return result;
					}
					const carried = held.uncommitted?.files ?? [];
					const cleared = held.uncommitted ? await clearStaleIndexLock(root, held.uncommitted.since, held.uncommitted.pid) : null;
					const done = cleared ? [...result.done, cleared] : result.done;
					try {
						const message = commitMessage(result.layer ?? null, pending, carried);
						const commit = await commitWritten(root, pending, message);
						committed = true;
						return { ...result, commit, done: [...done, `committed ${commit}`] };
					} catch (error) {
						const message = `the files are written, but git did not commit them (the next save will): ${(error as Error).message.trim()}`;
						return { ...result, done, warnings: [...result.warnings, { file: 'git', field: '', message }] };
					}
				} finally {
					await held.lock.release({ committed });
				}
			});
			saving = run.catch(() => {});
			const result = await run;
			if ('busy' in result) send(409, { problems: [result.busy], warnings: [], done: [] });
			else if ('stuck' in result) send(409, { problems: [result.stuck], warnings: [], done: [] });
			else send(result.problems.length ? 422 : 200, result);
		} catch (error) {
			send(500, { error: (error as Error).message });
		}
	};
}

/** The after-save step's lines, or a warning: the save itself stands either way. */
async function afterSave(step: () => Promise<string[]>): Promise<{ done: string[]; warnings: Problem[] }> {
	try {
		return { done: await step(), warnings: [] };
	} catch (error) {
		return { done: [], warnings: [{ file: 'the atlas', field: '', message: `saved, but its content was not rebuilt: ${(error as Error).message}` }] };
	}
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

/** Compared in constant time: how long a refusal takes says nothing of how much of the token was right. */
function sameToken(given: string | string[] | undefined, token: string): boolean {
	if (typeof given !== 'string' || token === '') return false;
	const a = Buffer.from(given);
	const b = Buffer.from(token);
	return a.length === b.length && timingSafeEqual(a, b);
}
