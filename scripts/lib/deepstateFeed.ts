// DeepState's map as `npm run update` reads it: from its public API (the whole map, every area,
// point and arrow), from a file or address in the same shape, or from cyterat/deepstate-map-data's
// daily files (the occupied area alone). What comes out is what import-front takes: the occupied
// area inside Ukraine as one MultiPolygon, and, beside it, DeepState's grey "unknown status" areas.
// Problems are data (file and feature named), never thrown.
import { readFile } from 'node:fs/promises';
import union from '@turf/union';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { problem, type Problem } from '../../src/lib/manifest/errors';
import { parseJson } from '../../src/lib/manifest/jsonSyntax';

/** DeepState's public API: the map in force, `{ id, datetime?, createdAt?, map: { features } }`. */
export const API_URL = 'https://deepstatemap.live/api/history/last';
/** cyterat/deepstate-map-data's raw files; `--mirror-base` points elsewhere (tests, a newsroom's copy). */
export const MIRROR_BASE = 'https://raw.githubusercontent.com/cyterat/deepstate-map-data';
export const mirrorUrl = (base: string, commit: string, asOf: string) =>
	`${base.replace(/\/+$/, '')}/${commit}/data/deepstatemap_data_${asOf.replaceAll('-', '')}.geojson`;

/**
 * Which of DeepState's polygons are the occupied area: cyterat's own rule, so that a fetched day
 * matches the daily files the series was made from. Its scripts/download-geojson.py keeps the
 * Polygons whose English name (the second part of "Ukrainian /// English /// key") is one of
 * these three, unions them, and drops everything else (liberated areas, grey areas, points,
 * arrows, the areas DeepState marks outside Ukraine). The keys are matched too, in case an English
 * name is reworded: `geoJSON.status.occupied`, `.territories.crimea`, `.territories.ordlo`.
 */
const OCCUPIED = {
	names: ['Occupied', 'Occupied Crimea', 'CADR and CALR'],
	keys: ['geoJSON.status.occupied', 'geoJSON.territories.crimea', 'geoJSON.territories.ordlo']
};
/** DeepState's grey areas: "Unknown status", `geoJSON.status.unknown` (since 2026: where Russian forces have infiltrated). */
const UNKNOWN = { names: ['Unknown status'], keys: ['geoJSON.status.unknown'] };

export type Box = [number, number, number, number];
type Role = 'occupied' | 'unknown' | 'other';

export interface Feed {
	/** the occupied area, unioned (adjacent pieces would otherwise draw front along their shared edges) */
	occupied: MultiPolygon;
	/** the grey areas inside Ukraine, unioned; null when there are none */
	unknown: MultiPolygon | null;
	/** what was read and what was left out, for the printout */
	counts: Record<string, number>;
}

/** "Окуповано /// Occupied /// geoJSON.status.occupied {{at:01.01}}" → its parts, cleaned of DeepState's no-break spaces, newlines and tags. */
export function nameParts(name: unknown): { uk: string; en: string; key: string } {
	const parts = String(name ?? '')
		.split('///')
		.map((p) =>
			p
				.replace(/\{\{[^}]*\}\}/g, '')
				.replace(/\s+/g, ' ')
				.trim()
		);
	return { uk: parts[0] ?? '', en: parts[1] ?? '', key: parts[2] ?? '' };
}

export function roleOf(name: unknown): Role {
	const { en, key } = nameParts(name);
	if (OCCUPIED.names.includes(en) || OCCUPIED.keys.includes(key)) return 'occupied';
	if (UNKNOWN.names.includes(en) || UNKNOWN.keys.includes(key)) return 'unknown';
	return 'other';
}

/** DeepState's coordinates carry a third value (0): longitude and latitude only. */
const flat = (rings: Position[][]): Position[][] => rings.map((ring) => ring.map(([x, y]) => [x, y]));

const polygonsOf = (g: Polygon | MultiPolygon): Position[][][] => (g.type === 'Polygon' ? [flat(g.coordinates)] : g.coordinates.map(flat));

/** A polygon none of whose outer points comes near Ukraine (DeepState's "occupied" Karelia or Kurils) is not Ukraine's; Transnistria and the like go by their names. */
const touches = (rings: Position[][], box: Box) => rings[0].some(([x, y]) => x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3]);

function unionOf(polygons: Position[][][]): MultiPolygon | null {
	if (polygons.length === 0) return null;
	if (polygons.length === 1) return { type: 'MultiPolygon', coordinates: polygons };
	const merged = union({
		type: 'FeatureCollection',
		features: polygons.map((coordinates) => ({ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates } }))
	});
	if (!merged) return null;
	return merged.geometry.type === 'Polygon' ? { type: 'MultiPolygon', coordinates: [merged.geometry.coordinates] } : merged.geometry;
}

/**
 * The occupied area and the grey areas of a map. `json` is the API's answer (`{ map: { features } }`)
 * or a FeatureCollection: DeepState's named features, or cyterat's file (unnamed polygons, all of
 * them occupied). `box`: recognised Ukraine's bounding box, with a margin.
 */
export function readFeed(json: unknown, source: string, box: Box): { feed?: Feed; problems: Problem[] } {
	const root = json as { map?: { features?: unknown }; type?: string; features?: unknown } | null;
	const features = (root?.map?.features ?? (root?.type === 'FeatureCollection' ? root.features : undefined)) as Feature[] | undefined;
	if (!Array.isArray(features))
		return { problems: [problem(source, '', 'DeepState\'s answer ({ "map": { "features": [...] } }) or a GeoJSON FeatureCollection expected')] };
	// cyterat's files hold the occupied area alone, without names
	const unnamed = features.every((f) => f?.properties?.name === undefined);
	const counts: Record<string, number> = {};
	const count = (what: string) => (counts[what] = (counts[what] ?? 0) + 1);
	const picked: Record<'occupied' | 'unknown', Position[][][]> = { occupied: [], unknown: [] };
	for (const f of features) {
		const type = f?.geometry?.type;
		if (type !== 'Polygon' && type !== 'MultiPolygon') {
			count(`${type ?? 'empty'} feature(s) left out`);
			continue;
		}
		const role: Role = unnamed ? 'occupied' : roleOf(f.properties?.name);
		if (role === 'other') {
			count(`other area(s) left out (${nameParts(f.properties?.name).en || 'unnamed'})`);
			continue;
		}
		for (const rings of polygonsOf(f.geometry as Polygon | MultiPolygon)) {
			if (touches(rings, box)) {
				picked[role].push(rings);
				count(role === 'occupied' ? 'occupied polygon(s)' : 'unknown-status polygon(s)');
			} else count(`${role} polygon(s) outside Ukraine left out`);
		}
	}
	const occupied = unionOf(picked.occupied);
	if (!occupied)
		return {
			problems: [problem(source, 'map.features', `no occupied polygon inside Ukraine (features named ${OCCUPIED.names.join(', ')}): nothing to import`)]
		};
	return { feed: { occupied, unknown: unionOf(picked.unknown), counts }, problems: [] };
}

/** The day a map is DeepState's version of, in Kyiv: from the answer's own date, else null. */
export function dateOf(json: unknown): { asOf: string; from: string } | null {
	const root = (json ?? {}) as Record<string, unknown>;
	for (const field of ['datetime', 'createdAt', 'updatedAt', 'date']) {
		const value = root[field];
		if (typeof value === 'string' && !Number.isNaN(Date.parse(value))) return { asOf: kyivDay(new Date(value)), from: field };
	}
	// the API's `id` is the version's Unix time in seconds (1777665002: 2026-05-01T19:50:02Z)
	const id = Number(root.id);
	if (Number.isFinite(id) && id > 1.6e9 && id < 4e9) return { asOf: kyivDay(new Date(id * 1000)), from: 'id' };
	if (Number.isFinite(id) && id > 1.6e12 && id < 4e12) return { asOf: kyivDay(new Date(id)), from: 'id' };
	return null;
}

/** DeepState dates its versions in Kyiv; a version published at 23:30 UTC is the next day's. */
export const kyivDay = (date: Date) =>
	new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Kyiv', year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);

/** The text of an address (http, https) or a file, within `timeoutMs`; a problem naming the source otherwise. */
async function readSource(source: string, timeoutMs: number): Promise<{ text: string; problem?: never } | { problem: Problem; text?: never }> {
	if (!/^https?:\/\//i.test(source)) {
		try {
			return { text: await readFile(source, 'utf8') };
		} catch (error) {
			return { problem: problem(source, '', `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`) };
		}
	}
	try {
		// one deadline for the answer and its body: a server that starts and stalls is as late as one that never answers
		const signal = AbortSignal.timeout(timeoutMs);
		const response = await fetch(source, { signal, headers: { accept: 'application/json', 'user-agent': 'ukraine-guarantees-atlas npm run update' } });
		if (!response.ok)
			return { problem: problem(source, '', `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}: nothing to import`) };
		return { text: await response.text() };
	} catch (error) {
		const name = (error as Error).name;
		if (name === 'TimeoutError' || name === 'AbortError') return { problem: problem(source, '', `no answer within ${timeoutMs} ms (--timeout-ms)`) };
		const cause = (error as { cause?: Error }).cause;
		return { problem: problem(source, '', `could not be fetched (${cause?.message ?? (error as Error).message})`) };
	}
}

/** Reads and parses one source: its JSON, or the problem (JSON that does not parse: line, column and the line itself). */
export async function readJson(source: string, timeoutMs: number): Promise<{ json?: unknown; problems: Problem[] }> {
	const read = await readSource(source, timeoutMs);
	if (read.problem) return { problems: [read.problem] };
	const parsed = parseJson(read.text, source);
	if (parsed.problem !== undefined) return { problems: [parsed.problem ?? problem(source, '', 'not valid JSON')] };
	return { json: parsed.json, problems: [] };
}

/** A snapshot in cyterat's shape (one feature, the occupied MultiPolygon), as import-front reads it. */
export const snapshotText = (asOf: string, occupied: MultiPolygon) =>
	JSON.stringify({
		type: 'FeatureCollection',
		name: `deepstatemap_data_${asOf.replaceAll('-', '')}`,
		features: [{ type: 'Feature', properties: {}, geometry: occupied }]
	}) + '\n';
