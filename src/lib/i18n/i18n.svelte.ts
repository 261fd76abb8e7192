import { MONTHS } from '../time/timeline';

const LANGS = ['en', 'uk'] as const;
export type Lang = (typeof LANGS)[number];

const UK_MONTHS = ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'];
const NUMBER_LOCALES: Record<Lang, string> = { en: 'en-GB', uk: 'uk-UA' };

// inAddress: the address chose the language, so links to the other pages carry it on
const locale = $state<{ lang: Lang; inAddress: boolean }>({ lang: 'en', inAddress: false });
// the Ukrainian dictionary comes when a reader first asks for Ukrainian, not with every first paint
let uk = $state.raw<Record<string, string>>({});
let ukLoaded = false;
let wanted: Lang = 'en';

const helpers = {
	months: () => (locale.lang === 'uk' ? UK_MONTHS : MONTHS),
	/** a data text with an optional Ukrainian version beside it (a manifest's `i18n.uk`) */
	pick: (english: string, ukrainian?: string) => (locale.lang === 'uk' && ukrainian ? ukrainian : english)
};

/**
 * A `t` that also knows `more`: the Ukrainian of code that loads after the map's first paint (the
 * analysis panels, the tables), which would otherwise weigh on every first page load.
 */
export function translator(more: Record<string, string>) {
	return Object.assign((english: string): string => (locale.lang === 'uk' ? (more[english] ?? uk[english] ?? english) : english), helpers);
}

/** The interface language: English text is the key, Ukrainian comes from the dictionary. */
export const t = translator({});

export const lang = () => locale.lang;

/** Switches the interface, once its dictionary has come: until then the page stays in the language it was. */
export async function setLang(next: Lang): Promise<void> {
	wanted = next;
	if (next === 'uk' && !ukLoaded) {
		uk = (await import('./uk')).UK;
		ukLoaded = true;
	}
	// a later choice made while the dictionary loaded wins
	if (wanted !== next) return;
	locale.lang = next;
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The language a reader gets: the address's `lang` first, then the browser's preference. */
export function preferredLang(fromUrl: string | null, browser: readonly string[]): Lang {
	if (fromUrl === 'uk' || fromUrl === 'en') return fromUrl;
	return browser.some((l) => l.toLowerCase().startsWith('uk')) ? 'uk' : 'en';
}

/** In the browser, on a page without the atlas's own state (the tables, the bibliography): the language its reader gets. */
export function setReadersLang(): Promise<void> {
	const asked = new URLSearchParams(location.search).get('lang');
	locale.inAddress = LANGS.some((l) => l === asked);
	return setLang(preferredLang(asked, navigator.languages ?? [navigator.language]));
}

/** A link to another page of the atlas, keeping the language when the reader chose it by address. */
export const keepLang = (href: string): string => (locale.inAddress ? `${href}${href.includes('?') ? '&' : '?'}lang=${locale.lang}` : href);

/** A number as the reader's language writes it: 1,218.5 in English, 1 218,5 in Ukrainian. */
export const formatNumber = (n: number, digits = 0): string =>
	n.toLocaleString(NUMBER_LOCALES[locale.lang], { minimumFractionDigits: digits, maximumFractionDigits: digits });

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
	const key = `${language}:${digits}`;
	if (!rules.has(key)) rules.set(key, new Intl.PluralRules(language, { minimumFractionDigits: digits, maximumFractionDigits: digits }));
	const list = forms.split('|');
	const index = CATEGORIES[language].indexOf(rules.get(key)!.select(n));
	return list[index] ?? (index === 3 ? list[1] : undefined) ?? list.at(-1)!;
}

/** A count and its noun in the reader's language: `count(5, t('source|sources'))` is "5 джерел" in Ukrainian. */
export const count = (n: number, forms: string): string => `${formatNumber(n)} ${pluralForm(locale.lang, n, forms)}`;

/** A translated sentence with its {placeholders} filled, so each language keeps its own word order. */
export const fill = (text: string, values: Record<string, string | number>): string =>
	text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
