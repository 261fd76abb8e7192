import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { devSave } from './scripts/lib/devSave';

export default defineConfig({
	plugins: [devSave(), sveltekit()],
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
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node'
	}
});
