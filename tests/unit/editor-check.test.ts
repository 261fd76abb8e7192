import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { featureOffsets, lineColumnAt } from '../../src/lib/manifest/textPositions';
import { formatPlace, formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/editor/${name}`, import.meta.url), 'utf8');
const sources = validateBibliography(JSON.parse(readFileSync(new URL('../../geodata/sources.json', import.meta.url), 'utf8'))).citable;
const sliced = { sliceAbove: 0, sliceChars: 1 };

describe('checkLayerText', () => {
	it('guesses the kind and passes a valid file, ready to write', () => {
		const checked = checkLayerText(fixture('depots.geojson'), 'depots.geojson', null, sources);
		expect(checked.kind).toBe('point');
		expect(checked.problems).toEqual([]);
		expect(checked.rejected).toEqual([]);
		expect(checked.data?.features).toHaveLength(3);
		expect(checked.text).toContain('"depot-odesa"');
	});

	it('names each broken feature by line and column and leaves the rest to draw', () => {
		const checked = checkLayerText(fixture('broken-depots.geojson'), 'broken-depots.geojson', null, sources);
		expect(checked.rejected).toEqual([1, 2]);
		expect(checked.text).toBeNull();
		expect(checked.problems.map(formatPlace)).toEqual([
			'broken-depots.geojson:9:5: features[1] (depot-nowhere).properties.sources[0]',
			'broken-depots.geojson:14:5: features[2] (depot-metres).properties.confidence',
			'broken-depots.geojson:14:5: features[2] (depot-metres).geometry.coordinates'
		]);
	});

	it('checks a large file in slices with the same problems as in one piece', () => {
		for (const name of ['depots.geojson', 'broken-depots.geojson']) {
			const whole = checkLayerText(fixture(name), name, null, sources);
			const progress: number[] = [];
			const inSlices = checkLayerText(fixture(name), name, null, sources, { ...sliced, onProgress: (done) => progress.push(done) });
			expect(inSlices.problems).toEqual(whole.problems);
			expect(inSlices.rejected).toEqual(whole.rejected);
			expect(inSlices.data).toEqual(whole.data);
			expect(inSlices.text).toEqual(whole.text);
			expect(progress).toEqual([1, 2, 3]);
		}
	});

	it('finds an id used twice across slices', () => {
		const text = fixture('depots.geojson').replace('"depot-odesa"', '"depot-lviv"');
		const whole = checkLayerText(text, 'd.geojson', null, sources);
		expect(checkLayerText(text, 'd.geojson', null, sources, sliced).problems).toEqual(whole.problems);
		expect(whole.problems[0]).toEqual({
			file: 'd.geojson',
			line: 14,
			column: 5,
			feature: { index: 2, id: 'depot-lviv' },
			field: 'properties.id',
			message: '"depot-lviv" is already used by features[0]'
		});
	});

	it('says valid JSON nested 100,000 deep is nested too deeply, in the editor and the build', async () => {
		const deep = '['.repeat(100_000) + ']'.repeat(100_000);
		const message = 'nested too deeply: more than 256 levels of [ and { (GeoJSON needs fewer than 10; the atlas reads up to 256)';
		expect(checkLayerText(deep, 'deep.geojson', null, sources).problems.map(formatProblem)).toEqual([`deep.geojson:1:257: ${message}`]);
		const { validateLayerData } = await import('../../src/lib/manifest/data');
		expect(validateLayerData(deep, 'deep.geojson', { kind: 'point' }, sources).problems.map(formatProblem)).toEqual([`geodata/deep.geojson:1:257: ${message}`]);
	});

	it('says where broken JSON stops, in one piece or in slices', () => {
		const whole = checkLayerText(fixture('unreadable.geojson'), 'u.geojson', null, sources);
		expect(whole.data).toBeNull();
		expect(whole.problems.map(formatProblem)).toEqual(["u.geojson:7:7: Expected ',' or '}' after property value"]);
		const inSlices = checkLayerText(fixture('unreadable.geojson'), 'u.geojson', null, sources, sliced);
		expect(inSlices.problems).toEqual(whole.problems);
	});

	it('pins a structural problem on its feature in slices', () => {
		const text = fixture('depots.geojson').replace('"coordinates": [30.52, 50.45]', '"coordinates": [30.52]');
		const checked = checkLayerText(text, 'd.geojson', null, sources, sliced);
		expect(checked.rejected).toEqual([1]);
		expect(formatPlace(checked.problems[0])).toBe('d.geojson:9:5: features[1]');
	});
});

describe('featureOffsets', () => {
	it('finds where each feature starts, ignoring brackets inside strings', () => {
		const text = '{"type":"FeatureCollection","x":{"features":[1]},"features":[{"a":"]["},\n {"b":[1,{}]}, 3]}';
		const offsets = featureOffsets(text);
		expect(offsets.map((o: number) => text[o])).toEqual(['{', '{', '3']);
		expect(lineColumnAt(text, offsets)).toEqual([
			{ line: 1, column: 62 },
			{ line: 2, column: 2 },
			{ line: 2, column: 16 }
		]);
	});
});
