import { MONTHS, UK_MONTHS } from '../time/timeline';
import { fill, pluralForm, type Wording } from './grammar';

export { fill, pluralForm, UK_MONTHS };

const LANGS = ['en', 'uk'] as const;
export type Lang = (typeof LANGS)[number];

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

const langInAddress = () => typeof location !== 'undefined' && LANGS.some((l) => l === new URLSearchParams(location.search).get('lang'));

/**
 * Switches the interface language, once its dictionary has come: until then the page stays in
 * the language it was. `inAddress`: the reader chose it by the address (by default, whether the
 * address now says `lang`) or by a control whose choice the address will keep, so links to the
 * other pages carry it on.
 */
export async function setLang(next: Lang, inAddress = langInAddress()): Promise<void> {
	wanted = next;
	if (next === 'uk' && !ukLoaded) {
		uk = (await import('./uk')).UK;
		ukLoaded = true;
	}
	// a later choice made while the dictionary loaded wins
	if (wanted !== next) return;
	locale.lang = next;
	locale.inAddress = inAddress;
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The language a reader gets: the address's `lang` first, then the browser's preference. */
export function preferredLang(fromUrl: string | null, browser: readonly string[]): Lang {
	if (fromUrl === 'uk' || fromUrl === 'en') return fromUrl;
	return browser.some((l) => l.toLowerCase().startsWith('uk')) ? 'uk' : 'en';
}

/** In the browser, on a page without the atlas's own state (the tables, the bibliography): the language its reader gets. */
export function setReadersLang(): Promise<void> {
	return setLang(preferredLang(new URLSearchParams(location.search).get('lang'), navigator.languages ?? [navigator.language]));
}

/** A link to another page of the atlas, keeping the language when the reader chose it by address. */
export const keepLang = (href: string): string => (locale.inAddress ? `${href}${href.includes('?') ? '&' : '?'}lang=${locale.lang}` : href);

// toLocaleString with options builds a new ICU formatter on every call; the panels format
// hundreds of numbers as they first render, so each language and precision gets one, kept
const formatters = new Map<string, Intl.NumberFormat>();

/** A number as the reader's language writes it: 1,218.5 in English, 1 218,5 in Ukrainian. */
export function formatNumber(n: number, digits = 0): string {
	// a whole number under 1,000 is written the same in both languages, with no separator: the
	// legend's counts need no ICU formatter, whose first use costs ~70 ms of a phone's main thread
	if (digits === 0 && Number.isInteger(n) && n >= 0 && n < 1000) return String(n);
	const key = `${locale.lang}:${digits}`;
	let format = formatters.get(key);
	if (!format)
		formatters.set(key, (format = new Intl.NumberFormat(NUMBER_LOCALES[locale.lang], { minimumFractionDigits: digits, maximumFractionDigits: digits })));
	return format.format(n);
}

/** A count and its noun in the reader's language: `count(5, t('source|sources'))` is "5 джерел" in Ukrainian. */
export const count = (n: number, forms: string): string => `${formatNumber(n)} ${pluralForm(locale.lang, n, forms)}`;

/**
 * The reader's language for pure code that words sentences (the map in words), which cannot read
 * it itself. English keeps plain digits, as those sentences always had; Ukrainian groups thousands.
 */
export const wording = (): Wording => ({ lang: locale.lang, t, months: helpers.months(), number: (n) => (locale.lang === 'uk' ? formatNumber(n) : String(n)) });
