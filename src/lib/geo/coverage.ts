import area from '@turf/area';
import bbox from '@turf/bbox';
import bboxClip from '@turf/bbox-clip';
import buffer from '@turf/buffer';
import circle from '@turf/circle';
import difference from '@turf/difference';
import intersect from '@turf/intersect';
import simplify from '@turf/simplify';
import union from '@turf/union';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import {
	asGeometry,
	Degenerate,
	differenceOf,
	edgesOf,
	meets,
	orientedRings,
	overlapKm2,
	polygonsOf,
	signedArea,
	unionOf,
	type Edges,
	type Geometry,
	type Ring
} from './edgeOverlay';
import type { BBox } from './types';

export type Base = { id: string; position: [number, number]; radiusKm: number };
export type Regions = {
	ukraine: Polygon | MultiPolygon;
	occupied: Polygon | MultiPolygon;
	blackSea: Polygon | MultiPolygon;
	/** Russia and Belarus: coverage within the stand-off distance of them does not count. */
	hostile: Polygon | MultiPolygon;
};
export type Share = { km2: number; pct: number };
export type CoverageResult = {
	covered: Feature<Polygon | MultiPolygon> | null;
	ukraine: Share;
	occupied: Share;
	blackSea: Share;
	coveredKm2: number;
};
export type CoverageOptions = {
	standOffKm?: number;
	steps?: number;
	/** 'edges' (default): the overlay in edgeOverlay.ts; 'turf': @turf/union, difference and intersect on box-clipped inputs. */
	clipper?: 'edges' | 'turf';
};
type ShareName = 'ukraine' | 'occupied' | 'blackSea';
type Clip = { geometry: Geometry; edges: Edges; km2: number };
export type PreparedCoverage = {
	clips: Record<ShareName, Clip>;
	hostile: Geometry | null;
	standOffs: Map<number, Clip | null>;
	circles: Map<string, Position[]>;
	/** How many recomputes fell back to turf's clipper on degenerate geometry (a vertex on an edge). */
	fallbacks: number;
};

/** Where the stand-off is measured from: Russia west of the Urals and Belarus, enough for any base in Europe. */
const HOSTILE_BOUNDS: BBox = [19, 40, 50, 70];
const DEFAULT_STEPS = 64;
const KM_PER_DEGREE = 111.32;
/** Circles kept between calls: a slider drag makes a few hundred at most. */
const CIRCLE_CACHE_SIZE = 2048;

const feature = <G extends Geometry>(geometry: G): Feature<G> => ({ type: 'Feature', properties: {}, geometry });
const km2 = (g: Geometry | null) => (g ? area(g) / 1e6 : 0);
const grow = ([w, s, e, n]: BBox, d: number): BBox => [w - d, s - d, e + d, n + d];

/** The part of `g` inside `box` (cheap, linear), or null; rings that collapse are dropped. */
function clipToBox(g: Geometry, box: BBox): Geometry | null {
	return asGeometry(polygonsOf(bboxClip(g, box).geometry as Geometry).filter((p) => p.length > 0));
}

function hostileZone(hostile: Geometry, standOffKm: number): Geometry | null {
	const zone = buffer(feature(hostile), standOffKm, { units: 'kilometers' }) as Feature<Geometry> | undefined;
	return zone?.geometry ?? null;
}

function result(totals: Record<ShareName, number>, covered: Geometry | null, overlap: (name: ShareName) => number): CoverageResult {
	const share = (name: ShareName): Share => {
		const k = covered ? overlap(name) : 0;
		return { km2: k, pct: totals[name] > 0 ? (k / totals[name]) * 100 : 0 };
	};
	return {
		covered: covered && feature(covered),
		ukraine: share('ukraine'),
		occupied: share('occupied'),
		blackSea: share('blackSea'),
		coveredKm2: km2(covered)
	};
}

/**
 * The reference: every circle unioned with @turf/union, the stand-off zone buffered from `hostile`
 * (clipped to `hostileBounds`) and subtracted, then intersected with each region with
 * @turf/intersect; nothing simplified or cached. Slow (70 ms for a dozen bases, half a second more
 * with a stand-off, which it buffers every time) but plainly right: `coverage` must agree with it.
 *
 * @example
 * const reference = naiveCoverage(regions, [{ id: 'rzeszow', position: [22.02, 50.11], radiusKm: 400 }]);
 */
export function naiveCoverage(regions: Regions, bases: Base[], options: { standOffKm?: number; steps?: number; hostileBounds?: BBox } = {}): CoverageResult {
	const standOffKm = options.standOffKm ?? 0;
	const steps = options.steps ?? DEFAULT_STEPS;
	const circles = bases.filter((b) => b.radiusKm > 0).map((b) => circle(b.position, b.radiusKm, { steps, units: 'kilometers' }));
	let covered: Geometry | null =
		circles.length === 0 ? null : circles.length === 1 ? circles[0].geometry : (union({ type: 'FeatureCollection', features: circles })?.geometry ?? null);
	const hostile = standOffKm > 0 ? clipToBox(regions.hostile, options.hostileBounds ?? HOSTILE_BOUNDS) : null;
	const zone = hostile && hostileZone(hostile, standOffKm);
	if (covered && zone) covered = difference({ type: 'FeatureCollection', features: [feature(covered), feature(zone)] })?.geometry ?? null;
	const totals = { ukraine: km2(regions.ukraine), occupied: km2(regions.occupied), blackSea: km2(regions.blackSea) };
	return result(totals, covered, (name) =>
		km2(intersect({ type: 'FeatureCollection', features: [feature(covered!), feature(regions[name])] })?.geometry ?? null)
	);
}

/**
 * The one-off work behind `coverage`: each region's edges indexed (after simplifying by
 * `simplifyKm`, default 0: the overlay is fast enough on 1:50m outlines) with its full area, Russia
 * and Belarus clipped to `hostileBounds`, and empty caches for stand-off zones and circles.
 *
 * @example
 * const prepared = prepareCoverage({ ukraine, occupied, blackSea, hostile });
 */
export function prepareCoverage(regions: Regions, options: { simplifyKm?: number; hostileBounds?: BBox } = {}): PreparedCoverage {
	const tolerance = (options.simplifyKm ?? 0) / KM_PER_DEGREE;
	const simplified = (g: Geometry) => (tolerance > 0 ? (simplify(g, { tolerance, highQuality: true }) as Geometry) : g);
	const clip = (g: Geometry): Clip => {
		const geometry = simplified(g);
		return { geometry, edges: edgesOf(orientedRings(geometry)), km2: km2(g) };
	};
	const hostile = clipToBox(regions.hostile, options.hostileBounds ?? HOSTILE_BOUNDS);
	return {
		clips: { ukraine: clip(regions.ukraine), occupied: clip(regions.occupied), blackSea: clip(regions.blackSea) },
		hostile: hostile && simplified(hostile),
		standOffs: new Map(),
		circles: new Map(),
		fallbacks: 0
	};
}

function circleRing(prepared: PreparedCoverage, key: string, base: Base, steps: number): Ring {
	let ring = prepared.circles.get(key);
	if (!ring) {
		if (prepared.circles.size >= CIRCLE_CACHE_SIZE) prepared.circles.clear();
		ring = circle(base.position, base.radiusKm, { steps, units: 'kilometers' }).geometry.coordinates[0];
		if (signedArea(ring) < 0) ring = [...ring].reverse();
		prepared.circles.set(key, ring);
	}
	return ring;
}

function standOffZone(prepared: PreparedCoverage, standOffKm: number): Clip | null {
	if (!prepared.standOffs.has(standOffKm)) {
		const zone = prepared.hostile && hostileZone(prepared.hostile, standOffKm);
		prepared.standOffs.set(standOffKm, zone && { geometry: zone, edges: edgesOf(orientedRings(zone)), km2: km2(zone) });
	}
	return prepared.standOffs.get(standOffKm)!;
}

function edgeOverlay(prepared: PreparedCoverage, totals: Record<ShareName, number>, rings: Ring[], zone: Clip | null) {
	let covered = rings.length > 0 ? unionOf(rings) : null;
	if (covered && zone) covered = differenceOf(covered, zone.edges);
	const edges = covered && edgesOf(orientedRings(covered));
	return result(totals, covered, (name) => (edges ? overlapKm2(edges, prepared.clips[name].edges) : 0));
}

/** The same with turf's clipper: circles unioned in groups whose boxes chain, inputs cut to each other's box. */
function turfOverlay(prepared: PreparedCoverage, totals: Record<ShareName, number>, rings: Ring[], zone: Clip | null) {
	const boxes = rings.map((r) => bbox({ type: 'Polygon', coordinates: [r] }) as BBox);
	const group = rings.map((_, i) => i);
	const root = (i: number): number => (group[i] === i ? i : (group[i] = root(group[i])));
	for (let i = 0; i < rings.length; i++) for (let j = 0; j < i; j++) if (meets(boxes[i], boxes[j])) group[root(i)] = root(j);
	const polygons = rings.flatMap((ring, i) => {
		if (root(i) !== i) return [];
		const members = rings.filter((_, j) => root(j) === i).map((r) => feature<Polygon>({ type: 'Polygon', coordinates: [r] }));
		const unioned = members.length === 1 ? members[0] : union({ type: 'FeatureCollection', features: members });
		return unioned ? polygonsOf(unioned.geometry) : [];
	});
	let covered = asGeometry(polygons);
	const near = covered && zone && meets(zone.edges.box, bbox(covered) as BBox) ? clipToBox(zone.geometry, grow(bbox(covered) as BBox, 0.1)) : null;
	if (covered && near) covered = difference({ type: 'FeatureCollection', features: [feature(covered), feature(near)] })?.geometry ?? null;
	const box = covered && (bbox(covered) as BBox);
	return result(totals, covered, (name) => {
		const clip = prepared.clips[name];
		if (!covered || !box || !meets(box, clip.edges.box)) return 0;
		const [a, b] = [clipToBox(covered, grow(clip.edges.box, 0.1)), clipToBox(clip.geometry, grow(box, 0.1))];
		return a && b ? km2(intersect({ type: 'FeatureCollection', features: [feature(a), feature(b)] })?.geometry ?? null) : 0;
	});
}

/**
 * The area within `radiusKm` of any base (geodesic turf circles of `steps` vertices), less the area
 * within `standOffKm` of Russia and Belarus, and how much of Ukraine, the occupied area and the
 * Black Sea it covers. Agrees with `naiveCoverage` and runs many times faster: circles and
 * stand-off zones are cached, and the clipping is the edge overlay of edgeOverlay.ts (turf's
 * clipper when the geometry is degenerate, or with `clipper: 'turf'`). The first call with a new
 * `standOffKm` buffers Russia and Belarus, about half a second; later ones reuse the zone.
 *
 * @example
 * const prepared = prepareCoverage(regions);
 * const { covered, ukraine } = coverage(prepared, bases, { standOffKm: 50 });
 * ukraine.pct // share of recognised Ukraine covered
 */
export function coverage(prepared: PreparedCoverage, bases: Base[], options: CoverageOptions = {}): CoverageResult {
	const steps = options.steps ?? DEFAULT_STEPS;
	const standOffKm = options.standOffKm ?? 0;
	const keyed = new Map(bases.filter((b) => b.radiusKm > 0).map((b) => [`${b.position[0]},${b.position[1]},${b.radiusKm},${steps}`, b]));
	const rings = [...keyed].map(([key, base]) => circleRing(prepared, key, base, steps)).filter((r) => r.length >= 4);
	const zone = standOffKm > 0 ? standOffZone(prepared, standOffKm) : null;
	const totals = { ukraine: prepared.clips.ukraine.km2, occupied: prepared.clips.occupied.km2, blackSea: prepared.clips.blackSea.km2 };
	if (options.clipper !== 'turf') {
		try {
			return edgeOverlay(prepared, totals, rings, zone);
		} catch (error) {
			if (!(error instanceof Degenerate)) throw error;
			prepared.fallbacks++;
		}
	}
	return turfOverlay(prepared, totals, rings, zone);
}
