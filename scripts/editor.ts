// `npm run editor`: the built atlas with its editor and a save endpoint, for a newsroom machine or
// an internal server; not the development server. It serves build/ as files, geodata/ live (so
// the editor sees what a save wrote), and `POST /__atlas/save` (scripts/lib/saveEndpoint.ts, the
// same endpoint `npm run dev` has). Each start makes a new token and prints the editor's address
// with it: only a page opened from that address can save.
//
//   npm run editor [-- --port 4800] [--host 127.0.0.1] [--root geodata] [--build build] [--commit | --no-commit]
//                     [--origin http://atlas-editor.newsroom.internal:4800 …] [--base /graphics/atlas]
//
// On an internal server (--host 0.0.0.0), name with --origin each address editors open it at: a
// save from any other origin is refused, token or not.
//
// A save is committed when geodata/ is in a git work tree, unless --no-commit; --commit insists
// (and says so when it cannot).
import { randomBytes } from 'node:crypto';
import { existsSync, realpathSync } from 'node:fs';
import { open, realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { SAVE_PATH, saveHandler } from './lib/saveEndpoint';
import { inGitWorkTree } from './lib/gitCommit';
import { builtContentFiles } from './lib/builtContent';

const TYPES: Record<string, string> = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.geojson': 'application/geo+json; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.woff2': 'font/woff2',
	'.pbf': 'application/x-protobuf',
	'.pmtiles': 'application/octet-stream',
	'.txt': 'text/plain; charset=utf-8',
	'.webmanifest': 'application/manifest+json'
};

const USAGE = `Usage: npm run editor [-- options]
  Serves the built atlas (npm run build first) with its editor and save endpoint, and prints the
  editor's address with this start's token: only a page opened from that address can save.
      --port <n>            the port (default: PORT or 4800)
      --host <address>      where to listen (default 127.0.0.1; 0.0.0.0 on an internal server)
      --origin <url>        an address editors open it at, repeatable: a save from any other origin
                            is refused, token or not (needed with --host 0.0.0.0)
      --root <dir>          the geodata folder saves write (default: geodata/)
      --build <dir>         the built site to serve (default: build/)
      --base <path>         the BASE_PATH the site was built with, like /graphics/atlas
      --commit              commit each save (git), and say so when it cannot
      --no-commit           never commit (default: commit where geodata/ is in a git work tree)
      --help                this text`;

let values: {
	port: string;
	host: string;
	root?: string;
	build?: string;
	commit?: boolean;
	'no-commit'?: boolean;
	origin?: string[];
	base: string;
	help?: boolean;
};
try {
	({ values } = parseArgs({
		args: process.argv.slice(2),
		options: {
			port: { type: 'string', default: process.env.PORT ?? '4800' },
			host: { type: 'string', default: '127.0.0.1' },
			root: { type: 'string' },
			build: { type: 'string' },
			commit: { type: 'boolean' },
			'no-commit': { type: 'boolean' },
			origin: { type: 'string', multiple: true },
			// the BASE_PATH the site was built with: its pages ask for everything under it
			base: { type: 'string', default: process.env.BASE_PATH ?? '' },
			help: { type: 'boolean', short: 'h' }
		}
	}));
} catch (error) {
	// an unknown or malformed option: the message and the options, never a stack trace
	console.error(`${(error as Error).message}\n\n${USAGE}`);
	process.exit(1);
}
if (values.help) {
	console.log(USAGE);
	process.exit(0);
}

const here = process.env.INIT_CWD ?? process.cwd();
const repo = new URL('..', import.meta.url).pathname;
const root = resolve(here, values.root ?? process.env.ATLAS_GEODATA ?? join(repo, 'geodata'));
const site = resolve(here, values.build ?? join(repo, 'build'));

async function main() {
	if (!existsSync(join(site, 'editor.html'))) {
		console.error(`${site} holds no built editor: run \`npm run build\` first`);
		process.exit(1);
	}
	if (!existsSync(join(root, 'layers.json'))) {
		console.error(`${root} holds no layers.json: --root names the geodata folder`);
		process.exit(1);
	}
	const inGit = await inGitWorkTree(root);
	if (values.commit && !inGit) {
		console.error(`--commit: ${root} is not in a git work tree`);
		process.exit(1);
	}
	const commit = !values['no-commit'] && (values.commit === true || inGit);
	const token = randomBytes(24).toString('base64url');
	let origins: string[] = [];
	// the atlas's content as the page reads it, made afresh after each save, so that this server's
	// atlas shows a saved layer on its next load, with no build; the build's own copy until the first save
	let fresh = new Map<string, Buffer>();
	const rebuild = async () => {
		const started = performance.now();
		fresh = new Map(Object.entries(await builtContentFiles(root)).map(([path, text]) => [`/${path}`, Buffer.from(text)]));
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		return [`the atlas served here shows it now (its content rebuilt in ${seconds} s): reload it`];
	};
	const save = saveHandler({ root, ownOrigins: () => origins, token, commit, afterSave: rebuild });

	const base = values.base!.replace(/\/+$/, '');
	const server = createServer((req, res) =>
		// a request never takes the server down: whatever it hit (a file removed while it was read, a
		// file too large to buffer) is answered, or its connection closed once the answer has begun
		handle(req, res).catch((error: Error) => {
			console.error(`${req.method} ${req.url}: ${error.message}`);
			if (!res.headersSent) send(res, 500, 'the file could not be read');
			else res.destroy();
		})
	);
	async function handle(req: IncomingMessage, res: ServerResponse) {
		const full = new URL(req.url ?? '/', 'http://local').pathname;
		if (base && full !== base && !full.startsWith(`${base}/`)) return void send(res, 404, `the site is at ${base}/`);
		const path = full.slice(base.length) || '/';
		if (path === SAVE_PATH) return save(req, res);
		if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'GET expected');
		// geodata/ live, so the editor's lists of layers and sources include what was just saved
		if (path.startsWith('/geodata/')) return serveFile(req, res, root, path.slice('/geodata'.length), true);
		const rebuilt = fresh.get(path);
		if (rebuilt) {
			res.writeHead(200, {
				'Content-Type': 'application/json',
				'Content-Length': String(rebuilt.length),
				'Cache-Control': 'no-cache',
				'X-Content-Type-Options': 'nosniff'
			});
			return void res.end(req.method === 'HEAD' ? undefined : rebuilt);
		}
		return serveFile(req, res, site, path, false);
	}
	server.listen(Number(values.port), values.host, () => {
		const { port } = server.address() as AddressInfo;
		const host = values.host === '0.0.0.0' || values.host === '::' ? 'localhost' : values.host!;
		const shown = host.includes(':') ? `[${host}]` : host;
		origins = [`http://${shown}:${port}`, `http://localhost:${port}`, `http://127.0.0.1:${port}`, ...(values.origin ?? []).map((o) => new URL(o).origin)];
		console.log(`atlas editor: saving to ${root}${commit ? ', committing each save' : ''}`);
		console.log(`open http://${shown}:${port}${base}/editor#token=${token}`);
	});
	for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

function send(res: ServerResponse, status: number, text: string) {
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8' });
	res.end(text);
}

/**
 * A file under `dir`, never outside it (no `..`, no link that leads out) and never a dotfile (the
 * write journal names the writing process and its machine; temporary files hold unsaved layers);
 * `page` names try `.html` as the static host does.
 */
async function serveFile(req: IncomingMessage, res: ServerResponse, dir: string, path: string, live: boolean) {
	let decoded: string;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		return send(res, 400, 'bad address');
	}
	if (decoded.split(/[/\\]/).some((segment) => segment.startsWith('.'))) return send(res, 404, 'not found');
	const base = realpathSync(dir);
	const candidates = decoded.endsWith('/') ? [`${decoded}index.html`] : [decoded, `${decoded}.html`, `${decoded}/index.html`];
	for (const candidate of candidates) {
		const file = resolve(base, `.${candidate}`);
		if (file !== base && !file.startsWith(base + sep)) return send(res, 403, 'outside the site');
		// a link inside the folder that leads out of it is not served; a file removed meanwhile is not there
		const real = await realpath(file).catch(() => null);
		if (real === null) continue;
		if (!real.startsWith(base + sep)) return send(res, 403, 'outside the site');
		// opened once and read through that handle: removed after this, it is still read whole
		const handle = await open(real, 'r').catch(() => null);
		if (handle === null) continue;
		const info = await handle.stat();
		if (!info.isFile()) {
			await handle.close();
			continue;
		}
		// a byte range (the base map's tiles are read from their archive this way), or the whole file
		const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
		let [start, end] = [0, info.size - 1];
		if (range && (range[1] || range[2])) {
			[start, end] = range[1]
				? [Number(range[1]), range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1]
				: [Math.max(0, info.size - Number(range[2])), info.size - 1];
			if (start > end || start >= info.size) {
				res.writeHead(416, { 'Content-Range': `bytes */${info.size}` });
				return void res.end();
			}
		}
		const partial = range !== null && (start > 0 || end < info.size - 1 || !!range[1] || !!range[2]);
		res.writeHead(partial ? 206 : 200, {
			'Accept-Ranges': 'bytes',
			'Content-Length': String(end - start + 1),
			...(partial ? { 'Content-Range': `bytes ${start}-${end}/${info.size}` } : {}),
			'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
			'Cache-Control': live ? 'no-cache' : 'public, max-age=0',
			'X-Content-Type-Options': 'nosniff',
			'Referrer-Policy': 'strict-origin-when-cross-origin',
			// the editor may be framed by no page; this server serves nothing else a site should frame
			'Content-Security-Policy': "frame-ancestors 'none'; object-src 'none'; base-uri 'self'"
		});
		if (req.method === 'HEAD' || info.size === 0) {
			await handle.close();
			return void res.end();
		}
		// streamed, never buffered whole: a file of any size, past the 2 GiB a buffer can hold too
		const stream = handle.createReadStream({ start, end });
		stream.on('error', () => res.destroy());
		res.on('close', () => stream.destroy());
		return void stream.pipe(res);
	}
	send(res, 404, 'not found');
}

void main();
