import { describe, expect, it } from 'vitest';
import { transliterate } from '../../src/lib/i18n/translit';

// the examples printed in the resolution's own table, and the places the atlas labels
const OFFICIAL: [string, string][] = [
	['Алушта', 'Alushta'],
	['Борщагівка', 'Borshchahivka'],
	['Вишгород', 'Vyshhorod'],
	['Гадяч', 'Hadiach'],
	['Згорани', 'Zghorany'],
	['Ґалаґан', 'Galagan'],
	['Рівне', 'Rivne'],
	['Єнакієве', 'Yenakiieve'],
	['Наєнко', 'Naienko'],
	['Житомир', 'Zhytomyr'],
	['Закарпаття', 'Zakarpattia'],
	['Медвин', 'Medvyn'],
	['Іршава', 'Irshava'],
	['Їжакевич', 'Yizhakevych'],
	['Кадіївка', 'Kadiivka'],
	['Йосипівка', 'Yosypivka'],
	['Стрий', 'Stryi'],
	['Олексій', 'Oleksii'],
	['Київ', 'Kyiv'],
	['Миколаїв', 'Mykolaiv'],
	['Ніжин', 'Nizhyn'],
	['Одеса', 'Odesa'],
	['Ужгород', 'Uzhhorod'],
	['Харків', 'Kharkiv'],
	['Біла Церква', 'Bila Tserkva'],
	['Чернівці', 'Chernivtsi'],
	['Гоща', 'Hoshcha'],
	['Русь', 'Rus'],
	['Юрій', 'Yurii'],
	['Крюківка', 'Kriukivka'],
	['Яготин', 'Yahotyn'],
	['Ічня', 'Ichnia'],
	["Знам'янка", 'Znamianka']
];
const ATLAS: [string, string][] = [
	['Запоріжжя', 'Zaporizhzhia'],
	['Куп’янськ', 'Kupiansk'],
	['Гуляйполе', 'Huliaipole'],
	['Костянтинівка', 'Kostiantynivka'],
	['Сіверськ', 'Siversk'],
	['Лиман', 'Lyman'],
	['Оріхів', 'Orikhiv'],
	['Кривий Ріг', 'Kryvyi Rih'],
	['Сєвєродонецьк', 'Sievierodonetsk'],
	['Білгород-Дністровський', 'Bilhorod-Dnistrovskyi'],
	['Часів Яр', 'Chasiv Yar'],
	['Енергодар', 'Enerhodar']
];

describe('transliterate', () => {
	it.each(OFFICIAL)('writes %s as the resolution does', (uk, en) => expect(transliterate(uk)).toBe(en));
	it.each(ATLAS)('writes %s as newsrooms do', (uk, en) => expect(transliterate(uk)).toBe(en));
	it('leaves Latin letters, digits and punctuation alone', () => expect(transliterate('Rzeszów (2)')).toBe('Rzeszów (2)'));
});
