// Ukrainian names in Latin letters by the national transliteration (Cabinet of Ministers of Ukraine
// resolution No. 55 of 27 January 2010), the spelling newsrooms use: Київ Kyiv, Запоріжжя
// Zaporizhzhia, Куп'янськ Kupiansk. The soft sign and the apostrophe are dropped; є, ї, й, ю, я
// are written ye, yi, y, yu, ya at the start of a word and ie, i, i, iu, ia elsewhere; зг is zgh.

const LETTERS: Record<string, string> = {
	а: 'a',
	б: 'b',
	в: 'v',
	г: 'h',
	ґ: 'g',
	д: 'd',
	е: 'e',
	є: 'ie',
	ж: 'zh',
	з: 'z',
	и: 'y',
	і: 'i',
	ї: 'i',
	й: 'i',
	к: 'k',
	л: 'l',
	м: 'm',
	н: 'n',
	о: 'o',
	п: 'p',
	р: 'r',
	с: 's',
	т: 't',
	у: 'u',
	ф: 'f',
	х: 'kh',
	ц: 'ts',
	ч: 'ch',
	ш: 'sh',
	щ: 'shch',
	ь: '',
	ю: 'iu',
	я: 'ia',
	"'": '',
	'’': '',
	ʼ: ''
};
/** at the start of a word */
const INITIAL: Record<string, string> = { є: 'ye', ї: 'yi', й: 'y', ю: 'yu', я: 'ya' };

const isLetter = (c: string | undefined) => c !== undefined && /\p{L}/u.test(c);

/**
 * A Ukrainian name in the national transliteration.
 *
 * @example
 * transliterate('Куп’янськ') // 'Kupiansk'
 * transliterate('Згорани') // 'Zghorany'
 */
export function transliterate(name: string): string {
	const chars = [...name];
	let out = '';
	chars.forEach((c, i) => {
		const lower = c.toLowerCase();
		const upper = c !== lower;
		const apostrophe = (x: string | undefined) => x === "'" || x === '’' || x === 'ʼ';
		const initial = !isLetter(chars[i - 1]) && !apostrophe(chars[i - 1]);
		let latin = initial ? (INITIAL[lower] ?? LETTERS[lower]) : LETTERS[lower];
		if (lower === 'г' && chars[i - 1]?.toLowerCase() === 'з') latin = 'gh';
		if (latin === undefined) return void (out += c);
		out += upper && latin ? latin[0].toUpperCase() + latin.slice(1) : latin;
	});
	return out;
}
