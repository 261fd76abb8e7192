// ESLint as sv sets it up for a SvelteKit project: JavaScript's and TypeScript's recommended
// rules, Svelte's, and Prettier's formatting left to Prettier.
import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		languageOptions: { globals: { ...globals.browser, ...globals.node } },
		rules: {
			// TypeScript checks names; this rule cannot see types and flags globals such as GeoJSON
			'no-undef': 'off',
			// a leading underscore marks a value left out on purpose (`{ bbox: _stale, ...rest }`)
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
			// it flags Maps and Sets built and dropped inside one computation; state lives in runes
			'svelte/prefer-svelte-reactivity': 'off',
			// links are written with `base` (and the reader's language kept by keepLang); several open a new tab
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		files: ['**/*.svelte', '**/*.svelte.ts', '**/*.svelte.js'],
		languageOptions: { parserOptions: { projectService: true, extraFileExtensions: ['.svelte'], parser: ts.parser, svelteConfig } }
	},
	{ ignores: ['build/', '.svelte-kit/', 'node_modules/', 'static/', 'bench/results/', 'test-results/', 'playwright-report/'] }
);
