// JavaScript byte figures from the built files, compressed here (gzip level 9, brotli quality 11)
// so they are the same on every machine: used by the benchmark and by tests/e2e/size.e2e.ts.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const BUILD = 'build';
const MANIFEST = '.svelte-kit/output/client/.vite/manifest.json';
const MAPLIBRE_SOURCE = 'node_modules/maplibre-gl/dist/maplibre-gl.js';

export type Bytes = { raw: number; gzip: number; brotli: number };
export type JsSet = { files: string[]; bytes: Bytes };

const cache = new Map<string, Bytes>();

/** One file's sizes, raw and compressed. */
export function bytesOf(path: string): Bytes {
	let bytes = cache.get(path);
	if (!bytes) {
		const body = readFileSync(path);
		bytes = {
			raw: body.length,
			gzip: gzipSync(body, { level: 9 }).length,
			brotli: brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length
		};
		cache.set(path, bytes);
	}
	return bytes;
}

export function sum(paths: string[]): Bytes {
	return paths.map(bytesOf).reduce((a, b) => ({ raw: a.raw + b.raw, gzip: a.gzip + b.gzip, brotli: a.brotli + b.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

export const jsSet = (files: string[]): JsSet => {
	const unique = [...new Set(files)].sort();
	return { files: unique, bytes: sum(unique) };
};

/** maplibre's own bundle as npm ships it, minified: what any maplibre page has to load. */
export const maplibreOwn = (): JsSet => jsSet([MAPLIBRE_SOURCE]);

type ManifestChunk = { file: string; imports?: string[]; isDynamicEntry?: boolean };

/** The build's Vite manifest, keyed by source; throws when the site has not been built. */
function manifest(): Record<string, ManifestChunk> {
	if (!existsSync(MANIFEST)) throw new Error(`${MANIFEST} not found: run npm run build first`);
	return JSON.parse(readFileSync(MANIFEST, 'utf8'));
}

/** A chunk and every chunk it imports statically (what the browser must fetch to run it). */
function withStaticImports(key: string, chunks: Record<string, ManifestChunk>, into = new Set<string>()): Set<string> {
	const chunk = chunks[key];
	if (!chunk || into.has(chunk.file)) return into;
	into.add(chunk.file);
	for (const imported of chunk.imports ?? []) withStaticImports(imported, chunks, into);
	return into;
}

/**
 * The JavaScript a page needs before the map's first paint: the scripts its HTML modulepreloads
 * (SvelteKit lists every static import of the entry and the page there, maplibre among them since
 * the map imports it statically) and, were maplibre imported dynamically, its chunk with its own
 * static imports. Nothing else runs before maplibre draws: deck.gl, turf, the panels and the
 * workers load later, beside the base map or when a layer needs them.
 */
export function beforeFirstPaint(htmlFile: string): JsSet {
	const html = readFileSync(join(BUILD, htmlFile), 'utf8');
	const preloaded = [...html.matchAll(/<link href="([^"]+\.js)" rel="modulepreload"/g)].map((m) => m[1].replace(/^(\.\/|\.\.\/|\/)+/, ''));
	if (preloaded.length === 0) throw new Error(`${htmlFile}: no modulepreload links found`);
	const chunks = manifest();
	const maplibre = Object.keys(chunks).find((k) => k.endsWith(MAPLIBRE_SOURCE));
	const files = [...preloaded, ...(maplibre ? withStaticImports(maplibre, chunks) : [])].map((f) => join(BUILD, f));
	const missing = files.filter((f) => !existsSync(f));
	if (missing.length) throw new Error(`${missing.join(', ')} not in ${BUILD}/: it and ${MANIFEST} come from different builds, build again`);
	// maplibre bundled into a preloaded chunk leaves its code there: a set without it measured nothing
	if (!maplibre && !files.some((f) => readFileSync(f, 'utf8').includes('maplibre.org')))
		throw new Error(`${htmlFile}: maplibre is neither its own chunk nor in a preloaded one`);
	return jsSet(files);
}

/** The build file a served URL names, for the JS the real page fetched. */
export function buildFileOf(url: string): string | null {
	const base = process.env.BASE_PATH ?? '';
	const pathname = decodeURIComponent(new URL(url).pathname);
	const path = join(BUILD, pathname.startsWith(base) ? pathname.slice(base.length) : pathname);
	return existsSync(path) ? path : null;
}

export const kb = (n: number) => (n / 1024).toFixed(1);
