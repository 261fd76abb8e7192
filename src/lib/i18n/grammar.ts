// Plural forms and sentences with placeholders, without the interface's state: code that also runs
// at build time (the map in words) uses them with a language it is given.
import type { Lang } from './i18n.svelte';

// the order plural forms are written in, per language (CLDR's categories)
const CATEGORIES: Record<Lang, Intl.LDMLPluralRule[]> = { en: ['one', 'other'], uk: ['one', 'few', 'many', 'other'] };
const rules = new Map<string, Intl.PluralRules>();

/**
 * The form of a word that goes with `n` (shown with `digits` decimals), from forms separated by
 * "|" in the order of CATEGORIES: English one|other, Ukrainian one|few|many and, for fractions,
 * other; a missing fraction form is the second (the genitive singular of most nouns), and a
 * single form serves every count.
 *
 * @example
 * pluralForm('uk', 22, 'джерело|джерела|джерел') // 'джерела'
 */
export function pluralForm(language: Lang, n: number, forms: string, digits = 0): string {
	const list = forms.split('|');
	if (list.length === 1) return forms;
	const index = CATEGORIES[language].indexOf(category(language, n, digits));
	return list[index] ?? (index === 3 ? list[1] : undefined) ?? list.at(-1)!;
}

function category(language: Lang, n: number, digits: number): Intl.LDMLPluralRule {
	// English whole numbers need no ICU rules, whose first use costs ~70 ms of a phone's main
	// thread while the legend's counts render: one for 1 (and -1), other for the rest
	if (language === 'en' && digits === 0 && Number.isInteger(n)) return Math.abs(n) === 1 ? 'one' : 'other';
	const key = `${language}:${digits}`;
	if (!rules.has(key)) rules.set(key, new Intl.PluralRules(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
	return rules.get(key)!.select(n);
}

/** A translated sentence with its {placeholders} filled, so each language keeps its own word order. */
export const fill = (text: string, values: Record<string, string | number>): string =>
	text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));

/**
 * What pure code needs to word a sentence in the reader's language: the language (for plural
 * forms), its dictionary, its month names and its way with numbers.
 */
export type Wording = { lang: Lang; t: (english: string) => string; months: string[]; number: (n: number) => string };
