import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UK } from '../../src/lib/i18n/uk';
import { UK_ANALYSIS } from '../../src/lib/i18n/uk.analysis';
import { UK_PAGES } from '../../src/lib/i18n/uk.pages';
import { count, fill, formatNumber, pluralForm, preferredLang, setLang } from '../../src/lib/i18n/i18n.svelte';

// the dictionaries loaded with later code, by the name a file hands to translator()
const LATER: Record<string, Record<string, string>> = { UK_ANALYSIS, UK_PAGES };

const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts)$/.test(name) ? [path] : [];
	});

// every literal passed to t('…') or t("…") in the interface code, with the dictionaries its file's t reads;
// pure code words its sentences with the t of a Wording (i18n/grammar.ts), which the interface gives it
const uses = files('src')
	.map((file) => ({ file, text: readFileSync(file, 'utf8') }))
	.filter(({ text }) => text.includes('i18n.svelte') || text.includes('i18n/grammar'))
	.map(({ file, text }) => ({
		file,
		later: [...text.matchAll(/\btranslator\((UK_\w+)\)/g)].map((m) => m[1]),
		keys: [...text.matchAll(/\bt\(\s*(['"])((?:(?!\1).)+)\1\s*\)/g)].map((m) => m[2].replace(/\\'/g, "'"))
	}));
const keys = new Set(uses.flatMap((u) => u.keys));

describe('the Ukrainian interface', () => {
	it('has a translation for every string the interface shows in English, in a dictionary its code loads', () => {
		expect(keys.size).toBeGreaterThan(40);
		const missing = uses.flatMap(({ file, later, keys }) =>
			keys.filter((k) => !(k in UK) && !later.some((name) => k in LATER[name])).map((k) => `${file}: ${k}`)
		);
		expect(missing).toEqual([]);
	});

	it('has no translation left over for a string no longer used', () => {
		expect(Object.keys(UK).filter((k) => !keys.has(k))).toEqual([]);
		for (const [name, dictionary] of Object.entries(LATER)) {
			const used = new Set(uses.filter((u) => u.later.includes(name)).flatMap((u) => u.keys));
			expect(
				Object.keys(dictionary).filter((k) => !used.has(k)),
				name
			).toEqual([]);
		}
	});

	it('translates a string in one place only', () => {
		expect(Object.values(LATER).flatMap((d) => Object.keys(d).filter((k) => k in UK))).toEqual([]);
	});

	it('gives every plural a form for each Ukrainian count', () => {
		const plurals = [UK, ...Object.values(LATER)].flatMap((d) => Object.entries(d)).filter(([en]) => en.includes('|'));
		expect(plurals.length).toBeGreaterThan(0);
		for (const [en, uk] of plurals) {
			expect(en.split('|'), en).toHaveLength(2);
			expect(uk.split('|').length, uk).toBeGreaterThanOrEqual(3);
		}
	});

	it('keeps every {placeholder} of a sentence in its translation', () => {
		const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
		const entries = [UK, ...Object.values(LATER)].flatMap((d) => Object.entries(d)).filter(([en]) => en.includes('{'));
		expect(entries.length).toBeGreaterThan(5);
		for (const [en, uk] of entries) for (const form of uk.split('|')) expect(names(form), `${en} → ${form}`).toEqual(names(en.split('|')[0]));
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

describe('counts', () => {
	const SOURCES = 'джерело|джерела|джерел';

	it('take the Ukrainian form CLDR gives each number', () => {
		const forms = [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111, 1000].map((n) => `${n} ${pluralForm('uk', n, SOURCES)}`);
		expect(forms).toEqual([
			'1 джерело',
			'2 джерела',
			'4 джерела',
			'5 джерел',
			'11 джерел',
			'12 джерел',
			'14 джерел',
			'21 джерело',
			'22 джерела',
			'25 джерел',
			'101 джерело',
			'111 джерел',
			'1000 джерел'
		]);
	});

	it('give a fraction its own form, or the second when there is none', () => {
		expect(pluralForm('uk', 55.4, 'раз|рази|разів|раза', 1)).toBe('раза');
		expect(pluralForm('uk', 1.5, SOURCES, 1)).toBe('джерела');
		// 55.0 is shown with its decimal, so it reads as a fraction
		expect(pluralForm('uk', 55, 'раз|рази|разів|раза', 1)).toBe('раза');
	});

	it('after "з" (of), put the total in the genitive: the time slider’s "9 з 21 інциденту"', () => {
		const ofTotal = UK['{shown} of {total} incident|{shown} of {total} incidents'];
		const forms = [1, 2, 4, 5, 11, 21, 22, 48].map((n) => fill(pluralForm('uk', n, ofTotal), { shown: 1, total: n }));
		expect(forms).toEqual([
			'1 з 1 інциденту',
			'1 з 2 інцидентів',
			'1 з 4 інцидентів',
			'1 з 5 інцидентів',
			'1 з 11 інцидентів',
			'1 з 21 інциденту',
			'1 з 22 інцидентів',
			'1 з 48 інцидентів'
		]);
		expect(fill(pluralForm('en', 48, '{shown} of {total} incident|{shown} of {total} incidents'), { shown: 9, total: 48 })).toBe('9 of 48 incidents');
	});

	it('in English, one and other; a single form serves every count', () => {
		expect(pluralForm('en', 1, 'item|items')).toBe('item');
		expect(pluralForm('en', 0, 'item|items')).toBe('items');
		expect(pluralForm('en', 1, 'personnel')).toBe('personnel');
		expect(pluralForm('uk', 5, 'км')).toBe('км');
	});

	it('in English whole numbers, the same form as ICU’s rules give (they skip the rules)', () => {
		const rules = new Intl.PluralRules('en', { minimumFractionDigits: 0, maximumFractionDigits: 0 });
		for (const n of [-2, -1, 0, 1, 2, 11, 21, 101, 1000, 1.5, 0.4])
			expect(pluralForm('en', n, 'item|items')).toBe(rules.select(n) === 'one' ? 'item' : 'items');
	});

	it('are written with the language’s digits and separators', async () => {
		await setLang('uk');
		try {
			expect(count(1218, 'джерело|джерела|джерел')).toBe('1\u00a0218 джерел');
		} finally {
			await setLang('en');
		}
		expect(count(1218, 'source|sources')).toBe('1,218 sources');
		expect(count(1, 'source|sources')).toBe('1 source');
	});

	it('are written as ICU writes them, small counts included (those skip the formatter)', async () => {
		const numbers = [0, 1, 7, 42, 999, 1000, 1218, -3, 2.5, 116165, 0.25];
		for (const [lang, locale] of [
			['uk', 'uk-UA'],
			['en', 'en-GB']
		] as const) {
			await setLang(lang);
			for (const n of numbers)
				for (const digits of [0, 1])
					expect(formatNumber(n, digits)).toBe(n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
		}
	});

	it('fill a sentence’s placeholders and leave unknown ones', () => {
		expect(fill('Bases ({selected} of {all})', { selected: 3, all: 11 })).toBe('Bases (3 of 11)');
		expect(fill('{a} and {b}', { a: 'x' })).toBe('x and {b}');
	});
});
