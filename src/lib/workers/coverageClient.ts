import type { Base, CoverageResult } from '../geo/coverage';
import type { RegionInputs } from '../geo/coverageRegions';
import type { CoverageReply, CoverageRequest } from './coverage.worker';

export type CoverageUpdate = { result: CoverageResult; ms: number } | { error: string };

/**
 * Talks to the coverage worker with latest-wins semantics: while one recompute runs, only the
 * newest request waits; older ones (a slider mid-drag) are dropped, so results never lag behind.
 */
export class CoverageClient {
	private worker: Worker;
	private nextId = 0;
	private running: number | null = null;
	private pending: Omit<Extract<CoverageRequest, { type: 'compute' }>, 'id' | 'type'> | null = null;

	constructor(
		inputs: RegionInputs,
		private onUpdate: (update: CoverageUpdate) => void
	) {
		this.worker = new Worker(new URL('./coverage.worker.ts', import.meta.url), { type: 'module' });
		this.worker.onmessage = (event: MessageEvent<CoverageReply>) => this.receive(event.data);
		this.worker.onerror = (event) => {
			this.running = null; // let the next request through rather than stall the queue
			onUpdate({ error: event.message || 'the coverage worker failed' });
			if (this.pending) this.flush();
		};
		this.worker.postMessage({ type: 'regions', inputs } satisfies CoverageRequest);
	}

	compute(bases: Base[], standOffKm: number): void {
		this.pending = { bases, standOffKm };
		if (this.running === null) this.flush();
	}

	destroy(): void {
		this.worker.terminate();
	}

	private flush(): void {
		if (!this.pending) return;
		const id = ++this.nextId;
		this.running = id;
		this.worker.postMessage({ type: 'compute', id, ...this.pending } satisfies CoverageRequest);
		this.pending = null;
	}

	private receive(reply: CoverageReply): void {
		if (reply.id !== this.running) return;
		this.running = null;
		this.onUpdate(reply.type === 'result' ? { result: reply.result, ms: reply.ms } : { error: reply.message });
		this.flush();
	}
}
