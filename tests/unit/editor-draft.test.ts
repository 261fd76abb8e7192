import { describe, expect, it } from 'vitest';
import * as v from 'valibot';
import { defaultMeta, draftLayer, frameOf, guessKind, manifestEntry, propertyNames, slugOf } from '../../src/lib/editor/draftLayer';
import { locate, placeOf, rejectedFeatures } from '../../src/lib/editor/problems';
import { LayerSchema } from '../../src/lib/manifest/schema';
import type { FeatureCollection } from 'geojson';

const points: FeatureCollection = {
	type: 'FeatureCollection',
	features: [
		{ type: 'Feature', properties: { id: 'a', name: 'A' }, geometry: { type: 'Point', coordinates: [30, 50] } },
		{
			type: 'Feature',
			properties: { id: 'b', capacity: 3 },
			geometry: {
				type: 'LineString',
				coordinates: [
					[30, 50],
					[31, 51]
				]
			}
		},
		{ type: 'Feature', properties: { id: 'c' }, geometry: { type: 'Point', coordinates: [31, 50] } }
	]
};

describe('draftLayer', () => {
	it('reads an id, a kind and the properties from the file', () => {
		expect(slugOf('C:\\maps\\Air Bases (2025).csv')).toBe('air-bases-2025');
		expect(guessKind(points)).toBe('point');
		expect(guessKind({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: null }] } as unknown as FeatureCollection)).toBe(
			'choropleth'
		);
		expect(propertyNames(points)).toEqual(['id', 'name', 'capacity']);
	});

	it('makes a manifest entry the schema accepts, in the manifest’s order, empty fields left out', () => {
		const meta = { ...defaultMeta('Depots.geojson', 'point', ['name']), title: ' Depots ', sources: ['s'], opacity: 0.5 };
		const entry = manifestEntry(meta);
		expect(Object.keys(entry)).toEqual(['id', 'title', 'kind', 'file', 'style', 'tooltip', 'sources']);
		expect(entry).toMatchObject({
			id: 'depots',
			title: 'Depots',
			file: 'depots.geojson',
			style: { color: '#c05621', opacity: 0.5 },
			tooltip: [{ property: 'name', label: 'Name' }]
		});
		expect(v.safeParse(LayerSchema, entry).success).toBe(true);
	});

	it('draws a half-filled draft under an id that cannot clash with the manifest', () => {
		const layer = draftLayer({ ...defaultMeta('hubs.geojson', 'point'), title: '' }, points, 'hubs.geojson');
		expect(layer.def).toMatchObject({ id: 'draft-hubs', title: 'hubs.geojson', kind: 'point', visible: true });
		expect(layer.data).toBe(points);
	});

	it('frames a feature by its box, a point by itself, nothing without a place', () => {
		expect(frameOf([[1, 2, 3, 4], null, [5, 6, 0, 5, 6, 0]], 0)).toEqual([1, 2, 3, 4]);
		expect(frameOf([[1, 2, 3, 4], null, [5, 6, 0, 5, 6, 0]], 1)).toBeNull();
		expect(frameOf([[1, 2, 3, 4], null, [5, 6, 0, 5, 6, 0]], 2)).toEqual([5, 6, 5, 6]);
	});
});

describe('problems', () => {
	it('reads line, column and feature from the one shape every problem has', () => {
		const p = {
			file: 'my file.geojson',
			line: 14,
			column: 5,
			feature: { index: 3, id: 'x' },
			field: 'properties.sources[0]',
			message: '"foo" is not in geodata/sources.json'
		};
		expect(locate(p, 'my file.geojson')).toEqual({
			line: 14,
			column: 5,
			feature: 3,
			featureId: 'x',
			field: 'features[3] (x).properties.sources[0]',
			message: p.message
		});
		expect(locate({ file: 'rows.csv', line: 4, field: '', message: 'latitude "x" is not a number' }, 'rows.csv')).toMatchObject({
			line: 4,
			column: null,
			feature: null,
			field: ''
		});
		// a problem in another file (the manifest) keeps its file and has no line in the editor's
		expect(locate({ file: 'geodata/layers.json', field: 'layers[0].kind', message: 'm' }, 'rows.csv')).toMatchObject({
			line: null,
			feature: null,
			field: 'geodata/layers.json: layers[0].kind'
		});
		expect(placeOf({ line: 4, column: null })).toBe('line 4');
		expect(placeOf({ line: null, column: null })).toBe('');
	});

	it('collects the features named by problems, once each', () => {
		const at = (index: number | null, field: string) => ({ file: 'f', field, message: '', ...(index === null ? {} : { feature: { index } }) });
		expect(rejectedFeatures([at(2, 'geometry'), at(1, 'properties.sources[0]'), at(2, 'properties.confidence'), at(null, 'crs')])).toEqual([1, 2]);
	});
});
