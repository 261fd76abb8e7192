// Serves the built site the way a CDN would: files from build/, the benchmark's own pages from
// node_modules/.cache/bench-pages (see bench/vite.config.ts) under /bench/, and the precompressed .br or .gz beside a file when the request
// accepts it (never compressing on the fly, so a file the build forgot to compress shows up as
// such in the byte figures and in Lighthouse), and byte ranges. Loopback only, on a port in 4500-4599.
// Run alone: node bench/serve.mjs [port]
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
/** @type {Record<string, string>} */
const types = {
	'.html': 'text/html; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.mjs': 'text/javascript; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.json': 'application/json; charset=utf-8',
	'.geojson': 'application/geo+json; charset=utf-8',
	'.csv': 'text/csv; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.txt': 'text/plain; charset=utf-8'
};

/** @param {string} path */
const isFile = (path) =>
	stat(path).then(
		(s) => s.isFile(),
		() => false
	);

/** Where a URL path is served from: the bench pages, another build to compare with (`BASE_BUILD`, under /_base/), or build/. */
/** @param {string} pathname @returns {[string, string]} */
function folderOf(pathname) {
	if (pathname.startsWith('/bench/')) return [join(root, 'node_modules/.cache/bench-pages'), pathname.slice('/bench'.length)];
	if (process.env.BASE_BUILD && pathname.startsWith('/_base/')) return [normalize(process.env.BASE_BUILD), pathname.slice('/_base'.length)];
	return [join(root, 'build'), pathname];
}

/** The file a URL path names: as is, then SvelteKit's prerendered `page.html`, then `index.html`. */
/** @param {string} pathname */
async function resolve(pathname) {
	const [dir, rest] = folderOf(pathname);
	const safe = normalize(decodeURIComponent(rest)).replace(/^(\.\.[/\\])+/, '');
	for (const candidate of [safe, `${safe.replace(/\/$/, '')}.html`, join(safe, 'index.html')]) {
		const path = join(dir, candidate);
		if (path.startsWith(dir) && (await isFile(path))) return path;
	}
	return null;
}

/** Starts the server; resolves with its origin and a function that stops it. */
/** @param {number} port */
export async function serve(port = 4500) {
	if (port < 4500 || port > 4599) throw new Error(`port ${port}: the benchmark keeps to 4500-4599`);
	const server = createServer(async (request, response) => {
		const url = new URL(request.url ?? '/', 'http://bench');
		const path = await resolve(url.pathname);
		if (!path) return response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		const accepts = String(request.headers['accept-encoding'] ?? '');
		/** @type {Record<string, string>} */
		const headers = {
			'content-type': types[extname(path)] ?? 'application/octet-stream',
			'cache-control': url.pathname.includes('/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache',
			vary: 'accept-encoding'
		};
		// a byte range, as a CDN serves one: the base map's detail is read from its archive this way
		const range = /^bytes=(\d+)-(\d*)$/.exec(String(request.headers.range ?? ''));
		if (range) {
			const whole = await readFile(path);
			const start = Number(range[1]);
			const end = Math.min(range[2] ? Number(range[2]) : whole.length - 1, whole.length - 1);
			if (start > end) return response.writeHead(416, { 'content-range': `bytes */${whole.length}` }).end();
			const part = whole.subarray(start, end + 1);
			response.writeHead(206, { ...headers, 'content-range': `bytes ${start}-${end}/${whole.length}`, 'content-length': part.length });
			return response.end(request.method === 'HEAD' ? undefined : part);
		}
		let body;
		for (const [encoding, suffix] of [
			['br', '.br'],
			['gzip', '.gz']
		]) {
			if (accepts.includes(encoding) && (await isFile(path + suffix))) {
				body = await readFile(path + suffix);
				headers['content-encoding'] = encoding;
				break;
			}
		}
		body ??= await readFile(path);
		response.writeHead(200, { ...headers, 'content-length': body.length });
		response.end(request.method === 'HEAD' ? undefined : body);
	});
	await new Promise((ok, fail) => server.once('error', fail).listen(port, '127.0.0.1', () => ok(undefined)));
	return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((ok) => server.close(() => ok(undefined))) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
	const { origin } = await serve(Number(process.argv[2] ?? 4500));
	console.log(`serving build/ and the bench pages on ${origin}`);
}
