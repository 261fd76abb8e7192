// The base map's detail (rivers, lakes, towns) as vector tiles the map fetches only for the zooms
// and places a reader looks at, and the towns as a small search index. Read by the build from
// geodata/basemap/ (made by `npm run basemap`).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { pmtilesLayers } from './pmtilesArchive';
import type { PlaceProps } from './basemapPlaces';
import { DETAIL_FILE } from '../../src/lib/map/basemap';

/** The detail starts at the opening view's zoom (rounded down) and is cut down to this zoom; maplibre overzooms past it. */
export const DETAIL_ZOOMS = { min: 3, max: 8 } as const;
export const PLACES_FILE = 'data/places.json';

/** A town in the search index: English name, Ukrainian name, GeoNames' spelling if other, longitude, latitude, label zoom. */
export type PlaceRow = [string, string, string, number, number, number];

/** What a zoom's tiles carry: what is labelled or drawn from that zoom; the last zoom carries everything (it is overzoomed). */
const at = (f: Feature, z: number) => z === DETAIL_ZOOMS.max || Number(f.properties?.z) <= z;

export async function buildBasemapDetail(geodata: string, out: string) {
	const read = async <T>(name: string) => JSON.parse(await readFile(join(geodata, 'basemap', name), 'utf8')) as T;
	const places = await read<FeatureCollection<Point, PlaceProps>>('places.geojson');
	const water = await read<FeatureCollection>('water.geojson');
	const archive = pmtilesLayers(
		[
			{ name: 'water', data: water, at },
			{ name: 'places', data: places, at }
		],
		{ minZoom: DETAIL_ZOOMS.min, maxZoom: DETAIL_ZOOMS.max, gzip: true }
	);
	await writeFile(join(out, DETAIL_FILE), archive);
	const rows: PlaceRow[] = places.features.map((f) => {
		const p = f.properties;
		const [lon, lat] = f.geometry.coordinates;
		return [p.name, p.name_uk === p.name ? '' : p.name_uk, p.alt ?? '', lon, lat, p.z];
	});
	await writeFile(join(out, PLACES_FILE), JSON.stringify(rows));
	return { bytes: archive.length, places: rows.length, water: water.features.length };
}
