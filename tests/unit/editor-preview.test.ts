import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { thinForPreview } from '../../src/lib/editor/preview';

const circle = (n: number): Polygon => {
	const ring = Array.from({ length: n }, (_, i) => [Math.cos((2 * Math.PI * i) / n), Math.sin((2 * Math.PI * i) / n)]);
	return { type: 'Polygon', coordinates: [[...ring, ring[0]]] };
};
const collection = (features: FeatureCollection['features']): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('thinForPreview', () => {
	it('leaves a file within the budget as it is', () => {
		const data = collection([{ type: 'Feature', properties: {}, geometry: circle(100) }]);
		expect(thinForPreview(data, 1000)).toEqual({ data, thinned: null });
	});

	it('keeps every feature of a heavy polygon layer, with closed rings of at least four positions', () => {
		const data = collection(Array.from({ length: 20 }, (_, i) => ({ type: 'Feature' as const, properties: { i }, geometry: circle(i === 0 ? 3 : 1000) })));
		const { data: thin, thinned } = thinForPreview(data, 2000);
		expect(thinned).toEqual({ vertices: 10, features: 1 });
		expect(thin.features).toHaveLength(20);
		for (const f of thin.features) {
			const ring = (f.geometry as Polygon).coordinates[0];
			expect(ring.length).toBeGreaterThanOrEqual(4);
			expect(ring.at(-1)).toEqual(ring[0]);
		}
		expect(thin.features.reduce((s, f) => s + (f.geometry as Polygon).coordinates[0].length, 0)).toBeLessThanOrEqual(2100);
	});

	it('samples points when there are too many to draw at once', () => {
		const data = collection(
			Array.from({ length: 1000 }, (_, i) => ({ type: 'Feature' as const, properties: { i }, geometry: { type: 'Point' as const, coordinates: [i / 100, 0] } }))
		);
		const { data: thin, thinned } = thinForPreview(data, 100);
		expect(thinned?.features).toBe(10);
		expect(thin.features.map((f) => f.properties!.i).slice(0, 3)).toEqual([0, 10, 20]);
	});
});
