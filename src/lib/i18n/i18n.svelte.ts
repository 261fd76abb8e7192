import { UK } from './uk';
import { MONTHS } from '../time/timeline';

const LANGS = ['en', 'uk'] as const;
export type Lang = (typeof LANGS)[number];

const UK_MONTHS = ['січ', 'лют', 'бер', 'кві', 'тра', 'чер', 'лип', 'сер', 'вер', 'жов', 'лис', 'гру'];

const locale = $state<{ lang: Lang }>({ lang: 'en' });

/** The interface language: English text is the key, Ukrainian comes from the dictionary. */
export const t = Object.assign((english: string): string => (locale.lang === 'uk' ? (UK[english] ?? english) : english), {
	months: () => (locale.lang === 'uk' ? UK_MONTHS : MONTHS),
	/** a data text with an optional Ukrainian version beside it (a manifest's `i18n.uk`) */
	pick: (english: string, ukrainian?: string) => (locale.lang === 'uk' && ukrainian ? ukrainian : english)
});

export const lang = () => locale.lang;

export function setLang(next: Lang): void {
	locale.lang = next;
	if (typeof document !== 'undefined') document.documentElement.lang = next;
}

/** The language a reader gets: the address's `lang` first, then the browser's preference. */
export function preferredLang(fromUrl: string | null, browser: readonly string[]): Lang {
	if (fromUrl === 'uk' || fromUrl === 'en') return fromUrl;
	return browser.some((l) => l.toLowerCase().startsWith('uk')) ? 'uk' : 'en';
}
