// Builds the benchmark's own pages (bench/pages/*.html) into node_modules/.cache/bench-pages,
// served under /bench/ beside the site, each JS file precompressed like the site's.
// Run: npx vite build --config bench/vite.config.ts
import { defineConfig, type Plugin } from 'vite';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const pages = new URL('./pages/', import.meta.url).pathname;
const outDir = new URL('../node_modules/.cache/bench-pages/', import.meta.url).pathname;

const precompress = (): Plugin => ({
	name: 'bench-precompress',
	closeBundle() {
		const walk = (dir: string): string[] =>
			readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
		for (const file of walk(outDir).filter((f) => /\.(js|css|html)$/.test(f))) {
			const body = readFileSync(file);
			writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
			writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
		}
	}
});

export default defineConfig({
	root: pages,
	base: '/bench/',
	logLevel: 'warn',
	plugins: [precompress()],
	build: {
		outDir,
		emptyOutDir: true,
		target: 'es2022',
		rollupOptions: { input: { reference: join(pages, 'reference.html'), layers: join(pages, 'layers.html'), points: join(pages, 'points.html') } }
	}
});
