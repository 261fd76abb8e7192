import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { convertToGeoJSON } from '../../src/lib/editor/convert';
import { formatProblem } from '../../src/lib/manifest/errors';

const fixture = (name: string) => readFileSync(`tests/fixtures/layer/${name}`, 'utf8');
const features = (text: string | null) => JSON.parse(text!).features as GeoJSON.Feature[];

describe('convertToGeoJSON: CSV', () => {
	it('makes Points of the coordinate columns and typed properties of the rest', () => {
		const result = convertToGeoJSON(fixture('summits.csv'), 'summits.csv');
		expect(result.problems).toEqual([]);
		expect(result.format).toBe('csv');
		expect(result.lines).toEqual([2, 3]);
		const [london, paris] = features(result.text);
		expect(london.geometry).toEqual({ type: 'Point', coordinates: [-0.1276, 51.5072] });
		expect(london.properties).toEqual({
			id: 'london-meeting-2025-03-02',
			name: "London meeting on Ukraine's security",
			date: '2025-03-02',
			confidence: 'confirmed',
			asOf: '2025-03-04',
			approximate: true,
			precisionKm: 5,
			sources: ['news-2025-03-ironclad-guarantees'],
			note: 'Where Starmer called for a coalition of the willing; placed at London, not the building'
		});
		// an empty cell is left out rather than becoming ""
		expect(paris.properties).not.toHaveProperty('precisionKm');
		expect(paris.properties!.sources).toEqual(['news-2025-09-04-allies-gather-paris', 'insightnews-2025-09-declarations-vs-commitments']);
	});

	it('names the line of every bad row (golden), counting quoted line breaks and blank lines', () => {
		const result = convertToGeoJSON(fixture('bad-rows.csv'), 'tests/fixtures/layer/bad-rows.csv');
		// the good rows still come through, to be checked in the same run
		expect(features(result.text).map((f) => f.properties!.id)).toEqual(['rzeszow', 'unplaced']);
		expect(result.lines).toEqual([2, 8]);
		expect(result.problems.map(formatProblem)).toEqual([
			'tests/fixtures/layer/bad-rows.csv:4: latitude "abc" is not a number',
			'tests/fixtures/layer/bad-rows.csv:6: latitude is empty (leave both empty for a feature with no place)',
			'tests/fixtures/layer/bad-rows.csv:7: 8 fields expected, 3 found'
		]);
	});

	it('finds coordinate columns under any of their names, in any case', () => {
		for (const [lon, lat] of [
			['lon', 'lat'],
			['LNG', 'Latitude'],
			['x', 'Y'],
			['long', 'lat']
		]) {
			const result = convertToGeoJSON(`id,${lon},${lat}\na,30.5,50.4\n`, 'p.csv');
			expect(features(result.text)[0].geometry, `${lon}/${lat}`).toEqual({ type: 'Point', coordinates: [30.5, 50.4] });
		}
	});

	it('makes a row with no place a feature without geometry', () => {
		const result = convertToGeoJSON('id,lon,lat\nsomewhere,,\n', 'p.csv');
		expect(features(result.text)[0].geometry).toBeNull();
	});

	it('says which coordinate column is missing, naming the header it read', () => {
		expect(convertToGeoJSON('id,lon,height\na,1,2\n', 'p.csv').problems.map(formatProblem)).toEqual([
			'p.csv:1: no latitude column (lat, latitude, y) in the header: id, lon, height'
		]);
		expect(convertToGeoJSON('id,name\na,A\n', 'p.csv').problems.map(formatProblem)).toEqual([
			'p.csv:1: no longitude column (lon, lng, long, longitude, x) in the header: id, name'
		]);
	});

	it('lets a choropleth table go without coordinates', () => {
		const result = convertToGeoJSON('id,name,isoN3\nua,Ukraine,804\npl,Poland,616\n', 'roles.csv', { requireCoordinates: false });
		expect(result.problems).toEqual([]);
		// a country code stays text: "040" (Austria) must not become 40
		expect(features(convertToGeoJSON('id,isoN3\nat,040\n', 'r.csv', { requireCoordinates: false }).text)[0]).toEqual({
			type: 'Feature',
			properties: { id: 'at', isoN3: '040' },
			geometry: null
		});
		expect(features(result.text).map((f) => f.geometry)).toEqual([null, null]);
	});

	it('reads semicolon-separated files and a byte-order mark', () => {
		const result = convertToGeoJSON('\uFEFFid;lon;lat\na;30,5;50\n', 'excel.csv');
		expect(result.problems.map(formatProblem)).toEqual(['excel.csv:2: longitude "30,5" is not a number']);
	});

	it('reports an empty file and a repeated column', () => {
		expect(convertToGeoJSON('', 'e.csv').problems.map(formatProblem)).toEqual(['e.csv: the file is empty: a header row and one row a feature expected']);
		expect(convertToGeoJSON('id,lon,lat,id\na,1,2,b\n', 'd.csv').problems.map(formatProblem)).toEqual(['d.csv:1: the column "id" appears twice']);
	});
});

describe('convertToGeoJSON: TopoJSON', () => {
	it('merges every object into one collection, decoding quantized coordinates', () => {
		const result = convertToGeoJSON(fixture('river-and-bases.topojson'), 'river-and-bases.topojson');
		expect(result.problems).toEqual([]);
		expect(result.warnings.map(formatProblem)).toEqual(['river-and-bases.topojson: TopoJSON objects merged into one collection: river (1), bases (1)']);
		const [river, base] = features(result.text);
		expect(river.properties).toEqual({ id: 'dnipro-lower', name: 'Lower Dnipro (sketch)' });
		expect((river.geometry as GeoJSON.LineString).coordinates.map((p) => p.map((v) => +v.toFixed(6)))).toEqual([
			[33, 46.7],
			[33.5, 46.8],
			[34, 47]
		]);
		expect(base.geometry).toEqual({ type: 'Point', coordinates: [32.5, 47.5] });
	});

	it('recognises a topology in a .json file and rejects a .topojson that is not one', () => {
		expect(convertToGeoJSON(fixture('river-and-bases.topojson'), 'x.json').format).toBe('topojson');
		expect(convertToGeoJSON('{"type":"FeatureCollection","features":[]}', 'x.topojson').problems.map(formatProblem)).toEqual([
			'x.topojson: a TopoJSON topology expected, "FeatureCollection" found'
		]);
		expect(convertToGeoJSON('{"type":"Topology","objects":{"a":{"type":"LineString","arcs":[7]}},"arcs":[]}', 'bad.topojson').problems[0].message).toMatch(
			/^not a valid TopoJSON topology \(/
		);
	});
});

describe('convertToGeoJSON: GeoJSON and the rest', () => {
	it("passes GeoJSON through untouched, broken JSON included, so positions stay the editor's", () => {
		const text = '{\n  "type": "FeatureCollection",\n  "features": []\n}\n';
		expect(convertToGeoJSON(text, 'a.geojson')).toEqual({ format: 'geojson', text, problems: [], warnings: [] });
		expect(convertToGeoJSON('{"type": ', 'b.geojson').text).toBe('{"type": ');
	});

	it('refuses a CSV column the map cannot take, by name, instead of dropping it', () => {
		const csv = 'id,name,lon,lat,__proto__,constructor\na,A,30,50,x,y\n';
		const result = convertToGeoJSON(csv, 'bases.csv');
		expect(result.problems.map(formatProblem)).toEqual([
			'bases.csv:1: the column "__proto__" cannot be a property\'s name: the map draws no layer with a property named constructor, hasOwnProperty, $name or __proto__; rename it',
			'bases.csv:1: the column "constructor" cannot be a property\'s name: the map draws no layer with a property named constructor, hasOwnProperty, $name or __proto__; rename it'
		]);
		expect(features(result.text)[0].properties).toEqual({ id: 'a', name: 'A' });
	});

	it('refuses formats it does not read, naming those it does', () => {
		expect(convertToGeoJSON('<kml/>', 'bases.kml').problems.map(formatProblem)).toEqual([
			'bases.kml: not a format the atlas reads: GeoJSON (.geojson, .json), TopoJSON (.topojson, .json) or CSV with coordinates (.csv) expected'
		]);
	});
});

describe('convertToGeoJSON: a byte-order mark', () => {
	it('is dropped, so JSON.parse and the CSV header read the file as without it', () => {
		for (const name of ['test-area.geojson', 'summits.csv', 'river-and-bases.topojson']) {
			const plain = convertToGeoJSON(fixture(name), name);
			expect(convertToGeoJSON(`\uFEFF${fixture(name)}`, name)).toEqual(plain);
			expect(JSON.parse(plain.text!).features.length).toBeGreaterThan(0);
		}
	});
});
