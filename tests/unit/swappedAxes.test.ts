import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { swappedAxes } from '../../src/lib/geo/swappedAxes';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';

const sources = validateBibliography(JSON.parse(readFileSync(new URL('../../geodata/sources.json', import.meta.url), 'utf8'))).citable;
const source = Object.keys(sources)[0];
const points = (...coordinates: [number, number][]): FeatureCollection => ({
	type: 'FeatureCollection',
	features: coordinates.map((c, i) => ({ type: 'Feature', properties: { id: `p${i}` }, geometry: { type: 'Point', coordinates: c } }))
});

// Kyiv, Warsaw, Rzeszów, Vilnius, Helsinki, written latitude first: points in Iraq, Iran, the Gulf
const SWAPPED: [number, number][] = [
	[50.45, 30.52],
	[52.23, 21.01],
	[50.11, 22.02],
	[54.69, 25.28],
	[60.17, 24.94]
];

describe('swappedAxes', () => {
	it('finds a layer of European places written latitude first', () => {
		expect(swappedAxes(points(...SWAPPED))).toEqual([50.45, 30.52]);
	});

	it('leaves the same places written longitude first alone, and points that read either way', () => {
		expect(swappedAxes(points(...SWAPPED.map(([x, y]): [number, number] => [y, x])))).toBeNull();
		expect(swappedAxes(points([40, 40], [41, 42]))).toBeNull();
		expect(swappedAxes(points())).toBeNull();
	});

	it('leaves a layer alone as soon as one point could not be Europe swapped (a base in the Atlantic)', () => {
		expect(swappedAxes(points(...SWAPPED, [-20, 64]))).toBeNull();
	});
});

describe('a file with longitude and latitude swapped', () => {
	it('is added with a warning that says so and how to read it', () => {
		// the header says lon,lat, but the editor typed each place latitude first
		const rows = SWAPPED.map(([x, y], i) => `p${i},P${i},${x},${y},confirmed,2025-09-04,${source}`);
		const { problems, warnings } = prepareLayer(
			['id,name,lon,lat,confidence,asOf,sources', ...rows].join('\n'),
			'bases.csv',
			{ kind: 'point', file: 'bases.geojson' },
			sources
		);
		expect(problems).toEqual([]);
		expect(warnings.map(formatProblem)).toEqual([
			'bases.csv: longitude and latitude look swapped: every position lies in Europe only when read latitude first (the first, [50.45, 30.52], would be 30.52°E, 50.45°N); longitude comes first'
		]);
	});

	it('is warned about the same way when a large file is checked in slices (the editor, the command)', () => {
		const collection = points(...SWAPPED);
		for (const f of collection.features) Object.assign(f.properties!, { name: 'P', sources: [source], confidence: 'confirmed', asOf: '2025-09-04' });
		const text = JSON.stringify(collection);
		const whole = checkLayerText(text, 'bases.geojson', { kind: 'point', file: 'bases.geojson' }, sources);
		const inSlices = checkLayerText(text, 'bases.geojson', { kind: 'point', file: 'bases.geojson' }, sources, { sliceAbove: 0, sliceChars: 1 });
		expect(whole.warnings.map(formatProblem)).toEqual([expect.stringContaining('longitude and latitude look swapped')]);
		expect(inSlices.warnings).toEqual(whole.warnings);
	});
});
