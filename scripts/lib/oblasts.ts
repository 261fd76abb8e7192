// Ukraine's 27 first-level units as the atlas names them: Natural Earth's admin-1 shapes, renamed
// (the national transliteration of 2010 and the Ukrainian name) and coded (ISO 3166-2:UA). Pure, so
// the table and the point-in-oblast rule are tested.
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** An oblast's ISO 3166-2 code, its names, and the shorter names its label on the map uses. */
export type OblastRow = { iso: string; en: string; uk: string; label?: { en: string; uk: string } };

/**
 * Natural Earth's `adm1_code` → the atlas's names. Natural Earth's own names are old romanisations
 * ("Kiev", "Odessa", "Zaporizhzhya") and its ISO codes are blank.
 */
export const OBLASTS: Record<string, OblastRow> = {
	'UKR-323': { iso: 'UA-05', en: 'Vinnytsia oblast', uk: 'Вінницька область' },
	'UKR-318': { iso: 'UA-07', en: 'Volyn oblast', uk: 'Волинська область' },
	'UKR-329': { iso: 'UA-09', en: 'Luhansk oblast', uk: 'Луганська область' },
	'UKR-326': { iso: 'UA-12', en: 'Dnipropetrovsk oblast', uk: 'Дніпропетровська область' },
	'UKR-327': { iso: 'UA-14', en: 'Donetsk oblast', uk: 'Донецька область' },
	'UKR-324': { iso: 'UA-18', en: 'Zhytomyr oblast', uk: 'Житомирська область' },
	'UKR-293': { iso: 'UA-21', en: 'Zakarpattia oblast', uk: 'Закарпатська область' },
	'UKR-331': { iso: 'UA-23', en: 'Zaporizhzhia oblast', uk: 'Запорізька область' },
	'UKR-289': { iso: 'UA-26', en: 'Ivano-Frankivsk oblast', uk: 'Івано-Франківська область' },
	'UKR-4826': { iso: 'UA-30', en: 'Kyiv', uk: 'Київ' },
	'UKR-321': { iso: 'UA-32', en: 'Kyiv oblast', uk: 'Київська область' },
	'UKR-320': { iso: 'UA-35', en: 'Kirovohrad oblast', uk: 'Кіровоградська область' },
	'UKR-5482': { iso: 'UA-40', en: 'Sevastopol', uk: 'Севастополь' },
	'UKR-283': {
		iso: 'UA-43',
		en: 'Autonomous Republic of Crimea',
		uk: 'Автономна Республіка Крим',
		label: { en: 'Crimea', uk: 'Крим' }
	},
	'UKR-291': { iso: 'UA-46', en: 'Lviv oblast', uk: 'Львівська область' },
	'UKR-284': { iso: 'UA-48', en: 'Mykolaiv oblast', uk: 'Миколаївська область' },
	'UKR-322': { iso: 'UA-51', en: 'Odesa oblast', uk: 'Одеська область' },
	'UKR-330': { iso: 'UA-53', en: 'Poltava oblast', uk: 'Полтавська область' },
	'UKR-286': { iso: 'UA-56', en: 'Rivne oblast', uk: 'Рівненська область' },
	'UKR-325': { iso: 'UA-59', en: 'Sumy oblast', uk: 'Сумська область' },
	'UKR-292': { iso: 'UA-61', en: 'Ternopil oblast', uk: 'Тернопільська область' },
	'UKR-328': { iso: 'UA-63', en: 'Kharkiv oblast', uk: 'Харківська область' },
	'UKR-4827': { iso: 'UA-65', en: 'Kherson oblast', uk: 'Херсонська область' },
	'UKR-290': { iso: 'UA-68', en: 'Khmelnytskyi oblast', uk: 'Хмельницька область' },
	'UKR-319': { iso: 'UA-71', en: 'Cherkasy oblast', uk: 'Черкаська область' },
	'UKR-285': { iso: 'UA-74', en: 'Chernihiv oblast', uk: 'Чернігівська область' },
	'UKR-288': { iso: 'UA-77', en: 'Chernivtsi oblast', uk: 'Чернівецька область' }
};

/** An oblast as the base map carries it. `label`/`label_uk` are the names on the map; `name`/`name_uk` the full ones. */
export type OblastProps = { iso: string; name: string; name_uk: string; label: string; label_uk: string };
export type Oblasts = FeatureCollection<Polygon | MultiPolygon, OblastProps>;

/** Natural Earth's admin-1 for Ukraine, renamed and recoded; throws naming any unit the table lacks (or lacks in the file). */
export function renameOblasts(ne: FeatureCollection): Oblasts {
	const seen = new Set<string>();
	const features = ne.features.map((f): Feature<Polygon | MultiPolygon, OblastProps> => {
		const code = String(f.properties?.adm1_code ?? '');
		const row = OBLASTS[code];
		if (!row) throw new Error(`admin-1 unit ${code} (${f.properties?.name}) is not in the oblast table`);
		seen.add(code);
		const label = row.label ?? row;
		return {
			type: 'Feature',
			properties: { iso: row.iso, name: row.en, name_uk: row.uk, label: label.en, label_uk: label.uk },
			geometry: f.geometry as Polygon | MultiPolygon
		};
	});
	const missing = Object.keys(OBLASTS).filter((code) => !seen.has(code));
	if (missing.length) throw new Error(`admin-1 units missing from the file: ${missing.join(', ')}`);
	return { type: 'FeatureCollection', features: features.sort((a, b) => a.properties.iso.localeCompare(b.properties.iso)) };
}

/**
 * The ISO code of the oblast a point lies in, or null outside Ukraine's units. Kyiv city lies inside
 * Kyiv oblast's outer ring in some sources: the smaller unit wins.
 *
 * @example
 * oblastOf([37.18, 48.28], oblasts) // 'UA-14' (Pokrovsk, Donetsk oblast)
 */
export function oblastOf(point: [number, number], oblasts: Oblasts): string | null {
	const hits = oblasts.features.filter((f) => booleanPointInPolygon(point, f));
	if (!hits.length) return null;
	if (hits.length === 1) return hits[0].properties.iso;
	// the city inside its oblast: prefer the city
	return (hits.find((f) => f.properties.iso === 'UA-30' || f.properties.iso === 'UA-40') ?? hits[0]).properties.iso;
}
