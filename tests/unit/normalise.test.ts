import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { normalise } from '../../src/lib/geo/normalise';
import { formatProblem } from '../../src/lib/manifest/errors';

// Golden cases, turf style: in/<case>.geojson -> out/<case>.geojson, the normalised collection
// coloured with simplestyle (open it in geojson.io to look) and the warnings as a foreign member.
// UPDATE=1 rewrites the outputs.
const dir = 'tests/fixtures/normalise';
const cases = readdirSync(join(dir, 'in')).filter((f) => f.endsWith('.geojson'));
const PALETTE = ['#e6194b', '#3cb44b', '#4363d8', '#f58231', '#911eb4'];

describe('normalise (golden)', () => {
	it.each(cases)('%s', (name) => {
		const input = JSON.parse(readFileSync(join(dir, 'in', name), 'utf8')) as FeatureCollection;
		const { data, warnings } = normalise(input);
		const coloured = {
			...data,
			warnings: warnings.map(formatProblem),
			features: data.features.map((f, i) => ({ ...f, properties: { ...f.properties, stroke: PALETTE[i % 5], fill: PALETTE[i % 5], 'fill-opacity': 0.3 } }))
		};
		const outPath = join(dir, 'out', name);
		if (process.env.UPDATE) writeFileSync(outPath, JSON.stringify(coloured, null, 2) + '\n');
		expect(coloured).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
	});
});

const feature = (geometry: GeoJSON.Geometry | null, id = 'x') => ({ type: 'Feature', properties: { id }, geometry }) as GeoJSON.Feature;
const collection = (...features: GeoJSON.Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('normalise', () => {
	it('cuts a line crossing the antimeridian at ±180° where it crosses', () => {
		const { data, warnings } = normalise(
			collection(
				feature(
					{
						type: 'LineString',
						coordinates: [
							[170, 10],
							[-170, 20]
						]
					},
					'pacific'
				)
			)
		);
		expect(data.features[0].geometry).toEqual({
			type: 'MultiLineString',
			coordinates: [
				[
					[170, 10],
					[180, 15]
				],
				[
					[-180, 15],
					[-170, 20]
				]
			]
		});
		expect(warnings.map(formatProblem)).toEqual(['features[0] (pacific).geometry: crosses the antimeridian: cut at ±180°, now a MultiLineString of 2 parts']);
	});

	it('leaves geometry that is already RFC 7946 as it is, adding only the bbox', () => {
		const input = collection(
			feature({
				type: 'Polygon',
				coordinates: [
					[
						[30, 45],
						[34, 45],
						[34, 48],
						[30, 48],
						[30, 45]
					]
				]
			})
		);
		const { data, warnings } = normalise(input);
		expect(warnings).toEqual([]);
		expect(data).toEqual({ ...input, bbox: [30, 45, 34, 48] });
	});

	it('turns clockwise outer rings and counter-clockwise holes, and counts them', () => {
		const { data, warnings } = normalise(
			collection(
				feature(
					{
						type: 'Polygon',
						coordinates: [
							[
								[0, 0],
								[0, 4],
								[4, 4],
								[4, 0],
								[0, 0]
							],
							[
								[1, 1],
								[2, 1],
								[2, 2],
								[1, 2],
								[1, 1]
							]
						]
					},
					'both-wrong'
				)
			)
		);
		expect((data.features[0].geometry as GeoJSON.Polygon).coordinates).toEqual([
			[
				[0, 0],
				[4, 0],
				[4, 4],
				[0, 4],
				[0, 0]
			],
			[
				[1, 1],
				[1, 2],
				[2, 2],
				[2, 1],
				[1, 1]
			]
		]);
		expect(warnings.map(formatProblem)).toEqual([
			'2 rings rewound to the right-hand rule (outer rings counter-clockwise, holes clockwise) in 1 feature: features[0] (both-wrong)'
		]);
	});

	it('lists at most five features in a warning', () => {
		const points = Array.from({ length: 7 }, (_, i) => feature({ type: 'Point', coordinates: [i, i, 100] }, `p${i}`));
		expect(normalise(collection(...points)).warnings.map(formatProblem)).toEqual([
			'a third coordinate (elevation) dropped from 7 features: features[0] (p0), features[1] (p1), features[2] (p2), features[3] (p3), features[4] (p4) and 2 more'
		]);
	});

	it('rounds to the precision asked for', () => {
		const { data } = normalise(collection(feature({ type: 'Point', coordinates: [22.0191234, 50.1100009] })), { precision: 3 });
		expect(data.features[0].geometry).toEqual({ type: 'Point', coordinates: [22.019, 50.11] });
	});

	it('never changes its input', () => {
		const input = collection(
			feature({
				type: 'LineString',
				coordinates: [
					[170, 10, 5],
					[190, 20, 5]
				]
			})
		);
		const before = structuredClone(input);
		normalise(input);
		expect(input).toEqual(before);
	});

	it('never throws, whatever it is given', () => {
		expect(normalise(null as never).warnings.map(formatProblem)).toEqual(['not normalised: a FeatureCollection expected']);
		const odd = collection(feature({ type: 'Polygon', coordinates: [[[200, 0], 'x']] } as never, 'odd'));
		expect(() => normalise(odd)).not.toThrow();
		expect(normalise(odd).warnings.map(formatProblem)).toEqual([expect.stringMatching(/^features\[0\] \(odd\)\.geometry: not normalised \(/)]);
	});
});
