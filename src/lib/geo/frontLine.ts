import area from '@turf/area';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Feature, GeoJsonProperties, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/**
 * Within this distance of recognised Ukraine's outline an edge of the occupied area is taken to run
 * along the Russian or Belarusian border or the coast, not the front. Natural Earth 1:10m
 * (world-atlas countries-10m) and DeepState disagree on where the border is: measured on the
 * 2025-09-04 snapshot, Natural Earth's land-border vertices lie a median 1.4 km (90th percentile
 * 2.9 km) from DeepState's, its coast a median 0.6 km (95th percentile 2.2 km; the south shore of
 * the Dnipro-Buh estuary, which is coast, not front, 2.1 to 2.5 km). Any more would eat the front
 * in the Dnipro delta opposite Kherson, whose left bank runs 3.0 to 6 km from Natural Earth's coast
 * of the estuary.
 */
export const BORDER_TOLERANCE_KM = 3;
/**
 * A ring of the occupied area (a pocket, an island, a hole) smaller than this has no front drawn:
 * at zoom 8 a square kilometre is about 2.5 pixels across, and DeepState's smallest pieces (0.1 to
 * 0.9 km², most of them a day or two old) come and go between snapshots.
 */
const MIN_RING_AREA_KM2 = 1;
/**
 * A stretch of edge that leaves the tolerance's band at a single vertex, less than this many
 * times the tolerance deep, is a spike of Natural Earth's error, not front. On every snapshot five
 * such spikes sit on the Rostov and Belgorod borders of Donetsk and Luhansk oblasts (one vertex
 * 3.0 to 4.3 km in, where DeepState cuts a border bend with a chord of 1 to 15 km); drawn, they
 * would add 46 km of front where there is none. A real stretch of front has more than one vertex
 * beyond the band (DeepState draws it with a vertex every 0.8 km, median) or goes deeper; the price,
 * over the 29 snapshots, is 2.4 km of the Sumy pocket's front on 2025-09-01 and 2025-09-04.
 */
const SPIKE_DEPTH_FACTOR = 2;

const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;

type Segment = [number, number, number, number];

/** Segments of every ring of `outline`, for the distance test. */
function segmentsOf(outline: Polygon | MultiPolygon): Segment[] {
	const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
	const segments: Segment[] = [];
	for (const ring of polygons.flat()) for (let i = 1; i < ring.length; i++) segments.push([ring[i - 1][0], ring[i - 1][1], ring[i][0], ring[i][1]]);
	return segments;
}

/**
 * Distance in km from `point` to the nearest of `segments`, in an equirectangular projection
 * centred on the point: within 0.1% of the geodesic distance over the few kilometres that matter.
 */
function distanceToSegmentsKm(point: Position, segments: Segment[]): number {
	const kx = Math.cos((point[1] * Math.PI) / 180) * KM_PER_DEGREE_LON_AT_EQUATOR;
	let best = Infinity;
	for (const [ax, ay, bx, by] of segments) {
		const x1 = (ax - point[0]) * kx;
		const y1 = (ay - point[1]) * KM_PER_DEGREE_LAT;
		const dx = (bx - ax) * kx;
		const dy = (by - ay) * KM_PER_DEGREE_LAT;
		const l2 = dx * dx + dy * dy;
		const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, -(x1 * dx + y1 * dy) / l2));
		const d = Math.hypot(x1 + t * dx, y1 + t * dy);
		if (d < best) best = d;
	}
	return best;
}

export interface FrontLineOptions {
	/** km: closer than this to the outline is border or coast (default BORDER_TOLERANCE_KM) */
	toleranceKm?: number;
	/** km²: rings smaller than this draw no front (default MIN_RING_AREA_KM2) */
	minRingAreaKm2?: number;
	/** a run with one vertex beyond the tolerance, less than this times the tolerance deep, is dropped (default SPIKE_DEPTH_FACTOR) */
	spikeDepthFactor?: number;
	/** properties of the returned feature */
	properties?: GeoJsonProperties;
}

/**
 * The front line: the part of the occupied area's edge inside Ukraine, that is every stretch of
 * it that is neither outside recognised Ukraine (the Kinburn and Azov spits Natural Earth does
 * not draw, DeepState's edge running into Russia) nor within `toleranceKm` of Ukraine's outline
 * (the Russian and Belarusian border, the Black Sea and Azov coast, Crimea's coast). A river bank
 * is inside the outline, so the left bank of the Dnipro is front, and so is all of an occupied
 * island in it. A segment is along the outline when both its ends and its middle are; each run
 * of other segments is one line of the result, running in the ring's direction.
 *
 * @example
 * const front = frontLine(deepstate.features[0], recognisedUkraine);
 * front.geometry.coordinates.length; // stretches of front, pockets included
 */
export function frontLine(
	occupied: Feature<Polygon | MultiPolygon> | Polygon | MultiPolygon,
	ukraine: Polygon | MultiPolygon,
	options: FrontLineOptions = {}
): Feature<MultiLineString> {
	const toleranceKm = options.toleranceKm ?? BORDER_TOLERANCE_KM;
	const minRingAreaKm2 = options.minRingAreaKm2 ?? MIN_RING_AREA_KM2;
	const spikeDepthKm = toleranceKm * (options.spikeDepthFactor ?? SPIKE_DEPTH_FACTOR);
	const geometry = occupied.type === 'Feature' ? occupied.geometry : occupied;
	const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
	const outline = segmentsOf(ukraine);

	const lines: Position[][] = [];
	for (const polygon of polygons) {
		if (ringAreaKm2(polygon[0]) < minRingAreaKm2) continue; // a pocket too small: its holes go with it
		for (const ring of polygon) {
			if (ringAreaKm2(ring) < minRingAreaKm2) continue;
			const depth = ring.map((p) => (booleanPointInPolygon(p, ukraine) ? distanceToSegmentsKm(p, outline) : -1));
			const isAlong = (d: number) => d < toleranceKm;
			const middleAlong = (i: number) => {
				const middle = [(ring[i][0] + ring[i + 1][0]) / 2, (ring[i][1] + ring[i + 1][1]) / 2];
				return isAlong(booleanPointInPolygon(middle, ukraine) ? distanceToSegmentsKm(middle, outline) : -1);
			};
			const segmentCount = ring.length - 1;
			const along = Array.from({ length: segmentCount }, (_, i) => isAlong(depth[i]) && isAlong(depth[i + 1]) && middleAlong(i));
			const start = along.indexOf(true);
			if (start < 0) {
				lines.push(ring.slice()); // wholly inside: an island or a pocket, closed
				continue;
			}
			const isFront = (run: number[]) => {
				// a chord with no vertex beyond the band cuts a bend of the border; one vertex beyond it is a spike
				const beyond = run.map((i) => depth[i]).filter((d) => !isAlong(d));
				return beyond.length > 1 || (beyond.length === 1 && beyond[0] >= spikeDepthKm);
			};
			let run: number[] | null = null; // vertex indices
			for (let k = 1; k <= segmentCount; k++) {
				const i = (start + k) % segmentCount;
				if (along[i]) {
					if (run && isFront(run)) lines.push(run.map((j) => ring[j]));
					run = null;
					continue;
				}
				run ??= [i];
				run.push(i + 1);
			}
			if (run && isFront(run)) lines.push(run.map((j) => ring[j]));
		}
	}
	return { type: 'Feature', properties: options.properties ?? {}, geometry: { type: 'MultiLineString', coordinates: lines } };
}

const ringAreaKm2 = (ring: Position[]) => area({ type: 'Polygon', coordinates: [ring] }) / 1e6;
