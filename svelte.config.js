import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const staticAdapter = adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: true, strict: true });

/**
 * adapter-static, then .br and .gz beside the .geojson and .csv files too: its precompress only
 * knows html, js, json, css, svg, xml and wasm, and the map fetches every layer's .geojson at start.
 */
const precompressingAdapter = {
	...staticAdapter,
	async adapt(builder) {
		await staticAdapter.adapt(builder);
		const walk = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
		for (const file of walk('build').filter((f) => /\.(geojson|csv)$/.test(f))) {
			const body = readFileSync(file);
			writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
			writeFileSync(
				`${file}.br`,
				brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
			);
		}
	}
};

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: precompressingAdapter,
		// Host under a sub-folder of a news site with BASE_PATH=/graphics/ukraine-atlas npm run build
		paths: { base: process.env.BASE_PATH ?? '', relative: true },
		// Every page carries a policy (as a meta tag, with hashes of SvelteKit's inline scripts) that
		// lets nothing load from another origin. maplibre runs its worker from a blob: URL.
		// frame-ancestors cannot go in a meta tag: see static/_headers and the README.
		csp: {
			mode: 'hash',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'font-src': ['self'],
				'connect-src': ['self', 'data:', 'blob:'],
				'worker-src': ['self', 'blob:'],
				'child-src': ['self', 'blob:'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self']
			}
		}
	}
};
