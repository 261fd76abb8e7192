import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { CLUSTER_RADIUS_PX, CLUSTER_THRESHOLD, clusterRadius, containsBounds, shouldCluster, widenBounds } from '../../src/lib/geo/clusters';
import { clusterIndex, clustersIn } from '../../src/lib/geo/clusterIndex';
import type { BBox } from '../../src/lib/geo/types';

// Fixtures in the turf way: tests/fixtures/clusters/in/<case>.geojson holds points and, as the
// collection's `properties`, the view (`bbox`, `zoom`) and the index's `maxZoom`; out/<case>.geojson
// is what clustersIn returns there, styled with simplestyle (clusters large and dark, with their
// count, radius and the zoom a click goes to; lone points small and red) to open in geojson.io.
// `UPDATE=1 npx vitest run tests/unit/clusters.test.ts` rewrites out/ after a deliberate change.

const dir = 'tests/fixtures/clusters';
const cases = readdirSync(`${dir}/in`).filter((f) => f.endsWith('.geojson'));
type Input = FeatureCollection<Point, { name: string }> & { properties: { bbox: BBox; zoom: number; maxZoom: number } };

const round = (x: number) => Math.round(x * 1e5) / 1e5;

function output(input: Input): FeatureCollection {
	const positions = input.features.flatMap((f) => f.geometry.coordinates.slice(0, 2));
	const { clusters, singles } = clustersIn(clusterIndex(positions, { maxZoom: input.properties.maxZoom }), input.properties.bbox, input.properties.zoom);
	const circles: Feature[] = [];
	for (let k = 0; k < clusters.length; k += 4) {
		const count = clusters[k + 2];
		circles.push({
			type: 'Feature',
			properties: {
				count,
				expansionZoom: clusters[k + 3],
				radiusPx: round(clusterRadius(count)),
				'marker-color': '#2d3748',
				'marker-size': 'large',
				'marker-symbol': String(count)
			},
			geometry: { type: 'Point', coordinates: [round(clusters[k]), round(clusters[k + 1])] }
		});
	}
	const alone = [...singles]
		.sort((a, b) => a - b)
		.map((i) => ({ ...input.features[i], properties: { ...input.features[i].properties, 'marker-color': '#d53f8c', 'marker-size': 'small' } }));
	return { type: 'FeatureCollection', features: [...circles, ...alone] };
}

describe('cluster fixtures', () => {
	it('has fixtures to run', () => {
		expect(cases.length).toBeGreaterThanOrEqual(6);
	});

	for (const name of cases) {
		it(name, () => {
			const input = JSON.parse(readFileSync(`${dir}/in/${name}`, 'utf8')) as Input;
			const actual = output(input);
			const out = `${dir}/out/${name}`;
			if (process.env.UPDATE) {
				mkdirSync(`${dir}/out`, { recursive: true });
				writeFileSync(out, JSON.stringify(actual, null, 2) + '\n');
			}
			expect(actual).toEqual(JSON.parse(readFileSync(out, 'utf8')));
			// whatever the view, every point inside it is counted once: in a cluster or alone
			const [w, s, e, n] = input.properties.bbox;
			const inside = input.features.filter(
				({
					geometry: {
						coordinates: [x, y]
					}
				}) => x >= w && x <= e && y >= s && y <= n
			).length;
			const counted = actual.features.reduce((sum, f) => sum + Number(f.properties?.count ?? 1), 0);
			expect(counted).toBe(inside);
		});
	}
});

describe('when to cluster', () => {
	it("leaves the atlas's own point layers as they are and clusters a dense one", () => {
		const layer = (file: string) => JSON.parse(readFileSync(`geodata/${file}`, 'utf8')).features.length;
		expect(shouldCluster(layer('incursions.geojson'))).toBe(false);
		expect(shouldCluster(layer('air-bases.geojson'))).toBe(false);
		expect(shouldCluster(CLUSTER_THRESHOLD)).toBe(false);
		expect(shouldCluster(CLUSTER_THRESHOLD + 1)).toBe(true);
		expect(shouldCluster(100_000)).toBe(true);
		expect(shouldCluster(50, 10)).toBe(true);
	});
});

describe('cluster circles', () => {
	it('grow with the square root of the count, between 10 and 24 px', () => {
		expect(clusterRadius(2)).toBe(10);
		expect(clusterRadius(1_000_000)).toBe(24);
		// four times the points, twice the radius added above the smallest (until the bound)
		expect(clusterRadius(402) - clusterRadius(2)).toBeCloseTo(2 * (clusterRadius(102) - clusterRadius(2)), 0);
		const counts = [2, 3, 10, 50, 100, 500, 1000, 2000, 5000, 10_000];
		for (let i = 1; i < counts.length; i++) expect(clusterRadius(counts[i])).toBeGreaterThanOrEqual(clusterRadius(counts[i - 1]));
		expect(clusterRadius(5, { min: 4, max: 8, perSqrt: 10 })).toBe(8);
	});

	it('hold their count up to six digits: 11 px digits need ~3.2 px of radius each, plus a margin', () => {
		for (let count = 2; count < 1_000_000; count = Math.ceil(count * 1.3)) {
			const digits = String(count).length;
			expect(clusterRadius(count), `${count}`).toBeGreaterThanOrEqual(digits * 3.2 + 2);
		}
	});

	it('stay apart: two of the largest fit between cluster centres', () => {
		expect(2 * clusterRadius(Infinity)).toBeLessThanOrEqual(CLUSTER_RADIUS_PX);
	});
});

describe('the area clustered around a view', () => {
	it('is the view widened by its own size on every side, latitudes kept on the map', () => {
		expect(widenBounds([20, 45, 30, 50])).toEqual([10, 40, 40, 55]);
		expect(widenBounds([20, 45, 30, 50], 0.5)).toEqual([15, 42.5, 35, 52.5]);
		expect(widenBounds([-170, 60, 170, 84])).toEqual([-510, 36, 510, 85.051129]);
	});

	it('holds a view panned less than a view away, not one panned further or out', () => {
		const asked = widenBounds([20, 45, 30, 50]);
		expect(containsBounds(asked, [20, 45, 30, 50])).toBe(true);
		expect(containsBounds(asked, [29, 48, 39, 53])).toBe(true);
		expect(containsBounds(asked, [31, 45, 41, 50])).toBe(false);
		expect(containsBounds(asked, [20, 52, 30, 57])).toBe(false);
		expect(containsBounds(asked, [5, 40, 45, 55])).toBe(false);
		// a world-wide area holds any longitude, and one clamped at the pole any northern view
		expect(containsBounds([-540, -85.051129, 540, 85.051129], [150, 70, 200, 85.06])).toBe(true);
	});
});
