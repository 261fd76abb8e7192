import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { validateLayerData } from '../../src/lib/manifest/data';
import { validateBibliography, validateLayerEntry } from '../../src/lib/manifest/validate';
import { featureText } from '../../src/lib/manifest/localise';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { applyLayerChoices } from '../../src/lib/editor/layerDefaults';
import { makeBundle, readBundle } from '../../src/lib/editor/bundle';
import { defaultMeta } from '../../src/lib/editor/draftLayer';

// Text that shows nothing passed for a name, and a card or /data asked for `constructor` got every
// object's: `function Object() { [native code] }`.
const sources = validateBibliography(JSON.parse(readFileSync('tests/fixtures/layer/geodata/sources.json', 'utf8'))).citable;
const source = Object.keys(sources)[0];
const layer = { kind: 'point' as const, file: 'bases.geojson' };
const collection = (name: string) =>
	JSON.stringify({
		type: 'FeatureCollection',
		features: [
			{
				type: 'Feature',
				properties: { id: 'base', name, sources: [source], confidence: 'confirmed', asOf: '2025-09-04' },
				geometry: { type: 'Point', coordinates: [22, 50] }
			}
		]
	});
// zero-width space, joiner and non-joiner, word joiner, a byte-order mark, direction marks, an isolate, a no-break space
const INVISIBLE = ['\u200b\u200b', '\u200c\u200d', '\u2060', '\ufeff', '\u200e\u200f', '\u2066\u2069', '\u00a0\u200b'];
const entry = (change: Record<string, unknown>) => ({
	id: 'bases',
	title: 'Bases',
	kind: 'point',
	file: 'bases.geojson',
	style: { color: '#c05621' },
	sources: [source],
	asOf: '2025-09-04',
	...change
});

describe('a name that shows nothing', () => {
	it.each(INVISIBLE)('%j is no feature name: the build, the command and the editor say it is required', (name) => {
		const { problems } = validateLayerData(collection(name), layer.file, layer, sources);
		// a byte-order mark is white space to JavaScript, and reads as the blank name does
		expect(problems.map((p) => [p.field, p.message])).toEqual([['properties.name', expect.stringMatching(/^required/)]]);
		expect(prepareLayer(collection(name), 'bases.geojson', layer, sources).problems.map((p) => p.field)).toEqual(['properties.name']);
	});

	it('is no layer title either', () => {
		expect(validateLayerEntry(entry({ title: '\u200b\u200b' }), { sources }).problems.map((p) => [p.field, p.message])).toEqual([
			['title', 'must not be empty (spaces and invisible characters do not count)']
		]);
	});

	it('is filled in the editor like a missing name, and never stands for the editor’s own', () => {
		const json = JSON.parse(collection('\u200b'));
		applyLayerChoices(json, { title: 'Bases' }, 'bases.geojson');
		expect(json.features[0].properties.name).toBe('Bases 1');
		const bundle = makeBundle({ ...defaultMeta('bases.geojson', 'point'), title: 'Bases' }, collection('Base'), { replace: false, editor: '\u200b\u200e' });
		expect(bundle.editor).toBeUndefined();
		expect(readBundle({ ...bundle, editor: '\u2066\u2069' }, 'b.json').bundle?.editor).toBeUndefined();
	});
});

describe('a property no feature may have', () => {
	it.each(['constructor', '__proto__', 'hasOwnProperty', '$name'])('"%s" is refused wherever the manifest names a property', (key) => {
		const named = [
			['tooltip[0].property', { tooltip: [{ property: key, label: 'Built by' }] }],
			['style.by.property', { style: { color: '#c05621', by: { property: key, categories: [{ value: 'a', label: 'A', color: '#000000' }] } } }],
			['style.label', { style: { color: '#c05621', label: key } }]
		] as const;
		for (const [field, change] of named)
			expect(validateLayerEntry(entry(change), { sources }).problems.map((p) => [p.field, p.message])).toContainEqual([
				field,
				expect.stringContaining(`"${key}" cannot be a property's name`)
			]);
	});

	it('is read as the feature’s own or as nothing: a card and /data show no `function Object()`', () => {
		const properties = JSON.parse('{"name": "Base", "name_uk": "База"}');
		for (const key of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
			expect(featureText(properties, key, 'en')).toBe('');
			expect(featureText(properties, key, 'uk')).toBe('');
		}
		expect(featureText(properties, 'name', 'uk')).toBe('База');
	});
});
