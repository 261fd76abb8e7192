// Union, difference and overlap area by splitting edges, for `coverage`. turf's clipper (polyclip-ts,
// exact arithmetic with bignumber.js) costs ~44 ms per twelve-base recompute, too slow for a slider;
// for valid polygons a boolean operation only has to split each edge where it crosses the other
// shape's edges and keep the pieces on the right side, and areas follow edge by edge from turf's own
// formula: same plane (lon/lat), same answer, ~1 ms. Degenerate input (a crossing at a vertex or along
// a shared edge) throws Degenerate and `coverage` falls back to turf; `naiveCoverage`, all turf, is the
// reference the tests hold it to.
import { earthRadius } from '@turf/helpers';
import type { MultiPolygon, Polygon, Position } from 'geojson';

import type { BBox } from './types';
export type Geometry = Polygon | MultiPolygon;
export type Ring = Position[];
type Piece = { a: Position; b: Position; used?: boolean };
type Cut = { t: number; p: Position };
export type Edges = { from: Position[]; to: Position[]; box: BBox; bands: number[][]; height: number; seen: Int32Array; stamp: number };

export class Degenerate extends Error {}

const EPS = 1e-9;
/** turf area's constants: the edge sums below are its ring formula taken edge by edge. */
const AREA_FACTOR = (earthRadius * earthRadius) / 2 / 1e6;
const RADIANS = Math.PI / 180;

export const meets = (a: BBox, b: BBox) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
export const polygonsOf = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);
export const asGeometry = (polygons: Position[][][]): Geometry | null =>
	polygons.length === 0 ? null : polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0] } : { type: 'MultiPolygon', coordinates: polygons };

export const signedArea = (r: Ring) => {
	let sum = 0;
	for (let i = 0; i < r.length - 1; i++) sum += r[i][0] * r[i + 1][1] - r[i + 1][0] * r[i][1];
	return sum / 2;
};

/** Rings with the inside on the left (outer rings counter-clockwise, holes clockwise). */
export const orientedRings = (g: Geometry): Ring[] =>
	polygonsOf(g).flatMap((p) => p.map((r, i) => (signedArea(r) > 0 === (i === 0) ? r : [...r].reverse())).filter((r) => r.length >= 4));

/** Edges of rings, bucketed by latitude band so crossings and point-in-polygon look at a few. */
export function edgesOf(rings: Ring[]): Edges {
	const from: Position[] = [];
	const to: Position[] = [];
	for (const ring of rings) {
		// repeated vertices would make zero-length edges, which look collinear with everything
		const vertices = ring.slice(0, -1).filter((p, i, all) => p[0] !== all[(i + 1) % all.length][0] || p[1] !== all[(i + 1) % all.length][1]);
		for (let i = 0, n = vertices.length; n >= 3 && i < n; i++) {
			from.push(vertices[i]);
			to.push(vertices[(i + 1) % n]);
		}
	}
	const box: BBox = [Infinity, Infinity, -Infinity, -Infinity];
	for (const [x, y] of from) {
		box[0] = Math.min(box[0], x);
		box[1] = Math.min(box[1], y);
		box[2] = Math.max(box[2], x);
		box[3] = Math.max(box[3], y);
	}
	const bands: number[][] = Array.from({ length: Math.max(1, Math.min(256, Math.ceil(from.length / 8))) }, () => []);
	const edges = { from, to, box, bands, height: (box[3] - box[1]) / bands.length || 1, seen: new Int32Array(from.length), stamp: 0 };
	for (let i = 0; i < from.length; i++) {
		for (let b = band(edges, Math.min(from[i][1], to[i][1])); b <= band(edges, Math.max(from[i][1], to[i][1])); b++) bands[b].push(i);
	}
	return edges;
}
const band = (e: Edges, y: number) => Math.min(e.bands.length - 1, Math.max(0, Math.floor((y - e.box[1]) / e.height)));

/** Even-odd point in polygon. */
function contains(e: Edges, x: number, y: number): boolean {
	if (x < e.box[0] || x > e.box[2] || y < e.box[1] || y > e.box[3]) return false;
	let inside = false;
	for (const i of e.bands[band(e, y)]) {
		const a = e.from[i];
		const b = e.to[i];
		if (a[1] > y !== b[1] > y && x < a[0] + ((y - a[1]) * (b[0] - a[0])) / (b[1] - a[1])) inside = !inside;
	}
	return inside;
}

/** Records where edges of `a` cross edges of `b`, as one shared point on both. */
function cross(a: Edges, b: Edges, cutsA: Cut[][], cutsB: Cut[][]) {
	if (!meets(a.box, b.box)) return;
	for (let i = 0; i < a.from.length; i++) {
		const [px, py] = a.from[i];
		const [qx, qy] = a.to[i];
		const [w, s, e, n] = [Math.min(px, qx), Math.min(py, qy), Math.max(px, qx), Math.max(py, qy)];
		if (e < b.box[0] || w > b.box[2] || n < b.box[1] || s > b.box[3]) continue;
		b.stamp++;
		for (let k = band(b, s); k <= band(b, n); k++) {
			for (const j of b.bands[k]) {
				if (b.seen[j] === b.stamp) continue;
				b.seen[j] = b.stamp;
				const [cx, cy] = b.from[j];
				const [dx, dy] = b.to[j];
				if (Math.max(cx, dx) < w || Math.min(cx, dx) > e || Math.max(cy, dy) < s || Math.min(cy, dy) > n) continue;
				const [rx, ry, sx, sy, ox, oy] = [qx - px, qy - py, dx - cx, dy - cy, cx - px, cy - py];
				const denominator = rx * sy - ry * sx;
				if (denominator === 0) {
					if (ox * ry - oy * rx === 0) throw new Degenerate('collinear edges');
					continue;
				}
				const t = (ox * sy - oy * sx) / denominator;
				const u = (ox * ry - oy * rx) / denominator;
				if (t < -EPS || t > 1 + EPS || u < -EPS || u > 1 + EPS) continue;
				if (t < EPS || t > 1 - EPS || u < EPS || u > 1 - EPS) throw new Degenerate('crossing at a vertex');
				const p = [px + t * rx, py + t * ry];
				(cutsA[i] ??= []).push({ t, p });
				(cutsB[j] ??= []).push({ t: u, p });
			}
		}
	}
}

/** Every edge cut where it crosses, in order. */
function pieces(e: Edges, cuts: Cut[][]): Piece[] {
	const out: Piece[] = [];
	for (let i = 0; i < e.from.length; i++) {
		let a = e.from[i];
		const list = cuts[i]?.sort((x, y) => x.t - y.t) ?? [];
		for (let k = 0; k < list.length; k++) {
			if (k > 0 && list[k].t - list[k - 1].t < EPS) throw new Degenerate('three edges through one point');
			out.push({ a, b: list[k].p });
			a = list[k].p;
		}
		out.push({ a, b: e.to[i] });
	}
	return out;
}

const midpointIn = (e: Edges, { a, b }: Piece) => contains(e, (a[0] + b[0]) / 2, (a[1] + b[1]) / 2);
const reversed = ({ a, b }: Piece): Piece => ({ a: b, b: a });
/** turf area of the region left of `pieces`, in km2: its ring formula, summed edge by edge. */
const areaLeftOf = (pieces: Piece[]) =>
	pieces.reduce((sum, { a, b }) => sum + a[0] * RADIANS * Math.sin(b[1] * RADIANS) - b[0] * RADIANS * Math.sin(a[1] * RADIANS), 0) * AREA_FACTOR;

/** Links the kept pieces, end to start, into rings, and holes into the outer ring around them. */
function assemble(kept: Piece[]): Geometry | null {
	const starting = new Map<Position, Piece[]>();
	for (const piece of kept) starting.set(piece.a, [...(starting.get(piece.a) ?? []), piece]);
	const rings: Ring[] = [];
	for (const first of kept) {
		if (first.used) continue;
		const ring = [first.a];
		for (let piece = first; ;) {
			piece.used = true;
			ring.push(piece.b);
			if (piece.b === first.a) break;
			const next = starting.get(piece.b)?.filter((p) => !p.used) ?? [];
			if (next.length !== 1) throw new Degenerate('rings do not link');
			piece = next[0];
		}
		rings.push(ring);
	}
	const outers = rings.filter((r) => signedArea(r) > 0).map((r) => ({ polygon: [r], size: signedArea(r), edges: edgesOf([r]) }));
	for (const hole of rings.filter((r) => signedArea(r) < 0)) {
		const around = outers.filter((o) => contains(o.edges, hole[0][0], hole[0][1])).sort((x, y) => x.size - y.size)[0];
		if (!around) throw new Degenerate('a hole outside every ring');
		around.polygon.push(hole);
	}
	return asGeometry(outers.map((o) => o.polygon));
}

/** Union of rings (circles here), each valid on its own, crossing one another anywhere. */
export function unionOf(rings: Ring[]): Geometry | null {
	const sets = rings.map((r) => edgesOf([r]));
	const cuts = sets.map(() => [] as Cut[][]);
	for (let k = 0; k < sets.length; k++) for (let l = 0; l < k; l++) cross(sets[k], sets[l], cuts[k], cuts[l]);
	const outside = (piece: Piece, k: number) => sets.every((other, l) => l === k || !midpointIn(other, piece));
	return assemble(sets.flatMap((set, k) => pieces(set, cuts[k]).filter((p) => outside(p, k))));
}

/** `shape` minus the region of `zone`. */
export function differenceOf(shape: Geometry, zone: Edges): Geometry | null {
	const edges = edgesOf(orientedRings(shape));
	const [cutsShape, cutsZone]: Cut[][][] = [[], []];
	cross(edges, zone, cutsShape, cutsZone);
	const kept = pieces(edges, cutsShape).filter((p) => !midpointIn(zone, p));
	const zonePieces = pieces(zone, cutsZone).filter((p) => midpointIn(edges, p));
	return assemble([...kept, ...zonePieces.map(reversed)]);
}

/** Area of the overlap of two shapes in km2, without building it. */
export function overlapKm2(a: Edges, b: Edges): number {
	if (!meets(a.box, b.box)) return 0;
	const [cutsA, cutsB]: Cut[][][] = [[], []];
	cross(a, b, cutsA, cutsB);
	return areaLeftOf([...pieces(a, cutsA).filter((p) => midpointIn(b, p)), ...pieces(b, cutsB).filter((p) => midpointIn(a, p))]);
}
