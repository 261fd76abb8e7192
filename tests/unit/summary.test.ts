import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { setLang, wording } from '../../src/lib/i18n/i18n.svelte';
import type { Wording } from '../../src/lib/i18n/grammar';
import { summarySentence, viewSentences } from '../../src/lib/content/summary';
import type { LayerDef } from '../../src/lib/manifest/schema';

// the map in words, as a screen reader hears it, in English and in Ukrainian
const N = '\u00a0'; // Ukrainian groups thousands with a no-break space
const named = (n: number): Feature[] =>
	Array.from({ length: n }, (_, i) => ({ type: 'Feature', properties: { name: `Base ${i + 1}` }, geometry: { type: 'Point', coordinates: [20 + i, 50] } }));
/** a layer entry with only a title, as the sentences read it */
const layer = (title: string) => ({ title, style: {} }) as LayerDef;
const list = (n: number) => Array.from({ length: Math.min(n, 6) }, (_, i) => `Base ${i + 1}`).join('; ');

/** `n` incidents in view, `inPoland` of them in Poland and the rest in Lithuania, the latest on `latest`. */
const incidents = (n: number, inPoland: number, latest = '2025-09-10') =>
	Array.from({ length: n }, (_, i) => ({
		kind: 'Incursions',
		layerId: 'incursions',
		properties: { country: i < inPoland ? 'Poland' : 'Lithuania', date: i === 0 ? latest : '2023-01-05' }
	}));

// the dictionary loads on the first switch; after it, a switch takes effect at once
beforeAll(async () => {
	await setLang('uk');
	await setLang('en');
});
function ukrainian(): Wording {
	void setLang('uk');
	return wording();
}
afterEach(() => setLang('en'));

describe('what each layer shows, in English', () => {
	it('stays as it was written', () => {
		expect(summarySentence({ def: layer('Air bases'), features: named(1), legend: [] })).toBe('Air bases: 1 feature (Base 1).');
		expect(summarySentence({ def: layer('Air bases'), features: named(2), legend: [] })).toBe('Air bases: 2 features (Base 1; Base 2).');
		expect(summarySentence({ def: layer('Air bases'), features: named(21), legend: [] })).toBe(`Air bases: 21 features (${list(21)}, and 15 more).`);
		const legend = [
			{ label: 'Drone', color: '#d53f8c', count: 3 },
			{ label: 'Balloon', color: '#805ad5', count: 2 },
			{ label: 'Missile', color: '#c05621', count: 0 }
		];
		expect(summarySentence({ def: layer('Incursions'), features: named(5), legend })).toBe(
			`Incursions: 5 features (${list(5)}). By class: Drone 3, Balloon 2.`
		);
		expect(summarySentence({ def: layer('Air bases'), features: named(1218), legend: [] })).toBe(`Air bases: 1218 features (${list(1218)}, and 1212 more).`);
	});

	it('takes the English wording the interface gives when the language is English', () => {
		expect(summarySentence({ def: layer('Air bases'), features: named(21), legend: [] }, wording())).toBe(
			summarySentence({ def: layer('Air bases'), features: named(21), legend: [] })
		);
		expect(viewSentences(incidents(21, 12), wording())).toEqual(viewSentences(incidents(21, 12)));
	});
});

describe('what each layer shows, in Ukrainian', () => {
	it('counts the features with the noun each number takes', () => {
		const uk = ukrainian();
		const sentence = (n: number) => summarySentence({ def: layer('Авіабази'), features: named(n), legend: [] }, uk);
		expect(sentence(1)).toBe("Авіабази: 1 об'єкт (Base 1).");
		expect(sentence(2)).toBe("Авіабази: 2 об'єкти (Base 1; Base 2).");
		expect(sentence(5)).toBe(`Авіабази: 5 об'єктів (${list(5)}).`);
		expect(sentence(21)).toBe(`Авіабази: 21 об'єкт (${list(21)}, і ще 15).`);
		expect(sentence(1218)).toBe(`Авіабази: 1${N}218 об'єктів (${list(1218)}, і ще 1${N}212).`);
	});

	it('names the classes in Ukrainian, the data’s labels as written', () => {
		const legend = [
			{ label: 'Drone', color: '#d53f8c', count: 3 },
			{ label: 'Balloon', color: '#805ad5', count: 2 }
		];
		expect(summarySentence({ def: layer('Вторгнення'), features: named(5), legend }, ukrainian())).toBe(
			`Вторгнення: 5 об'єктів (${list(5)}). За класами: Drone 3, Balloon 2.`
		);
	});
});

describe('what the view shows', () => {
	it('in English, as a screen reader has always heard it', () => {
		expect(viewSentences(incidents(21, 12))).toEqual(['Incursions in view: 21, 12 in Poland, latest 10 Sep 2025.']);
		expect(viewSentences(incidents(1, 1, '2024-01-03'))).toEqual(['Incursions in view: 1, all in Poland, latest 3 Jan 2024.']);
	});

	it('in Ukrainian, with Ukrainian months and the countries as the base map names them', () => {
		const uk = ukrainian();
		expect(viewSentences(incidents(1, 1, '2024-01-03'), uk)).toEqual(['Incursions в полі зору: 1, усі — Poland, востаннє 3 січ 2024.']);
		expect(viewSentences(incidents(2, 2), uk)).toEqual(['Incursions в полі зору: 2, усі — Poland, востаннє 10 вер 2025.']);
		expect(viewSentences(incidents(5, 3, '2025-11-30'), uk)).toEqual(['Incursions в полі зору: 5, з них 3 — Poland, востаннє 30 лис 2025.']);
		expect(viewSentences(incidents(21, 12), uk)).toEqual(['Incursions в полі зору: 21, з них 12 — Poland, востаннє 10 вер 2025.']);
		expect(viewSentences([...incidents(1218, 1000)], uk)[0]).toMatch(new RegExp(`^Incursions в полі зору: 1${N}218, з них 1${N}000 — Poland,`));
	});
});

describe('the map in words, in the features’ own Ukrainian', () => {
	it('names features by name_uk, classes by the manifest’s Ukrainian, countries by country_uk', () => {
		const def = {
			title: 'Incursions',
			style: {
				by: {
					property: 'craft',
					categories: [
						{ value: 'drone', label: 'Drone', color: '#d53f8c' },
						{ value: 'balloon', label: 'Balloon', color: '#805ad5' }
					]
				}
			},
			i18n: { uk: { title: 'Вторгнення', categories: { drone: 'Дрон', balloon: 'Повітряна куля' } } }
		} as unknown as LayerDef;
		const features: Feature[] = [
			{
				type: 'Feature',
				properties: { name: 'Drone over Rzeszów', name_uk: 'Дрон над Ряшевом', craft: 'drone' },
				geometry: { type: 'Point', coordinates: [22, 50] }
			}
		];
		const legend = [
			{ label: 'Drone', color: '#d53f8c', value: 'drone', count: 1 },
			{ label: 'Balloon', color: '#805ad5', value: 'balloon', count: 0 }
		];
		expect(summarySentence({ def, features, legend }, ukrainian())).toBe("Вторгнення: 1 об'єкт (Дрон над Ряшевом). За класами: Дрон 1.");
		expect(summarySentence({ def, features, legend })).toBe('Incursions: 1 feature (Drone over Rzeszów). By class: Drone 1.');
		const inView = [{ kind: 'Вторгнення', layerId: 'incursions', properties: { country: 'Poland', country_uk: 'Польща', date: '2025-09-10' } }];
		expect(viewSentences(inView, ukrainian())[0]).toContain('усі — Польща');
	});
});
