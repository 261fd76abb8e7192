import { sveltekit } from '@sveltejs/kit/vite';
import type { Plugin, ViteDevServer } from 'vite';
import { defineConfig } from 'vitest/config';

/**
 * The editor's save endpoint on `vite dev` (scripts/lib/devSave.ts), loaded when the dev server
 * starts: a build, `vite preview` and the tests never load it and the validators it brings.
 */
const devSaveOnDemand: Plugin = {
	name: 'atlas-dev-save-on-demand',
	apply: (_, env) => env.command === 'serve' && !process.env.VITEST,
	async configureServer(server: ViteDevServer) {
		// through the dev server's own loader: the config file never imports it, so nothing else bundles it
		const { devSave } = (await server.ssrLoadModule('/scripts/lib/devSave.ts')) as typeof import('./scripts/lib/devSave');
		(devSave().configureServer as (server: ViteDevServer) => void)(server);
	}
};

/** Unit tests that spawn processes, write 50 MB files or copy geodata/: their own project, run by `npm test` and CI, not by the quick `npm run test:unit`. */
const HEAVY = ['bigFiles', 'update', 'layerCli', 'twoWriters', 'layerApply', 'saveKill', 'bigFeature', 'limits', 'editor-serve', 'staleness', 'messages'].map(
	(name) => `tests/unit/${name}.test.ts`
);

export default defineConfig({
	plugins: [devSaveOnDemand, sveltekit()],
	build: {
		rollupOptions: {
			output: {
				// the framework's runtime (Svelte, SvelteKit and Vite's preload helper), which every page
				// runs, in one file: left to itself the bundler cut it into four, each a request before
				// the map's first paint (measured: 32 requests to the first idle -> 29, and 0.8 KB less
				// gzip before the first paint, the chunk seams' imports and exports)
				codeSplitting: { groups: [{ name: 'runtime', test: /node_modules[\\/](svelte|@sveltejs[\\/]kit|esm-env|devalue|clsx)[\\/]|preload-helper/ }] }
			}
		}
	},
	// social networks want absolute addresses for card images: SITE_URL, when the build is given one
	define: { __SITE_URL__: JSON.stringify((process.env.SITE_URL ?? '').replace(/\/+$/, '')) },
	test: {
		environment: 'node',
		projects: [
			{ extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], exclude: HEAVY } },
			// each of these says how long it may take; a process per test is slow on 2 shared cores
			{ extends: true, test: { name: 'heavy', include: HEAVY, testTimeout: 120_000 } },
			// what reads the built site from disk (the workshop words, the JavaScript before the first paint): after `npm run build`
			{ extends: true, test: { name: 'built', include: ['tests/built/**/*.test.ts'], testTimeout: 60_000 } }
		]
	}
});
