import { afterEach, describe, expect, it } from 'vitest';
import { formatFigure, formatValue } from '../../src/lib/ui/format';
import { setLang } from '../../src/lib/i18n/i18n.svelte';

describe('formatValue', () => {
	afterEach(() => setLang('en'));

	it('writes figures as English readers expect them', () => {
		expect(formatValue(597_123.4, 'km2')).toBe('597,123 km²');
		expect(formatValue(55.43, 'times')).toBe('55.4 times');
		expect(formatValue(55.4, 'ratio')).toBe('55.4 times');
		expect(formatValue(19.04, 'percent')).toBe('19.0%');
		expect(formatValue(82.1, 'per')).toBe('82.1');
		expect(formatValue(100_000, 'troops')).toBe('100,000 troops');
		expect(formatValue(1, 'states')).toBe('1 state');
		expect(formatValue(12, 'furlongs')).toBe('12 furlongs'); // a unit it does not know, as written
	});

	it('and as Ukrainian readers do, with the unit in the form its number takes', async () => {
		await setLang('uk');
		expect(formatValue(597_123.4, 'km2')).toBe('597\u00a0123 км²');
		expect(formatValue(55.43, 'times')).toBe('55,4 раза');
		expect(formatValue(50, 'times')).toBe('50 разів');
		expect(formatValue(19.04, 'percent')).toBe('19,0%');
		expect(formatValue(100_000, 'troops')).toBe('100\u00a0000 військових');
		expect(formatValue(35, 'states')).toBe('35 держав');
		expect(formatValue(22, 'states')).toBe('22 держави');
		expect(formatValue(64_000, 'personnel')).toBe('64\u00a0000 осіб');
		expect(formatValue(900, 'miles')).toBe('900 миль');
		expect(formatValue(8.2, 'per 100 km2')).toBe('8,2 на 100 км²');
	});
});

describe('formatFigure, a number in a feature’s card', () => {
	afterEach(() => setLang('en'));

	it('groups thousands and drops false precision from large figures, keeps a small one’s decimals', async () => {
		expect(formatFigure(116675.3)).toBe('116,675');
		expect(formatFigure(1151.6)).toBe('1,152');
		expect(formatFigure(19.54)).toBe('19.54');
		expect(formatFigure(0.5)).toBe('0.5');
		expect(formatFigure(300)).toBe('300');
		await setLang('uk');
		expect(formatFigure(116675.3)).toBe('116\u00a0675');
		expect(formatFigure(19.54)).toBe('19,54');
	});
});
