import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { devSave } from './scripts/lib/devSave';

export default defineConfig({
	plugins: [devSave(), sveltekit()],
	// social networks want absolute addresses for card images: SITE_URL, when the build is given one
	define: { __SITE_URL__: JSON.stringify((process.env.SITE_URL ?? '').replace(/\/+$/, '')) },
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node'
	}
});
