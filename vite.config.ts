import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';
import { devSave } from './scripts/lib/devSave';

export default defineConfig({
	plugins: [devSave(), sveltekit()],
	test: {
		include: ['tests/unit/**/*.test.ts'],
		environment: 'node'
	}
});
