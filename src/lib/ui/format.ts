import { formatNumber, lang, pluralForm, translator } from '../i18n/i18n.svelte';
import { UK_ANALYSIS } from '../i18n/uk.analysis';

const t = translator(UK_ANALYSIS);

// the units the figures come in, with their plural forms; a unit the data adds later shows as written
const unitNames = (): Record<string, string> => ({
	km: t('km'),
	km2: t('km²'),
	'per km': t('per km'),
	'per 100 km2': t('per 100 km²'),
	miles: t('mile|miles'),
	times: t('time|times'),
	troops: t('troop|troops'),
	'troops (planned)': t('troop (planned)|troops (planned)'),
	personnel: t('personnel'),
	states: t('state|states')
});

/** A figure as readers expect it: thousands separators, km², one decimal for shares and ratios, in the reader's language. */
export function formatValue(value: number, unit: string): string {
	// a ratio of two figures reads as "55.4 times"
	const named = unit === 'ratio' ? 'times' : unit;
	const small = named === '%' || named === 'percent' || named === 'times' || named.startsWith('per') || Math.abs(value) < 10;
	const digits = small && !Number.isInteger(value) ? 1 : 0;
	const number = formatNumber(value, digits);
	if (named === '%' || named === 'percent') return `${number}%`;
	if (named === 'per') return number;
	return `${number} ${pluralForm(lang(), value, unitNames()[named] ?? named, digits)}`;
}

/**
 * A figure in a feature's card, in the reader's language: thousands grouped and no false
 * precision for large figures (116815.2 → "116,815"), the data's own decimals, up to two, for
 * small ones (a share of 19.56 stays 19.56).
 */
export function formatFigure(value: number): string {
	const decimals = (String(value).split('.')[1] ?? '').length;
	return formatNumber(value, Math.abs(value) >= 1000 ? 0 : Math.min(2, decimals));
}
