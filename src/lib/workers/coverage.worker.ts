// Recomputes patrol coverage off the main thread, so dragging the radius never stutters the map.
import { coverage, prepareCoverage, type Base, type PreparedCoverage } from '../geo/coverage';
import { coverageRegions, type RegionInputs } from '../geo/coverageRegions';

export type CoverageRequest = { type: 'regions'; inputs: RegionInputs } | { type: 'compute'; id: number; bases: Base[]; standOffKm: number };
export type CoverageReply = { type: 'result'; id: number; result: ReturnType<typeof coverage>; ms: number } | { type: 'error'; id: number; message: string };

let prepared: PreparedCoverage | null = null;

self.onmessage = (event: MessageEvent<CoverageRequest>) => {
	const message = event.data;
	if (message.type === 'regions') {
		prepared = prepareCoverage(coverageRegions(message.inputs));
		return;
	}
	try {
		if (!prepared) throw new Error('regions not sent yet');
		const start = performance.now();
		const result = coverage(prepared, message.bases, { standOffKm: message.standOffKm });
		self.postMessage({ type: 'result', id: message.id, result, ms: performance.now() - start } satisfies CoverageReply);
	} catch (error) {
		self.postMessage({ type: 'error', id: message.id, message: (error as Error).message } satisfies CoverageReply);
	}
};
