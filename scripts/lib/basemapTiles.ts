// The base map's detail (rivers, lakes, towns) as vector tiles the map fetches only for the zooms
// and places a reader looks at, and the towns as a small search index. Read by the build from
// geodata/basemap/ (made by `npm run basemap`).
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Point } from 'geojson';
import pointOnFeature from '@turf/point-on-feature';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import turfBbox from '@turf/bbox';
import { pmtilesLayers } from './pmtilesArchive';
import type { PlaceProps } from './basemapPlaces';
import type { Oblasts } from './oblasts';
import { DETAIL_FILE, OBLAST_LINES_FROM, OBLAST_NAMES_FROM } from '../../src/lib/map/basemap';
import type { TownIndex, TownRow } from '../../src/lib/geo/places';

/** The detail starts at the opening view's zoom (rounded down) and is cut down to this zoom; maplibre overzooms past it. */
const DETAIL_ZOOMS = { min: 3, max: 8 } as const;
const PLACES_FILE = 'data/places.json';

/** What a zoom's tiles carry: what is labelled or drawn from that zoom; the last zoom carries everything (it is overzoomed). */
const at = (f: Feature, z: number) => z === DETAIL_ZOOMS.max || Number(f.properties?.z) <= z;

export async function buildBasemapDetail(geodata: string, out: string) {
	const read = async <T>(name: string) => JSON.parse(await readFile(join(geodata, 'basemap', name), 'utf8')) as T;
	const places = await read<FeatureCollection<Point, PlaceProps>>('places.geojson');
	const water = await read<FeatureCollection>('water.geojson');
	const oblasts = await read<Oblasts>('oblasts.geojson');
	const archive = pmtilesLayers(
		[
			{ name: 'water', data: water, at },
			{ name: 'places', data: places, at },
			// the oblasts' shapes (their boundaries are drawn) from a zoom before they show, so tiles are ready
			{ name: 'oblasts', data: oblasts, at: (_, z) => z >= OBLAST_LINES_FROM - 1 },
			{ name: 'oblast-labels', data: oblastLabels(oblasts), at: (_, z) => z >= OBLAST_NAMES_FROM - 1 }
		],
		{ minZoom: DETAIL_ZOOMS.min, maxZoom: DETAIL_ZOOMS.max, gzip: true }
	);
	await writeFile(join(out, DETAIL_FILE), archive);
	const index = townIndex(places, oblasts);
	await writeFile(join(out, PLACES_FILE), JSON.stringify(index));
	return { bytes: archive.length, places: index.towns.length, water: water.features.length };
}

/** From this zoom an oblast's name repeats across it, so that a view of a few towns still says which oblast it shows. */
const OBLAST_NAMES_REPEAT_FROM = 7;

/**
 * Where oblasts are named: one point inside each (from zoom 6), and, from zoom 7, a point every
 * degree well inside it (every half degree from zoom 9), so a close view still names it: maplibre drops those a town's name would overlap.
 */
function oblastLabels(oblasts: Oblasts): FeatureCollection<Point> {
	const features: Feature<Point>[] = [];
	for (const f of oblasts.features) {
		const properties = { iso: f.properties.iso, name: f.properties.label, name_uk: f.properties.label_uk };
		const main = pointOnFeature(f).geometry.coordinates;
		features.push({ type: 'Feature', properties: { ...properties, z: OBLAST_NAMES_FROM }, geometry: { type: 'Point', coordinates: main } });
		const [w, s, e, n] = turfBbox(f);
		for (let x = Math.floor(w) + 0.25; x <= e; x += 0.5)
			for (let y = Math.floor(s) + 0.25; y <= n; y += 0.5) {
				const inside = [
					[0, 0],
					[0.2, 0],
					[-0.2, 0],
					[0, 0.12],
					[0, -0.12]
				].every(([dx, dy]) => booleanPointInPolygon([x + dx, y + dy], f));
				if (inside && Math.hypot(x - main[0], y - main[1]) > 0.35)
					// every degree from zoom 7, every half degree from zoom 8
					features.push({
						type: 'Feature',
						properties: {
							...properties,
							z: x - Math.floor(x) === 0.25 && y - Math.floor(y) === 0.25 ? OBLAST_NAMES_REPEAT_FROM : OBLAST_NAMES_REPEAT_FROM + 2
						},
						geometry: { type: 'Point', coordinates: [x, y] }
					});
			}
	}
	return { type: 'FeatureCollection', features };
}

const countryNames = { en: new Intl.DisplayNames(['en'], { type: 'region' }), uk: new Intl.DisplayNames(['uk'], { type: 'region' }) };

/**
 * The search index: every labelled town, and where it is, in both languages ("Donetsk oblast,
 * Ukraine", "Poland"), so the browser never tests a point against a polygon.
 */
export function townIndex(places: FeatureCollection<Point, PlaceProps>, oblasts: Oblasts): TownIndex {
	const where: TownIndex['where'] = {};
	const ukraine: [string, string] = [countryNames.en.of('UA')!, countryNames.uk.of('UA')!];
	for (const o of oblasts.features) where[o.properties.iso] = [`${o.properties.name}, ${ukraine[0]}`, `${o.properties.name_uk}, ${ukraine[1]}`];
	const towns = places.features.map((f): TownRow => {
		const p = f.properties;
		const [lon, lat] = f.geometry.coordinates;
		const at = p.region ?? p.country;
		if (!where[at]) where[at] = [countryNames.en.of(at) ?? at, countryNames.uk.of(at) ?? at];
		return [p.name, p.name_uk === p.name ? '' : p.name_uk, p.alt ?? '', lon, lat, p.z, at];
	});
	return { where, towns };
}
