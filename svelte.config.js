import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: true, strict: true }),
		// Host under a sub-folder of a news site with BASE_PATH=/graphics/ukraine-atlas npm run build
		paths: { base: process.env.BASE_PATH ?? '', relative: true }
	}
};
