import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Feature, Geometry } from 'geojson';
import { columnValue, featuresToCsv, layerColumns, type Column } from '../../src/lib/content/csv';
import type { LayerDef } from '../../src/lib/manifest/schema';

const feature = (properties: Record<string, unknown>, geometry: Geometry | null = null): Feature<Geometry | null> => ({
	type: 'Feature',
	geometry,
	properties
});
const columns = (...keys: string[]): Column[] => keys.map((key) => ({ key, label: key }));
/** The data lines of a CSV (header left out), without the final line end. */
const body = (csv: string) => csv.split('\r\n').slice(1, -1);

/** Splits RFC 4180 text into records of fields, the way a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
	const records: string[][] = [[]];
	let field = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const ch = text[i];
		if (quoted) {
			if (ch === '"' && text[i + 1] === '"') {
				field += '"';
				i++;
			} else if (ch === '"') quoted = false;
			else field += ch;
		} else if (ch === '"') quoted = true;
		else if (ch === ',') {
			records.at(-1)!.push(field);
			field = '';
		} else if (ch === '\r' && text[i + 1] === '\n') {
			records.at(-1)!.push(field);
			field = '';
			records.push([]);
			i++;
		} else field += ch;
	}
	if (field !== '' || records.at(-1)!.length > 0) records.at(-1)!.push(field);
	else records.pop();
	return records;
}

describe('featuresToCsv', () => {
	it('writes a header of column keys and one CRLF-ended line a feature', () => {
		const csv = featuresToCsv([feature({ id: 'a', name: 'Alpha' }), feature({ id: 'b', name: 'Beta' })], columns('id', 'name'));
		expect(csv).toBe('id,name\r\na,Alpha\r\nb,Beta\r\n');
	});

	it('quotes fields holding commas, quotes or line breaks, doubling the quotes', () => {
		const tricky = { comma: 'Rzeszów, Poland', quote: 'the "coalition"', newline: 'line one\nline two', crlf: 'a\r\nb', plain: 'as is' };
		const csv = featuresToCsv([feature(tricky)], columns(...Object.keys(tricky)));
		expect(body(csv).join('\r\n')).toBe('"Rzeszów, Poland","the ""coalition""","line one\nline two","a\r\nb",as is');
		expect(parseCsv(csv)[1]).toEqual(Object.values(tricky));
	});

	it('neutralises text a spreadsheet would run as a formula, but leaves numbers alone', () => {
		const values = ['=HYPERLINK("http://evil")', '+1+1', '-2+3', '@SUM(A1)', '\tinvisible', 'safe = text'];
		const csv = featuresToCsv(
			values.map((v) => feature({ v })),
			columns('v')
		);
		expect(parseCsv(csv).slice(1).flat()).toEqual(['\'=HYPERLINK("http://evil")', "'+1+1", "'-2+3", "'@SUM(A1)", "'\tinvisible", 'safe = text']);
		const negative = featuresToCsv(
			[feature({ n: -5.25 }, { type: 'Point', coordinates: [-3.7, 40.4] })],
			[...columns('n'), { key: 'longitude', label: 'Longitude', axis: 0 }]
		);
		expect(body(negative)).toEqual(['-5.25,-3.7']);
	});

	it('neutralises a formula behind leading spaces or zero-width characters, or written full-width', () => {
		const values = [
			' =1+1',
			'\u00a0=1+1',
			'\u200b=1+1',
			'\ufeff@SUM(A1)',
			'\u2060+1',
			'\r=1',
			'\n=1',
			'\uff1d1+1',
			'\uff0b1',
			'\uff0d1',
			'\uff201',
			' \u200b\uff1d1'
		];
		const csv = featuresToCsv(
			values.map((v) => feature({ v })),
			columns('v')
		);
		expect(parseCsv(csv).slice(1).flat()).toEqual(values.map((v) => `'${v}`));
		// what only looks close stays as written
		const plain = ['a =1', ' text', '\u200bword', '1-2'];
		expect(
			parseCsv(
				featuresToCsv(
					plain.map((v) => feature({ v })),
					columns('v')
				)
			)
				.slice(1)
				.flat()
		).toEqual(plain);
	});

	it('neutralises a formula behind direction marks and embeddings, which a spreadsheet skips too', () => {
		// left-to-right and right-to-left marks, a right-to-left override, an isolate and its end, an embedding
		const values = ['\u200e=1+1', '\u200f=1+1', '\u202e=1+1', '\u2066=1+1', '\u2069@SUM(A1)', '\u202a+1', ' \u200e\u200b-1'];
		const csv = featuresToCsv(
			values.map((v) => feature({ v })),
			columns('v', ...values)
		);
		expect(parseCsv(csv)[0]).toEqual(['v', ...values.map((v) => `'${v}`)]);
		expect(
			parseCsv(csv)
				.slice(1)
				.map((r) => r[0])
		).toEqual(values.map((v) => `'${v}`));
	});

	it('reads a feature’s own properties only: a column named constructor or __proto__ is empty where the feature has none', () => {
		const properties = JSON.parse('{"id": "a", "name": "Alpha", "toString": "own"}');
		const csv = featuresToCsv([feature(properties)], columns('constructor', '__proto__', 'hasOwnProperty', 'toString', 'valueOf'));
		expect(parseCsv(csv)[1]).toEqual(['', '', '', 'own', '']);
		expect(columnValue(feature(properties), { key: 'constructor', label: 'c' })).toBeUndefined();
	});

	it('neutralises a header cell as well: a tooltip property’s name comes from the data', () => {
		const csv = featuresToCsv([feature({ '=cmd': 'x', ' @a': 'y', name: 'z' })], columns('=cmd', ' @a', 'name'));
		expect(parseCsv(csv)[0]).toEqual(["'=cmd", "' @a", 'name']);
	});

	it('joins lists with "; ", neutralising a list that starts like a formula', () => {
		const csv = featuresToCsv(
			[feature({ sources: ['seed-a', 'news-b'], roles: ['=cmd', 'x'], none: null, missing: undefined })],
			columns('sources', 'roles', 'none', 'missing')
		);
		expect(body(csv)).toEqual(["seed-a; news-b,'=cmd; x,,"]);
	});

	it('gives a Point its longitude and latitude, and other geometries (or none) empty cells', () => {
		const lonLat: Column[] = [
			{ key: 'longitude', label: 'Longitude', axis: 0 },
			{ key: 'latitude', label: 'Latitude', axis: 1 }
		];
		const point = feature({}, { type: 'Point', coordinates: [22.019, 50.11] });
		const multi = feature(
			{},
			{
				type: 'MultiPoint',
				coordinates: [
					[23.4, 55.9],
					[24.2, 59.3]
				]
			}
		);
		expect(columnValue(point, lonLat[1])).toBe(50.11);
		expect(body(featuresToCsv([point, multi, feature({})], lonLat))).toEqual(['22.019,50.11', ',', ',']);
	});
});

describe('layerColumns', () => {
	const def = {
		id: 'x',
		title: 'X',
		kind: 'point',
		file: 'x.geojson',
		style: {},
		sources: ['s'],
		tooltip: [
			{ property: 'country', label: 'Country' },
			{ property: 'name', label: 'Name again' }
		]
	} as LayerDef;

	it('lists id, name, the tooltip properties, then place, confidence, asOf and sources', () => {
		expect(layerColumns(def).map((c) => c.key)).toEqual(['id', 'name', 'country', 'longitude', 'latitude', 'confidence', 'asOf', 'sources']);
	});

	it('adds the dates only when a feature has one, and places only for point layers', () => {
		const keys = layerColumns({ ...def, kind: 'fill' }, [feature({ date: '2025-09-10' }), feature({ endDate: null })]).map((c) => c.key);
		expect(keys).toContain('date');
		expect(keys).not.toContain('endDate');
		expect(keys).not.toContain('longitude');
	});

	it('turns a real layer (incursions) into a header and one record a feature', () => {
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
		const incursions = manifest.layers.find((l: LayerDef) => l.id === 'incursions') as LayerDef;
		const features: Feature[] = JSON.parse(readFileSync(`geodata/${incursions.file}`, 'utf8')).features;
		const cols = layerColumns(incursions, features);
		const records = parseCsv(featuresToCsv(features, cols));
		expect(records).toHaveLength(features.length + 1);
		expect(records[0]).toEqual(cols.map((c) => c.key));
		expect(records[0]).toEqual(expect.arrayContaining(['id', 'name', 'craft', 'date', 'longitude', 'latitude', 'confidence', 'asOf', 'sources']));
		for (const [i, record] of records.slice(1).entries()) {
			expect(record).toHaveLength(cols.length);
			expect(record[0]).toBe(features[i].properties!.id);
			expect(record[cols.findIndex((c) => c.key === 'sources')]).toBe(features[i].properties!.sources.join('; '));
		}
	});
});
