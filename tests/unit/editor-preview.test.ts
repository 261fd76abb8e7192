import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Polygon } from 'geojson';
import { ordinal, thinForPreview, thinnedInWords } from '../../src/lib/editor/preview';

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

describe('how a preview was thinned, in words', () => {
	it('says 2nd, 3rd, 11th and 22nd, and both steps when there are two', () => {
		expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111].map(ordinal)).toEqual([
			'1st',
			'2nd',
			'3rd',
			'4th',
			'11th',
			'12th',
			'13th',
			'21st',
			'22nd',
			'23rd',
			'101st',
			'111th'
		]);
		expect(thinnedInWords({ vertices: 2, features: 1 })).toBe('every 2nd vertex');
		expect(thinnedInWords({ vertices: 1, features: 3 })).toBe('every 3rd feature');
		expect(thinnedInWords({ vertices: 2, features: 3 })).toBe('every 2nd vertex, every 3rd feature');
	});
});
