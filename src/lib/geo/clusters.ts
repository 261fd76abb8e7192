import type { BBox } from './types';
import { MAX_LATITUDE } from './mercator';

/**
 * Past this many points a layer is drawn as clusters. A dot of the atlas's default style (6 px
 * and a 1.5 px ring) covers ~180 px², so 2,000 dots would paint a third of a 1280 × 800 view if
 * they were spread evenly, and real points crowd together: well before that they merge into one
 * blob and every frame paints the same pixels over and over. The atlas's own point layers (48
 * incursions, 11 air bases) stay far below it and are drawn exactly as before.
 */
export const CLUSTER_THRESHOLD = 2000;

/** Points within this many screen pixels of each other (at a whole zoom) form one cluster. */
export const CLUSTER_RADIUS_PX = 60;

/** Whether a layer of `points` points is clustered rather than drawn point by point. */
export const shouldCluster = (points: number, threshold = CLUSTER_THRESHOLD): boolean => points > threshold;

/**
 * A cluster circle's radius in pixels: the square root of its count, so the area grows with it,
 * bounded so that a two-point cluster is still a target for a finger and the largest stays
 * clear of its neighbours (cluster centres seldom come closer than CLUSTER_RADIUS_PX). The count label fits
 * inside up to six digits: 11 px digits need ~3.2 px of radius each.
 *
 * @example
 * clusterRadius(2) // 10
 * clusterRadius(1000) // ~17.6
 * clusterRadius(100000) // 24
 */
export function clusterRadius(count: number, options: { min?: number; max?: number; perSqrt?: number } = {}): number {
	const { min = 10, max = 24, perSqrt = 0.25 } = options;
	return Math.min(max, Math.max(min, min + perSqrt * (Math.sqrt(count) - Math.SQRT2)));
}

/**
 * `bbox` widened by `pad` times its own width and height on every side (latitudes kept on the
 * map), so a pan by up to that much stays inside what was already clustered.
 *
 * @example
 * widenBounds([20, 45, 30, 50], 1) // [10, 40, 40, 55]
 */
export function widenBounds(bbox: BBox, pad = 1): BBox {
	const [w, s, e, n] = bbox;
	const dx = (e - w) * pad;
	const dy = (n - s) * pad;
	return [w - dx, Math.max(-MAX_LATITUDE, s - dy), e + dx, Math.min(MAX_LATITUDE, n + dy)];
}

/** Whether `inner` lies wholly inside `outer` (a view inside what was clustered for it). */
export const containsBounds = (outer: BBox, inner: BBox): boolean =>
	(outer[2] - outer[0] >= 360 || (inner[0] >= outer[0] && inner[2] <= outer[2])) &&
	(inner[1] >= outer[1] || outer[1] <= -MAX_LATITUDE) &&
	(inner[3] <= outer[3] || outer[3] >= MAX_LATITUDE);
