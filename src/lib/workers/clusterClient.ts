import type { ClustersInView } from '../geo/clusterIndex';
import type { ClusterReply, ClusterRequest } from './cluster.worker';

export type ClusterWanted = Omit<ClusterRequest, 'id' | 'layer'>;
export type ClusterResult = ClustersInView & { buildMs: number | null };
type Waiter = { resolve: (result: ClusterResult | null) => void; reject: (error: Error) => void };

/**
 * Talks to the cluster worker, latest-wins for each layer: while one request runs, only the
 * newest waits; one it replaces resolves with null, and hands on the points it was to send.
 */
export class ClusterClient {
	private worker: Worker;
	private nextId = 0;
	private running = new Map<string, { id: number; waiter: Waiter }>();
	private pending = new Map<string, { wanted: ClusterWanted; waiter: Waiter }>();

	constructor() {
		this.worker = new Worker(new URL('./cluster.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (event: MessageEvent<ClusterReply>) => this.receive(event.data);
		this.worker.onerror = (event) => {
			const error = new Error(event.message || 'the cluster worker failed');
			for (const { waiter } of [...this.running.values(), ...this.pending.values()]) waiter.reject(error);
			this.running.clear();
			this.pending.clear();
		};
	}

	/** The clusters of `layer` in `wanted.bbox` at `wanted.zoom`; null when a newer request replaced this one. */
	request(layer: string, wanted: ClusterWanted): Promise<ClusterResult | null> {
		return new Promise((resolve, reject) => {
			const older = this.pending.get(layer);
			older?.waiter.resolve(null);
			const positions = wanted.positions ?? older?.wanted.positions;
			const options = wanted.options ?? older?.wanted.options;
			this.pending.set(layer, { wanted: { ...wanted, positions, options }, waiter: { resolve, reject } });
			if (!this.running.has(layer)) this.flush(layer);
		});
	}

	destroy(): void {
		this.worker.terminate();
		for (const { waiter } of this.pending.values()) waiter.resolve(null);
		for (const { waiter } of this.running.values()) waiter.resolve(null);
	}

	private flush(layer: string): void {
		const next = this.pending.get(layer);
		if (!next) return;
		this.pending.delete(layer);
		const id = ++this.nextId;
		this.running.set(layer, { id, waiter: next.waiter });
		const message: ClusterRequest = { id, layer, ...next.wanted };
		this.worker.postMessage(message, next.wanted.positions ? [next.wanted.positions.buffer] : []);
	}

	private receive(reply: ClusterReply): void {
		const running = this.running.get(reply.layer);
		if (!running || running.id !== reply.id) return;
		this.running.delete(reply.layer);
		if (reply.type === 'error') running.waiter.reject(new Error(reply.message));
		else running.waiter.resolve({ clusters: reply.clusters, singles: reply.singles, buildMs: reply.buildMs });
		this.flush(reply.layer);
	}
}
