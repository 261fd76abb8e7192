// Clusters dense deck.gl point layers off the main thread: building the index for 100,000 points
// takes a few hundred milliseconds, which on the main thread would freeze the map mid-gesture.
import { clusterIndex, clustersIn, type ClusterIndex, type ClusterOptions, type ClustersInView } from '../geo/clusterIndex';
import type { BBox } from '../geo/types';

export type ClusterRequest = {
	id: number;
	/** the layer: one index each */
	layer: string;
	/** longitude, latitude pairs: sent when the points changed (a new layer, the time filter moved) */
	positions?: Float64Array;
	options?: ClusterOptions;
	bbox: BBox;
	zoom: number;
};
export type ClusterReply =
	({ type: 'clusters'; id: number; layer: string; buildMs: number | null } & ClustersInView) | { type: 'error'; id: number; layer: string; message: string };

const indices = new Map<string, ClusterIndex>();

self.onmessage = (event: MessageEvent<ClusterRequest>) => {
	const { id, layer, positions, options, bbox, zoom } = event.data;
	try {
		let buildMs: number | null = null;
		if (positions) {
			const start = performance.now();
			indices.set(layer, clusterIndex(positions, options));
			buildMs = performance.now() - start;
		}
		const index = indices.get(layer);
		if (!index) throw new Error(`no points sent for layer ${layer}`);
		const found = clustersIn(index, bbox, zoom);
		self.postMessage({ type: 'clusters', id, layer, buildMs, ...found } satisfies ClusterReply, { transfer: [found.clusters.buffer, found.singles.buffer] });
	} catch (error) {
		self.postMessage({ type: 'error', id, layer, message: (error as Error).message } satisfies ClusterReply);
	}
};
