import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UK } from '../../src/lib/i18n/uk';
import { preferredLang } from '../../src/lib/i18n/i18n.svelte';

const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts)$/.test(name) ? [path] : [];
	});

// every literal passed to t('…') or t("…") in the interface code
const keys = new Set(
	files('src')
		.map((file) => readFileSync(file, 'utf8'))
		.filter((text) => text.includes('i18n.svelte'))
		.flatMap((text) => [...text.matchAll(/\bt\(\s*(['"])((?:(?!\1).)+)\1\s*\)/g)].map((m) => m[2].replace(/\\'/g, "'")))
);

describe('the Ukrainian interface', () => {
	it('has a translation for every string the interface shows in English', () => {
		expect(keys.size).toBeGreaterThan(40);
		expect([...keys].filter((k) => !(k in UK))).toEqual([]);
	});

	it('has no translation left over for a string no longer used', () => {
		expect(Object.keys(UK).filter((k) => !keys.has(k))).toEqual([]);
	});

	it('every layer has a Ukrainian title', () => {
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
		expect(manifest.layers.filter((l: { i18n?: { uk?: { title?: string } } }) => !l.i18n?.uk?.title).map((l: { id: string }) => l.id)).toEqual([]);
	});

	it('the address chooses the language first, then the browser', () => {
		expect(preferredLang('uk', ['en-GB'])).toBe('uk');
		expect(preferredLang('en', ['uk-UA'])).toBe('en');
		expect(preferredLang(null, ['uk-UA', 'en'])).toBe('uk');
		expect(preferredLang('fr', ['de'])).toBe('en');
	});
});
