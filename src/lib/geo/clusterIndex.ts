// The cluster index itself, apart from ./clusters so that the map's main thread, which needs only
// the threshold and the sizes, never loads supercluster: the cluster worker does.
import Supercluster from 'supercluster';
import type { BBox } from './types';
import { CLUSTER_RADIUS_PX } from './clusters';

export type ClusterOptions = {
	/** the deepest zoom that still clusters; one past it every point stands alone */
	maxZoom?: number;
	radius?: number;
};

export type ClusterIndex = Supercluster<{ i: number }>;

/** One zoom's worth of an index over a view: what to draw. */
export type ClustersInView = {
	/** four numbers a cluster: longitude, latitude, point count, the zoom at which it splits */
	clusters: Float64Array;
	/** the points that stand alone, as indices into the positions the index was built from */
	singles: Uint32Array;
};

/**
 * The cluster hierarchy of points given as longitude, latitude pairs, every zoom from 0 to
 * `maxZoom` (supercluster's: the same 512 px tiles as maplibre's zoom levels).
 *
 * @example
 * const index = clusterIndex(new Float64Array([24.1, 50.2, 24.1, 50.3]), { maxZoom: 10 });
 */
export function clusterIndex(positions: ArrayLike<number>, options: ClusterOptions = {}): ClusterIndex {
	const { maxZoom = 16, radius = CLUSTER_RADIUS_PX } = options;
	const points = Array.from({ length: positions.length / 2 }, (_, i) => ({
		type: 'Feature' as const,
		properties: { i },
		geometry: { type: 'Point' as const, coordinates: [positions[2 * i], positions[2 * i + 1]] }
	}));
	return new Supercluster<{ i: number }>({ maxZoom, radius }).load(points);
}

/**
 * The clusters and lone points of `index` inside `bbox` at `zoom` (floored: clusters change only
 * at whole zoom levels), each cluster with the zoom a click should go to to split it.
 *
 * @example
 * const { clusters, singles } = clustersIn(index, [14, 42, 44, 60], 4);
 */
export function clustersIn(index: ClusterIndex, bbox: BBox, zoom: number): ClustersInView {
	const found = index.getClusters(bbox, Math.floor(zoom));
	const clusters: number[] = [];
	const singles: number[] = [];
	for (const f of found) {
		const [lng, lat] = f.geometry.coordinates;
		if ('cluster' in f.properties && f.properties.cluster)
			clusters.push(lng, lat, f.properties.point_count, index.getClusterExpansionZoom(f.properties.cluster_id));
		else singles.push((f.properties as { i: number }).i);
	}
	return { clusters: Float64Array.from(clusters), singles: Uint32Array.from(singles) };
}
