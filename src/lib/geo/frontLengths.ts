import length from '@turf/length';
import simplify from '@turf/simplify';
import type { Feature, MultiLineString } from 'geojson';

/**
 * The smoothed length generalises the line with Douglas-Peucker at this tolerance: the same 3 km
 * within which the front cannot be told from the border (frontLine's BORDER_TOLERANCE_KM), so the
 * smoothed figure claims no detail finer than the method can see. It drops the salients and the
 * village-by-village zigzag DeepState draws, as a map at 1:1,000,000 or a staff's own count
 * would; on 2025-12-01 it reads 996 km against 1,287 km at the data's resolution (1 km: 1,155;
 * 5 km: 925; 10 km: 863).
 */
const SMOOTHING_KM = 3;

/** Latitude where a degree of longitude is projected to its length in km: the middle of the front. */
const PROJECTION_LATITUDE = 48.5;
const KM_PER_DEGREE = 110.574;

export interface FrontLengths {
	/** km along the line at the data's resolution (geodesic, turf) */
	rawKm: number;
	/** km along the line after Douglas-Peucker at `smoothingKm` */
	smoothedKm: number;
}

/**
 * Two lengths of one front line, to show why several figures are quoted for "the" front: at
 * DeepState's resolution (a vertex every 0.8 km, every salient and pocket) it is 1,030 to 1,370 km;
 * generalised at 3 km, the resolution of an overview map, 850 to 1,080 km (July 2024 to August 2026). Douglas-Peucker runs
 * in an equirectangular projection at 48.5° N, so that the tolerance is kilometres both ways;
 * a buffer-and-centreline smoothing would also shave the ends of each stretch and merge the
 * pockets into the main line, which would change what is measured rather than how finely.
 *
 * @example
 * frontLengths(frontLine(occupied, ukraine)) // { rawKm: 1286.9, smoothedKm: 995.8 } on 2025-12-01
 */
export function frontLengths(line: Feature<MultiLineString> | MultiLineString, options: { smoothingKm?: number } = {}): FrontLengths {
	const smoothingKm = options.smoothingKm ?? SMOOTHING_KM;
	const geometry = line.type === 'Feature' ? line.geometry : line;
	const k = Math.cos((PROJECTION_LATITUDE * Math.PI) / 180);
	const projected: MultiLineString = { type: 'MultiLineString', coordinates: geometry.coordinates.map((l) => l.map(([x, y]) => [x * k, y])) };
	const smoothed = simplify(projected, { tolerance: smoothingKm / KM_PER_DEGREE, highQuality: true });
	const back: MultiLineString = { type: 'MultiLineString', coordinates: smoothed.coordinates.map((l) => l.map(([x, y]) => [x / k, y])) };
	return { rawKm: lengthKm(geometry), smoothedKm: lengthKm(back) };
}

const lengthKm = (geometry: MultiLineString) => length({ type: 'Feature', properties: {}, geometry }, { units: 'kilometers' });
