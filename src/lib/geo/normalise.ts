import bboxClip from '@turf/bbox-clip';
import turfBbox from '@turf/bbox';
import type { BBox, FeatureCollection, Geometry, LineString, MultiLineString, Polygon, Position } from 'geojson';
import { formatPlace, type Problem } from '../problems/problem';

export type NormaliseOptions = {
	/** decimals kept: 6 is about 10 cm, finer than any source the atlas cites */
	precision?: number;
};

export type Normalised = { data: FeatureCollection; warnings: Problem[] };

// past these a coordinate is not a wrapped longitude but a projected one: left for the validator to name
const MAX_WRAPPABLE = 360;

/**
 * Makes a FeatureCollection what RFC 7946 asks of it, reporting every change it made:
 * - a geometry crossing the antimeridian (a jump of more than 180° between neighbouring
 *   positions, or longitudes past ±180) is cut at ±180° into Multi* parts (§3.1.9); points
 *   past ±180° are wrapped into -180..180;
 * - polygon rings follow the right-hand rule: outer rings counter-clockwise, holes clockwise (§3.1.6);
 * - a third coordinate (elevation) is dropped: the atlas is flat;
 * - coordinates are rounded to `precision` decimals;
 * - `bbox` is computed for the collection (and recomputed for features that had one); an old `crs`
 *   member is dropped, since RFC 7946 GeoJSON is always longitude and latitude on WGS 84.
 * Never throws and never mutates its input; geometries it cannot make sense of are left as they
 * are for the validator to report.
 *
 * @example
 * const { data, warnings } = normalise(JSON.parse(text));
 */
export function normalise(collection: FeatureCollection, options: NormaliseOptions = {}): Normalised {
	const { precision = 6 } = options;
	const warnings: Problem[] = [];
	if (!collection || !Array.isArray(collection.features))
		return { data: collection, warnings: [{ file: '', field: '', message: 'not normalised: a FeatureCollection expected' }] };
	const { crs, bbox: _stale, features, ...members } = structuredClone(collection) as FeatureCollection & { crs?: unknown };
	if (crs !== undefined) warnings.push({ file: '', field: 'crs', message: 'dropped: RFC 7946 GeoJSON is always longitude and latitude (WGS 84)' });

	const elevated: string[] = [];
	const wrapped: string[] = [];
	const rewound: string[] = [];
	let ringsRewound = 0;
	features.forEach((feature, index) => {
		const id = typeof feature?.properties?.id === 'string' ? feature.properties.id : undefined;
		const label = formatPlace({ file: '', field: '', feature: { index, id } });
		const geometryProblem = (message: string) => warnings.push({ file: '', feature: { index, id }, field: 'geometry', message });
		if (!feature?.geometry) return;
		try {
			if (positionsOf(feature.geometry).some((p) => p.length > 2)) elevated.push(label);
			const crossing = fixAntimeridian(feature.geometry);
			if (crossing.wrapped) wrapped.push(label);
			if (crossing.cut > 0) geometryProblem(`crosses the antimeridian: cut at ±180°, now a ${crossing.geometry.type} of ${crossing.cut} parts`);
			if (crossing.aroundPole) geometryProblem('a ring goes around a pole: left as it is (draw it as polygons that meet at ±180° instead)');
			feature.geometry = crossing.geometry;
			const turned = rewind(feature.geometry);
			if (turned > 0) rewound.push(label);
			ringsRewound += turned;
			feature.geometry = mapPositions(feature.geometry, (p) => [round(p[0], precision), round(p[1], precision)]);
			if (feature.bbox) feature.bbox = roundBox(turfBbox(feature), precision);
		} catch (error) {
			geometryProblem(`not normalised (${(error as Error).message})`);
		}
	});
	if (elevated.length > 0)
		warnings.push({ file: '', field: '', message: `a third coordinate (elevation) dropped from ${count(elevated.length, 'feature')}: ${list(elevated)}` });
	if (wrapped.length > 0)
		warnings.push({ file: '', field: '', message: `longitudes past ±180° wrapped into -180..180 in ${count(wrapped.length, 'feature')}: ${list(wrapped)}` });
	if (rewound.length > 0)
		warnings.push({
			file: '',
			field: '',
			message: `${count(ringsRewound, 'ring')} rewound to the right-hand rule (outer rings counter-clockwise, holes clockwise) in ${count(rewound.length, 'feature')}: ${list(rewound)}`
		});

	const withGeometry = features.filter((f) => f?.geometry);
	const data = { ...members, features } as FeatureCollection;
	// a collection with no geometry at all (a choropleth) has no extent to give
	if (withGeometry.length > 0)
		return { data: { ...members, bbox: roundBox(turfBbox({ type: 'FeatureCollection', features: withGeometry }), precision), features }, warnings };
	return { data, warnings };
}

const round = (value: number, precision: number) => {
	const factor = 10 ** precision;
	return Math.round(value * factor) / factor + 0; // + 0 turns -0 into 0
};
const roundBox = (box: BBox, precision: number) => box.map((v) => round(v, precision)) as BBox;
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;
const list = (labels: string[]) => (labels.length > 5 ? `${labels.slice(0, 5).join(', ')} and ${labels.length - 5} more` : labels.join(', '));

/** `cut`: into how many parts a crossing geometry was cut (0: none); `wrapped`: moved by whole turns only. */
type Crossing = { geometry: Geometry; cut: number; wrapped: boolean; aroundPole?: boolean };

function fixAntimeridian(geometry: Geometry): Crossing {
	const untouched = { geometry, cut: 0, wrapped: false };
	const all = positionsOf(geometry);
	if (all.some(([x, y]) => !(Math.abs(x) <= MAX_WRAPPABLE && Math.abs(y) <= 90))) return untouched;
	switch (geometry.type) {
		case 'Point':
		case 'MultiPoint': {
			if (all.every(([x]) => Math.abs(x) <= 180)) return untouched;
			return { geometry: mapPositions(geometry, ([x, ...rest]) => [x > 180 ? x - 360 : x < -180 ? x + 360 : x, ...rest]), cut: 0, wrapped: true };
		}
		case 'LineString':
		case 'MultiLineString': {
			const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
			let moved = false;
			let cut = false;
			const parts = lines.flatMap((line) => {
				const world = shiftIntoWorld(unwrap(line));
				const pieces = splitAtAntimeridian(world, clipLine);
				cut ||= pieces.length > 1;
				moved ||= pieces.length > 1 || !samePositions(world, line);
				return pieces;
			});
			if (!moved) return untouched;
			const single = geometry.type === 'LineString' && parts.length === 1;
			return {
				geometry: single ? { type: 'LineString', coordinates: parts[0] } : { type: 'MultiLineString', coordinates: parts },
				cut: cut ? parts.length : 0,
				wrapped: !cut
			};
		}
		case 'Polygon':
		case 'MultiPolygon': {
			const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
			const results = polygons.map(cutPolygon);
			if (!results.some((r) => r.moved)) return { ...untouched, aroundPole: results.some((r) => r.aroundPole) };
			const parts = results.flatMap((r) => r.parts);
			const cut = results.some((r) => r.parts.length > 1);
			const single = geometry.type === 'Polygon' && parts.length === 1;
			return {
				geometry: single ? { type: 'Polygon', coordinates: parts[0] } : { type: 'MultiPolygon', coordinates: parts },
				cut: cut ? parts.length : 0,
				wrapped: !cut
			};
		}
		default:
			return untouched;
	}
}

const samePositions = (a: Position[], b: Position[]) => a.every((p, i) => p[0] === b[i][0]);

/** Longitudes made continuous: a jump of more than 180° is taken as a step across the antimeridian. */
function unwrap(line: Position[]): Position[] {
	let shift = 0;
	return line.map((p, i) => {
		if (i > 0) {
			const step = p[0] - line[i - 1][0];
			if (step > 180) shift -= 360;
			else if (step < -180) shift += 360;
		}
		return [p[0] + shift, ...p.slice(1)];
	});
}

// a loop, not Math.min(...longitudes): spread into arguments, a ring of 200,000 positions overflowed
// the stack, and the geometry was written as given, neither cut, rewound nor rounded
const westOf = (line: Position[]) => line.reduce((west, p) => Math.min(west, p[0]), Infinity);
const eastOf = (line: Position[]) => line.reduce((east, p) => Math.max(east, p[0]), -Infinity);

/** Moves a continuous line by whole turns so its west end lies in -180..180: a crossing then shows as longitudes past 180. */
function shiftIntoWorld(line: Position[]): Position[] {
	const turns = Math.floor((westOf(line) + 180) / 360);
	return turns === 0 ? line : line.map(([x, ...rest]) => [x - turns * 360, ...rest]);
}

/** The parts of a continuous line or ring in each 360° window east of -180, each shifted back into -180..180. */
function splitAtAntimeridian<T>(line: Position[], clip: (line: Position[], box: BBox) => T[]): T[] {
	const east = eastOf(line);
	if (east <= 180) return [line as T];
	const parts: T[] = [];
	for (let start = -180; start < east; start += 360)
		parts.push(...clip(line, [start, -90, start + 360, 90]).map((part) => mapNested(part, ([x, ...rest]) => [x - start - 180, ...rest]) as T));
	return parts;
}

function clipLine(line: Position[], box: BBox): Position[][] {
	const clipped = bboxClip({ type: 'LineString', coordinates: line }, box).geometry as LineString | MultiLineString;
	if (clipped.type === 'MultiLineString') return clipped.coordinates;
	return clipped.coordinates.length > 1 ? [clipped.coordinates] : [];
}

/** One polygon cut at ±180° into polygons; holes go with the part they fall in. */
function cutPolygon(rings: Position[][]): { parts: Position[][][]; moved: boolean; aroundPole?: boolean } {
	const [outer, ...holes] = rings;
	const world = shiftIntoWorld(unwrap(outer));
	// a ring around a pole does not close once unwrapped: no cut at ±180° alone can fix it
	if (world[0][0] !== world[world.length - 1][0]) return { parts: [rings], moved: false, aroundPole: true };
	const west = westOf(world);
	const inner = holes.map((hole) => {
		const continuous = unwrap(hole);
		const turns = Math.floor((continuous[0][0] - west) / 360);
		return continuous.map(([x, ...rest]) => [x - turns * 360, ...rest]);
	});
	const moved = !samePositions(world, outer) || inner.some((hole, i) => !samePositions(hole, holes[i]));
	const parts = splitAtAntimeridian<Position[][]>(world, (ring, box) => {
		const clipped = clipRing(ring, box);
		if (clipped.length === 0) return [];
		return [[clipped[0], ...inner.flatMap((hole) => clipRing(hole, box))]];
	});
	// splitAtAntimeridian hands back the outer ring alone when nothing crosses
	if (parts.length === 1 && parts[0] === (world as unknown)) return { parts: [[world, ...inner]], moved };
	return { parts, moved: moved || parts.length > 1 };
}

const clipRing = (ring: Position[], box: BBox) => (bboxClip({ type: 'Polygon', coordinates: [ring] }, box).geometry as Polygon).coordinates;

/** Rewinds polygon rings to the right-hand rule in place; returns how many rings it turned. */
function rewind(geometry: Geometry): number {
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
	let turned = 0;
	for (const rings of polygons)
		rings.forEach((ring, i) => {
			const counterClockwise = signedArea(ring) > 0;
			// the outer ring (i = 0) must be counter-clockwise, holes clockwise
			if (counterClockwise !== (i === 0) && signedArea(ring) !== 0) {
				ring.reverse();
				turned++;
			}
		});
	return turned;
}

/** Twice the ring's area by the shoelace formula: positive when counter-clockwise. */
function signedArea(ring: Position[]): number {
	let sum = 0;
	for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
	return sum;
}

function positionsOf(geometry: Geometry): Position[] {
	if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(positionsOf);
	return flatten(geometry.coordinates);
}

const flatten = (nested: unknown): Position[] => (typeof (nested as unknown[])[0] === 'number' ? [nested as Position] : (nested as unknown[]).flatMap(flatten));
const mapNested = (nested: unknown, fn: (p: Position) => Position): unknown =>
	typeof (nested as unknown[])[0] === 'number' ? fn(nested as Position) : (nested as unknown[]).map((n) => mapNested(n, fn));

function mapPositions<G extends Geometry>(geometry: G, fn: (p: Position) => Position): G {
	if (geometry.type === 'GeometryCollection') return { ...geometry, geometries: geometry.geometries.map((g) => mapPositions(g, fn)) };
	return { ...geometry, coordinates: mapNested((geometry as Exclude<Geometry, { type: 'GeometryCollection' }>).coordinates, fn) } as G;
}
