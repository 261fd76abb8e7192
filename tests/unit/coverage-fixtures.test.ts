import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Point, Polygon } from 'geojson';
import { coverage, naiveCoverage, prepareCoverage, type Base, type CoverageResult, type Regions } from '../../src/lib/geo/coverage';

// Fixtures in the turf way: tests/fixtures/coverage/in/<case>.geojson holds the bases (points with
// radiusKm), the four regions (real ones simplified to ~10 km, coordinates to 3 decimals, so the
// files stay small) and the options as the collection's `properties`; out/<case>.geojson is what
// `coverage` makes of it, styled with simplestyle so it can be opened in geojson.io or QGIS.
// `UPDATE=1 npx vitest run tests/unit/coverage-fixtures.test.ts` rewrites out/ after a deliberate change.

const dir = 'tests/fixtures/coverage';
const cases = readdirSync(`${dir}/in`).filter((f) => f.endsWith('.geojson'));
const REGION_STYLE: Record<keyof Regions, Record<string, string | number>> = {
	ukraine: { stroke: '#e6b800', 'stroke-width': 2, fill: '#ffd500', 'fill-opacity': 0.1 },
	occupied: { stroke: '#b2182b', 'stroke-width': 1, fill: '#d6604d', 'fill-opacity': 0.25 },
	blackSea: { stroke: '#2166ac', 'stroke-width': 1, fill: '#92c5de', 'fill-opacity': 0.25 },
	hostile: { stroke: '#4d4d4d', 'stroke-width': 1, fill: '#878787', 'fill-opacity': 0.15 }
};

type Input = FeatureCollection<Geometry, Record<string, unknown>> & { properties?: { standOffKm?: number; steps?: number } };
type Options = { standOffKm?: number; steps?: number };

function read(name: string) {
	const input = JSON.parse(readFileSync(`${dir}/in/${name}`, 'utf8')) as Input;
	const regions = Object.fromEntries(
		input.features.filter((f) => f.properties.region).map((f) => [f.properties.region, f.geometry as Polygon | MultiPolygon])
	) as Regions;
	const bases: Base[] = input.features
		.filter((f): f is Feature<Point, Record<string, unknown>> => f.geometry.type === 'Point')
		.map((f) => ({ id: String(f.properties.id), position: f.geometry.coordinates as [number, number], radiusKm: Number(f.properties.radiusKm) }));
	return { input, regions, bases, options: (input.properties ?? {}) as Options };
}

const rounded = <T>(value: T, digits: number): T =>
	JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'number' ? Math.round(v * 10 ** digits) / 10 ** digits : v)));

function output(input: Input, result: CoverageResult): FeatureCollection {
	const shares = Object.fromEntries(
		(['ukraine', 'occupied', 'blackSea'] as const).flatMap((k) => [
			[`${k}Km2`, Math.round(result[k].km2)],
			[`${k}Pct`, Math.round(result[k].pct * 100) / 100]
		])
	);
	const covered: Feature[] = result.covered
		? [
				{
					type: 'Feature',
					properties: {
						name: 'covered',
						coveredKm2: Math.round(result.coveredKm2),
						...shares,
						stroke: '#1a9850',
						'stroke-width': 2,
						fill: '#66bd63',
						'fill-opacity': 0.4
					},
					geometry: rounded(result.covered.geometry, 5)
				}
			]
		: [];
	const styled = input.features.map((f) => ({
		...f,
		properties: f.properties.region
			? { ...f.properties, ...REGION_STYLE[f.properties.region as keyof Regions] }
			: { ...f.properties, 'marker-color': '#1a9850', 'marker-symbol': 'airfield' }
	}));
	return { type: 'FeatureCollection', features: [...covered, ...styled] };
}

/** Pretty, but each geometry's coordinates on one line, so a fixture stays a few kilobytes. */
function format(fc: FeatureCollection): string {
	const coordinates: unknown[] = [];
	const marked = {
		...fc,
		features: fc.features.map((f) => ({ ...f, geometry: { ...f.geometry, coordinates: `@${coordinates.push((f.geometry as Point).coordinates) - 1}@` } }))
	};
	return JSON.stringify(marked, null, 2).replace(/"@(\d+)@"/g, (_, i) => JSON.stringify(coordinates[Number(i)])) + '\n';
}

describe('coverage fixtures', () => {
	it('has fixtures to run', () => {
		expect(cases.length).toBeGreaterThanOrEqual(6);
	});

	for (const name of cases) {
		it(
			name,
			() => {
				const { input, regions, bases, options } = read(name);
				const prepared = prepareCoverage(regions);
				const result = coverage(prepared, bases, options);
				expect(prepared.fallbacks).toBe(0);

				const reference = naiveCoverage(regions, bases, options);
				const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(Math.max(b, 1) * 0.005);
				close(result.coveredKm2, reference.coveredKm2);
				for (const k of ['ukraine', 'occupied', 'blackSea'] as const) close(result[k].km2, reference[k].km2);

				const out = `${dir}/out/${name}`;
				const actual = output(input, result);
				if (process.env.UPDATE) {
					mkdirSync(`${dir}/out`, { recursive: true });
					writeFileSync(out, format(actual));
				}
				expect(actual).toEqual(JSON.parse(readFileSync(out, 'utf8')));
			},
			30_000
		);
	}
});
