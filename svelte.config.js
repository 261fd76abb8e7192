import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	kit: {
		adapter: adapter({ pages: 'build', assets: 'build', fallback: undefined, precompress: true, strict: true }),
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
