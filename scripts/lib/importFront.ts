// `npm run layer -- import-front <folder>`: DeepState's occupied polygons (cyterat/deepstate-map-data
// snapshots) to the dated series in geodata/front/: the occupied area, the front line and the change
// of each snapshot, simplified for the screen, and versions.json with every figure, computed from the
// unsimplified input. Same input, same bytes: every decision is a constant below.
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import area from '@turf/area';
import length from '@turf/length';
import simplify from '@turf/simplify';
import type { Feature, FeatureCollection, Geometry, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { countryGeometry, recogniseCrimeaAsUkraine, UKRAINE_ID, type CountriesTopology } from '../../src/lib/geo/recognisedBorders';
import { BORDER_TOLERANCE_KM, frontLine } from '../../src/lib/geo/frontLine';
import { frontLengths } from '../../src/lib/geo/frontLengths';
import { areaChange } from '../../src/lib/geo/areaChange';
import { oblastShares, sharesText, type OblastShare } from '../../src/lib/geo/oblastShares';

/** The snapshots read: cyterat's file names, the date in the name. */
export const SNAPSHOT_FILE = /^deepstatemap_data_(\d{4})(\d{2})(\d{2})\.geojson$/;
/** Where the series goes, inside the geodata folder; versions.json names files relative to geodata/. */
export const FRONT_DIR = 'front';
export const VERSIONS_FILE = 'versions.json';
/** What each snapshot's share of every oblast is measured against. */
export const OBLASTS_FILE = 'basemap/oblasts.geojson';
export const fileName = (kind: 'occupied' | 'front' | 'change' | 'change-summit', asOf: string) => `${kind}-${asOf}.geojson`;
/**
 * The manifest's layers that draw the series, and which of a version's files each draws. The
 * import writes their dated `versions` (and `file` and `asOf`, the latest's) into geodata/layers.json;
 * every other field of the entries is the editors'.
 */
const SERIES_LAYERS = { occupied: 'occupied', 'front-line': 'front', 'front-change': 'change', 'front-change-summit': 'changeSinceSummit' } as const;
/** The Paris summit of the coalition of the willing: every later snapshot is also compared with it. */
export const SUMMIT = '2025-09-04';
/** Every feature cites DeepState and the repository it comes through (keys of geodata/sources.json). */
export const SOURCES = ['deepstatemap-live', 'cyterat-deepstate-map-data'];
/** DeepState's map is one credible outlet's assessment, not an official statement. */
export const CONFIDENCE = 'reported';
/**
 * Recognised Ukraine, Crimea moved from Russia: Natural Earth 1:10m, which follows DeepState's
 * border and coast more closely than the base map's 1:50m (of the 2025-09-04 polygon's 3,038
 * vertices, 1,743 lie within 3 km of the 10m outline, 1,453 of the 50m one).
 */
const WORLD_ATLAS = new URL('../../node_modules/world-atlas/countries-10m.json', import.meta.url).pathname;
/**
 * The files are simplified (Douglas-Peucker, 48.5° N equirectangular) within this many km of
 * DeepState's line: three quarters of a pixel at zoom 8 (405 m a pixel at 48.5° N). Measured on the
 * 29 snapshots: 0.2 km keeps every file under 42 KB (2.17 MB in all), 0.3 km under 37 KB (1.80 MB),
 * 0.4 km under 34 KB (1.53 MB); 0.3 is the coarsest still under a pixel at zoom 8 with every
 * file under 40 KB. The figures come from the unsimplified polygons.
 */
export const SCREEN_TOLERANCE_KM = 0.3;
/**
 * Rings smaller than this (100 m square, a quarter of a pixel at zoom 8) are left out of the files,
 * not the figures: DeepState's polygons hold a few, some of them degenerate (all points in a line).
 */
const MIN_SCREEN_RING_KM2 = 0.01;
/** Coordinates: 5 decimals, 1.1 m. */
const COORDINATE_DECIMALS = 5;
/** Areas and lengths to 0.1 km² and 0.1 km, shares in percent to 0.01. */
export const FIGURE_DECIMALS = 1;
const SHARE_DECIMALS = 2;

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const PROJECTION_LATITUDE = 48.5;
const KM_PER_DEGREE = 110.574;

export interface FrontVersion {
	asOf: string;
	occupied: string;
	front: string;
	/** what changed since the snapshot before (null for the first, or where nothing did) */
	change: string | null;
	/** what changed since the Paris summit (null before and at it) */
	changeSinceSummit: string | null;
	areaKm2: number;
	shareOfUkraine: number;
	frontKm: number;
	frontSmoothedKm: number;
	gainedKm2: number | null;
	lostKm2: number | null;
	gainedSinceSummitKm2: number | null;
	lostSinceSummitKm2: number | null;
	/** how much of each oblast is occupied (where geodata/basemap/oblasts.geojson is there to measure against) */
	oblasts?: OblastShare[];
}

type Occupied = Feature<Polygon | MultiPolygon>;

export const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
export const km2 = (g: Geometry | Feature) => area(g) / 1e6;
export const longDate = (iso: string) => `${Number(iso.slice(8))} ${MONTHS[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)}`;
// the features' Ukrainian (`name_uk`, `note_uk`): a day as Ukrainian writes it, the month in the genitive
const UK_MONTHS_OF = ['січня', 'лютого', 'березня', 'квітня', 'травня', 'червня', 'липня', 'серпня', 'вересня', 'жовтня', 'листопада', 'грудня'];
export const longDateUk = (iso: string) => `${Number(iso.slice(8))} ${UK_MONTHS_OF[Number(iso.slice(5, 7)) - 1]} ${iso.slice(0, 4)} року`;
const kmUk = (km: number) => String(km).replace('.', ',');

/** Simplified for the screen and rounded, consecutive repeats removed (rings kept closed). */
export function forScreen<G extends Polygon | MultiPolygon | MultiLineString>(geometry: G): G {
	const k = Math.cos((PROJECTION_LATITUDE * Math.PI) / 180);
	const map = (g: G, f: (p: Position) => Position): G => JSON.parse(JSON.stringify(g), (key, v) => (Array.isArray(v) && typeof v[0] === 'number' ? f(v) : v));
	const visible = (ring: Position[]) => km2({ type: 'Polygon', coordinates: [ring] }) >= MIN_SCREEN_RING_KM2;
	const kept: G =
		geometry.type === 'MultiLineString'
			? geometry
			: ({
					type: 'MultiPolygon',
					coordinates: (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates).filter((p) => visible(p[0])).map((p) => p.filter(visible))
				} as G);
	const projected = map(kept, ([x, y]) => [x * k, y]);
	const simplified = simplify(projected, { tolerance: SCREEN_TOLERANCE_KM / KM_PER_DEGREE, highQuality: true });
	const back = map(simplified, ([x, y]) => [round(x / k, COORDINATE_DECIMALS), round(y, COORDINATE_DECIMALS)]);
	const dedupe = (line: Position[]) => line.filter((p, i) => i === 0 || p[0] !== line[i - 1][0] || p[1] !== line[i - 1][1]);
	if (back.type === 'MultiLineString') return { ...back, coordinates: back.coordinates.map(dedupe).filter((l) => l.length > 1) };
	const polygons = back.type === 'Polygon' ? [back.coordinates] : back.coordinates;
	return { type: 'MultiPolygon', coordinates: polygons.map((p) => p.map(dedupe).filter((r) => r.length >= 4)).filter((p) => p.length > 0) } as G;
}

/** One feature a line, so a version's diff reads feature by feature; keys in the order written. */
export const collection = (features: Feature[]) => `{"type":"FeatureCollection","features":[\n${features.map((f) => JSON.stringify(f)).join(',\n')}\n]}\n`;

export async function readSnapshot(path: string, name: string): Promise<Occupied> {
	const json = JSON.parse(await readFile(path, 'utf8')) as FeatureCollection;
	const polygons = json.features?.filter((f) => f.geometry?.type === 'Polygon' || f.geometry?.type === 'MultiPolygon') ?? [];
	if (polygons.length !== 1 || json.features.length !== 1)
		throw new Error(`${name}: one Polygon or MultiPolygon feature expected, ${json.features?.length ?? 0} feature(s) found`);
	return polygons[0] as Occupied;
}

/** Recognised Ukraine (Crimea included) from world-atlas, and its geodesic area in km². */
export async function recognisedUkraine(worldAtlas = WORLD_ATLAS): Promise<MultiPolygon> {
	const world = JSON.parse(await readFile(worldAtlas, 'utf8')) as CountriesTopology;
	return countryGeometry(recogniseCrimeaAsUkraine(world), (g) => g.id === UKRAINE_ID);
}

/**
 * Reads every snapshot in `folder` and writes geodata/front/ under `geodataRoot`: per snapshot
 * occupied-, front- and change-<date>.geojson, and versions.json; files of snapshots no longer in
 * the folder are removed. Returns the versions and one line a file written.
 */
/** Ukraine's oblasts as the base map draws them (geodata/basemap/oblasts.geojson), or null where a geodata folder has none. */
async function readOblasts(geodataRoot: string): Promise<Parameters<typeof oblastShares>[1] | null> {
	const path = join(geodataRoot, OBLASTS_FILE);
	return existsSync(path) ? (JSON.parse(await readFile(path, 'utf8')) as Parameters<typeof oblastShares>[1]) : null;
}

/**
 * DeepState's snapshots in `folder` into geodata/front/: each date's occupied area, front and
 * changes, their figures (versions.json), and the series layers' dated versions in the manifest.
 */
export async function importFront(
	folder: string,
	geodataRoot: string,
	options: { worldAtlas?: string } = {}
): Promise<{ versions: FrontVersion[]; done: string[] }> {
	const bibliography = JSON.parse(await readFile(join(geodataRoot, 'sources.json'), 'utf8')) as Record<string, unknown>;
	const missing = SOURCES.filter((key) => !(key in bibliography));
	if (missing.length > 0) throw new Error(`geodata/sources.json has no ${missing.join(', ')}: add the source before importing`);
	const snapshots = await listSnapshots(folder);

	const ukraine = await recognisedUkraine(options.worldAtlas);
	const oblasts = await readOblasts(geodataRoot);
	const ukraineKm2 = km2(ukraine);
	const occupied = new Map<string, Occupied>();
	for (const s of snapshots) occupied.set(s.asOf, await readSnapshot(join(folder, s.name), s.name));
	const summit = occupied.get(SUMMIT);

	const out = join(geodataRoot, FRONT_DIR);
	await mkdir(out, { recursive: true });
	const versions: FrontVersion[] = [];
	const done: string[] = [];
	const written = new Set<string>();
	const write = async (name: string, text: string) => {
		await writeFile(join(out, name), text);
		written.add(name);
		done.push(`wrote geodata/${FRONT_DIR}/${name}: ${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`);
	};

	for (const [index, { asOf }] of snapshots.entries()) {
		const previous = index > 0 ? snapshots[index - 1].asOf : null;
		const shape = occupied.get(asOf)!;
		const m = measureSnapshot(shape, {
			ukraine,
			ukraineKm2,
			oblasts,
			previous: previous ? occupied.get(previous)! : null,
			summit: summit && asOf >= SUMMIT ? summit : null
		});
		const changed = m.sincePrevious ? changeFeaturesOf(m.sincePrevious.changes.features, asOf, previous!, 'previous') : [];
		const changedSinceSummit = m.sinceSummit ? changeFeaturesOf(m.sinceSummit.changes.features, asOf, SUMMIT, 'summit') : [];

		await write(fileName('occupied', asOf), collection([occupiedFeatureOf(asOf, shape, m)]));
		await write(fileName('front', asOf), collection([frontFeatureOf(asOf, m)]));
		// a version with nothing to draw is no version: the layer then has none in force that month
		if (changed.length) await write(fileName('change', asOf), collection(changed));
		if (changedSinceSummit.length) await write(fileName('change-summit', asOf), collection(changedSinceSummit));
		versions.push({
			asOf,
			occupied: `${FRONT_DIR}/${fileName('occupied', asOf)}`,
			front: `${FRONT_DIR}/${fileName('front', asOf)}`,
			change: changed.length ? `${FRONT_DIR}/${fileName('change', asOf)}` : null,
			changeSinceSummit: changedSinceSummit.length ? `${FRONT_DIR}/${fileName('change-summit', asOf)}` : null,
			areaKm2: round(m.areaKm2, FIGURE_DECIMALS),
			shareOfUkraine: round(m.share, SHARE_DECIMALS),
			frontKm: round(m.lengths.rawKm, FIGURE_DECIMALS),
			frontSmoothedKm: round(m.lengths.smoothedKm, FIGURE_DECIMALS),
			gainedKm2: m.sincePrevious ? round(m.sincePrevious.gainedKm2, FIGURE_DECIMALS) : null,
			lostKm2: m.sincePrevious ? round(m.sincePrevious.lostKm2, FIGURE_DECIMALS) : null,
			gainedSinceSummitKm2: m.sinceSummit ? round(m.sinceSummit.gainedKm2, FIGURE_DECIMALS) : null,
			lostSinceSummitKm2: m.sinceSummit ? round(m.sinceSummit.lostKm2, FIGURE_DECIMALS) : null,
			...(m.shares ? { oblasts: m.shares } : {})
		});
	}

	await write(VERSIONS_FILE, JSON.stringify(versions, null, '\t') + '\n');
	done.push(...(await removeUnwritten(out, written)));
	done.push(...(await writeManifestVersions(geodataRoot, versions)));
	return { versions, done };
}

/** The folder's DeepState snapshots (deepstatemap_data_YYYYMMDD.geojson), oldest first. */
async function listSnapshots(folder: string): Promise<{ name: string; asOf: string }[]> {
	const snapshots = (await readdir(folder))
		.map((name) => ({ name, match: SNAPSHOT_FILE.exec(name) }))
		.filter((s) => s.match)
		.map((s) => ({ name: s.name, asOf: `${s.match![1]}-${s.match![2]}-${s.match![3]}` }))
		.sort((a, b) => a.asOf.localeCompare(b.asOf));
	if (snapshots.length === 0) throw new Error(`${folder}: no deepstatemap_data_YYYYMMDD.geojson found`);
	return snapshots;
}

/** One snapshot's figures: its area and share of Ukraine, its front and lengths, its changes since the snapshot before and since the summit, its oblasts. */
function measureSnapshot(
	shape: Occupied,
	by: {
		ukraine: Parameters<typeof frontLine>[1];
		ukraineKm2: number;
		oblasts: Parameters<typeof oblastShares>[1] | null;
		previous: Occupied | null;
		summit: Occupied | null;
	}
) {
	const areaKm2 = km2(shape);
	const front = frontLine(shape, by.ukraine);
	const rings = (shape.geometry.type === 'Polygon' ? [shape.geometry.coordinates] : shape.geometry.coordinates).flat();
	return {
		areaKm2,
		share: (areaKm2 / by.ukraineKm2) * 100,
		front,
		lengths: frontLengths(front),
		edgeKm: length({ type: 'Feature', properties: {}, geometry: { type: 'MultiLineString', coordinates: rings } }, { units: 'kilometers' }),
		sincePrevious: by.previous ? areaChange(by.previous, shape) : null,
		sinceSummit: by.summit ? areaChange(by.summit, shape) : null,
		shares: by.oblasts ? oblastShares(shape, by.oblasts, front) : null
	};
}
type Measured = ReturnType<typeof measureSnapshot>;

/** What every feature of the series says of itself: its sources, how sure, its date, and that it is drawn simplified. */
const common = (asOf: string) => ({ sources: SOURCES, confidence: CONFIDENCE, asOf, approximate: true, precisionKm: SCREEN_TOLERANCE_KM });

function occupiedFeatureOf(asOf: string, shape: Occupied, m: Measured): Feature {
	return {
		type: 'Feature',
		properties: {
			id: `occupied-${asOf}`,
			name: `Area under Russian occupation, ${longDate(asOf)} (DeepState)`,
			name_uk: `Територія під російською окупацією, ${longDateUk(asOf)} (DeepState)`,
			...common(asOf),
			areaKm2: round(m.areaKm2, FIGURE_DECIMALS),
			shareOfUkraine: round(m.share, SHARE_DECIMALS),
			...(m.shares ? { oblasts: sharesText(m.shares, 'en'), oblasts_uk: sharesText(m.shares, 'uk') } : {}),
			note: `DeepStateMap.Live's occupied area, Crimea included; drawn within ${SCREEN_TOLERANCE_KM} km of its polygon, area computed from the polygon itself.`,
			note_uk: `Окупована територія за DeepStateMap.Live, включно з Кримом; намальована з точністю до ${kmUk(SCREEN_TOLERANCE_KM)} км від полігона, площу обчислено з самого полігона.`
		},
		geometry: forScreen(shape.geometry)
	};
}

function frontFeatureOf(asOf: string, m: Measured): Feature {
	return {
		type: 'Feature',
		properties: {
			id: `front-${asOf}`,
			name: `Front line, ${longDate(asOf)} (derived from DeepState)`,
			name_uk: `Лінія фронту, ${longDateUk(asOf)} (за даними DeepState)`,
			...common(asOf),
			frontKm: round(m.lengths.rawKm, FIGURE_DECIMALS),
			frontSmoothedKm: round(m.lengths.smoothedKm, FIGURE_DECIMALS),
			edgeKm: round(m.edgeKm, FIGURE_DECIMALS),
			note: `The edge of DeepState's occupied area inside Ukraine: where it runs within ${BORDER_TOLERANCE_KM} km of the Russian or Belarusian border or the coast it is not front, and is left out.`,
			note_uk: `Край окупованої території за DeepState у межах України: там, де він проходить ближче ніж за ${kmUk(BORDER_TOLERANCE_KM)} км від кордону з Росією чи Білоруссю або від узбережжя, це не фронт, і його не враховано.`
		},
		geometry: forScreen(m.front.geometry)
	};
}

function changeFeaturesOf(
	features: Feature<Polygon | MultiPolygon, { change: string; areaKm2: number }>[],
	asOf: string,
	from: string,
	since: 'previous' | 'summit'
): Feature[] {
	return features.map((f) => ({
		type: 'Feature',
		properties: {
			id: `change-${asOf}-${f.properties.change}-since-${since}`,
			name: `${f.properties.change === 'gained' ? 'Newly occupied' : 'No longer occupied'} between ${longDate(from)} and ${longDate(asOf)} (DeepState)`,
			name_uk: `${f.properties.change === 'gained' ? 'Нові окуповані території' : 'Звільнені території'} між ${longDateUk(from)} і ${longDateUk(asOf)} (DeepState)`,
			change: f.properties.change,
			since,
			from,
			...common(asOf),
			areaKm2: round(f.properties.areaKm2, FIGURE_DECIMALS)
		},
		geometry: forScreen(f.geometry)
	}));
}

/** A snapshot taken out of the folder takes its files with it: what this import did not write goes. */
async function removeUnwritten(out: string, written: Set<string>): Promise<string[]> {
	const done: string[] = [];
	for (const name of await readdir(out)) {
		if (/^(occupied|front|change|change-summit)-\d{4}-\d{2}-\d{2}\.geojson$/.test(name) && !written.has(name)) {
			await rm(join(out, name));
			done.push(`removed geodata/${FRONT_DIR}/${name}: this import writes no such file`);
		}
	}
	return done;
}

/** Each series layer's dated versions into geodata/layers.json, the latest as its `file` and `asOf`. */
async function writeManifestVersions(geodataRoot: string, versions: FrontVersion[]): Promise<string[]> {
	const path = join(geodataRoot, 'layers.json');
	const manifest = JSON.parse(await readFile(path, 'utf8')) as { layers: Record<string, unknown>[] };
	const done: string[] = [];
	for (const [id, column] of Object.entries(SERIES_LAYERS)) {
		const entry = manifest.layers.find((l) => l.id === id);
		const dated = versions.filter((v) => v[column] !== null).map((v) => ({ asOf: v.asOf, file: v[column]! }));
		if (!entry || dated.length === 0) {
			done.push(`geodata/layers.json has no layer "${id}": its ${dated.length} versions were not listed there`);
			continue;
		}
		const latest = dated.at(-1)!;
		Object.assign(entry, { file: latest.file, asOf: latest.asOf, versions: dated });
		done.push(`layers.json: "${id}" lists ${dated.length} versions, ${dated[0].asOf} to ${latest.asOf}`);
	}
	await writeFile(path, JSON.stringify(manifest, null, '\t') + '\n');
	return done;
}
