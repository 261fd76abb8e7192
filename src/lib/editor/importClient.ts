import type { Bibliography } from '../manifest/schema';
import type { LayerShape } from './checkFile';
import type { Forgiving, ImportReply, ImportRequest, ImportResult } from '../workers/import.worker';

export type { Forgiving, ImportResult };
export type Progress = { phase: 'reading' | 'checking'; fraction: number };

/** Past this a file is refused before a byte of it is read, by the editor and `npm run layer` alike: checking one takes about 35 times its size in memory. */
export const MAX_FILE_BYTES = 50 * 1024 * 1024;

/** Why a file cannot be imported, known from its size alone, or null. */
export function refusal(file: { name: string; size: number }): string | null {
	if (file.size > MAX_FILE_BYTES)
		return `${file.name} is ${(file.size / 1024 / 1024).toFixed(1)} MB: the editor takes files up to ${MAX_FILE_BYTES / 1024 / 1024} MB. Simplify it (mapshaper, QGIS) or split it into several layers.`;
	if (file.size === 0) return `${file.name} is empty`;
	return null;
}

/**
 * One worker for the editor. Only the newest request counts: an older import or check still
 * running when a new one is asked for is answered with null, so a slow file never overwrites
 * the one dropped after it.
 */
export class ImportClient {
	private worker = new Worker(new URL('../workers/import.worker.ts', import.meta.url), { type: 'module' });
	private latest = 0;
	private waiting = new Map<number, { resolve: (r: ImportResult | null) => void; reject: (e: Error) => void; onProgress?: (p: Progress) => void }>();

	constructor() {
		this.worker.onmessage = (event: MessageEvent<ImportReply>) => {
			const reply = event.data;
			const waiter = this.waiting.get(reply.id);
			if (!waiter) return;
			if (reply.type === 'progress') return waiter.onProgress?.({ phase: reply.phase, fraction: reply.fraction });
			this.waiting.delete(reply.id);
			if (reply.id !== this.latest) return waiter.resolve(null);
			if (reply.type === 'result') waiter.resolve(reply.result);
			else waiter.reject(new Error(reply.message));
		};
		this.worker.onerror = (event) => {
			for (const waiter of this.waiting.values()) waiter.reject(new Error(event.message || 'the import worker failed'));
			this.waiting.clear();
		};
	}

	/** Reads and checks a file; `layer` null lets the worker guess the kind from the geometry. */
	import(
		file: Blob,
		name: string,
		layer: LayerShape | null,
		sources: Bibliography,
		forgiving: Forgiving,
		onProgress?: (p: Progress) => void
	): Promise<ImportResult | null> {
		return this.send({ type: 'import', file, name, layer, sources, forgiving }, onProgress);
	}

	/** Checks the last file read again, as another kind. */
	check(layer: LayerShape, sources: Bibliography, forgiving: Forgiving, onProgress?: (p: Progress) => void): Promise<ImportResult | null> {
		return this.send({ type: 'check', layer, sources, forgiving }, onProgress);
	}

	destroy(): void {
		this.worker.terminate();
	}

	private send(
		request: Omit<Extract<ImportRequest, { type: 'import' }>, 'id'> | Omit<Extract<ImportRequest, { type: 'check' }>, 'id'>,
		onProgress?: (p: Progress) => void
	) {
		const id = ++this.latest;
		return new Promise<ImportResult | null>((resolve, reject) => {
			this.waiting.set(id, { resolve, reject, onProgress });
			this.worker.postMessage({ ...request, id } as ImportRequest);
		});
	}
}
