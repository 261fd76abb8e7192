import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { forgive, newSourceProblems, readAddress, shortHash } from '../../src/lib/editor/forgive';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';

const sources = validateBibliography(JSON.parse(readFileSync(new URL('../../geodata/sources.json', import.meta.url), 'utf8'))).citable;
const fixture = (name: string) => readFileSync(new URL(`../fixtures/editor/${name}`, import.meta.url), 'utf8');
const point = (properties: Record<string, unknown>, coordinates = [30.52, 50.45]) => ({
	type: 'Feature' as const,
	properties,
	geometry: { type: 'Point' as const, coordinates }
});
const collection = (...features: ReturnType<typeof point>[]): FeatureCollection => ({ type: 'FeatureCollection', features });

describe('forgive: what the editor fills in', () => {
	it('gives a feature without id one from its name and content, the same every time, never one in use', () => {
		const make = () =>
			collection(
				point({ name: 'Kyiv depot' }),
				point({ name: 'Kyiv depot' }), // the same feature twice: the second id must differ
				point({ id: 'kyiv-depot-x', name: 'Kyiv depot' }, [24, 49])
			);
		const first = make();
		forgive(first, { known: sources, file: 'f.geojson' });
		const ids = first.features.map((f) => f.properties!.id);
		expect(ids[0]).toMatch(/^kyiv-depot-[0-9a-z]{6}$/);
		expect(ids[1]).toBe(`${ids[0]}-2`);
		expect(ids[2]).toBe('kyiv-depot-x');
		const again = make();
		forgive(again, { known: sources, file: 'f.geojson', defaults: { confidence: 'reported' } });
		// a default chosen later does not change an id
		expect(again.features.map((f) => f.properties!.id)).toEqual(ids);
		// moving the point makes it another feature, with another id
		const moved = collection(point({ name: 'Kyiv depot' }, [30.6, 50.45]));
		forgive(moved, { known: sources, file: 'f.geojson' });
		expect(moved.features[0].properties!.id).not.toBe(ids[0]);
		expect(shortHash('a')).toHaveLength(6);
	});

	it('reads publisher, date and title from an address the bibliography knows the site of', () => {
		expect(readAddress('https://www.kyivindependent.com/2025/09/05/allies-expand-lviv-logistics-hub/', sources)).toEqual({
			publisher: 'The Kyiv Independent',
			title: 'Allies expand lviv logistics hub',
			date: '2025-09-05',
			kind: 'news'
		});
		expect(readAddress('https://www.president.gov.ua/en/news/20250904-statement', sources)).toMatchObject({ date: '2025-09-04', kind: 'official' });
		expect(readAddress('https://newsroom-example.org/ukraine/odesa-port-liaison-office', sources)).toEqual({
			publisher: '',
			title: 'Odesa port liaison office',
			date: '',
			kind: 'news'
		});
	});

	it('makes one new entry for each address, asks for what it cannot read, and keeps the review', () => {
		const data = JSON.parse(fixture('newsroom-points.geojson'));
		const { newSources, warnings } = forgive(data, { known: sources, file: 'n.geojson' });
		expect(newSources.map((s) => s.key)).toEqual(['kyivindependent-2025-09-05-allies-expand-lviv-logistics', 'newsroom-example-odesa-port-liaison-office']);
		expect(data.features.map((f: { properties: { sources: string[] } }) => f.properties.sources)).toEqual([
			['kyivindependent-2025-09-05-allies-expand-lviv-logistics'],
			['kyivindependent-2025-09-05-allies-expand-lviv-logistics'],
			['newsroom-example-odesa-port-liaison-office']
		]);
		expect(warnings.map(formatProblem)).toContain('n.geojson: properties.source: 3 features gave "source": read as "sources"');
		// the second cannot be read: publisher and date are asked for
		expect(newSourceProblems(newSources, sources).map(formatProblem)).toEqual([
			'geodata/sources.json: newsroom-example-odesa-port-liaison-office.publisher: must not be empty',
			'geodata/sources.json: newsroom-example-odesa-port-liaison-office.date: required: when it was published, like 2025-09-04, 2025-09 or 2025'
		]);
		const reviewed = newSources.map((s, i) => (i === 1 ? { ...s, key: 'newsroom-2025-09-10-odesa', publisher: 'Newsroom', date: '2025-09-10' } : s));
		const again = JSON.parse(fixture('newsroom-points.geojson'));
		const second = forgive(again, { known: sources, file: 'n.geojson', reviewed });
		expect(second.newSources).toEqual(reviewed);
		expect(again.features[2].properties.sources).toEqual(['newsroom-2025-09-10-odesa']);
		expect(newSourceProblems(second.newSources, sources)).toEqual([]);
	});

	it('sets the layer’s confidence and date on the features that give none, and only those', () => {
		const data = collection(
			point({ name: 'A', sources: ['insightnews-2025-09-declarations-vs-commitments'] }),
			point({ name: 'B', confidence: 'confirmed', asOf: '2025-01-02' })
		);
		forgive(data, { known: sources, file: 'f.geojson', defaults: { confidence: 'reported', asOf: '2025-09-04' } });
		expect(data.features.map((f) => [f.properties!.confidence, f.properties!.asOf])).toEqual([
			['reported', '2025-09-04'],
			['confirmed', '2025-01-02']
		]);
	});

	it('the realistic file passes in the editor, and the command still refuses it', () => {
		const text = fixture('newsroom-points.geojson');
		const checked = checkLayerText(text, 'newsroom-points.geojson', null, sources, { forgiving: {} });
		expect(checked.problems).toEqual([]);
		expect(checked.data!.features.map((f) => f.properties!.id)).toEqual([
			expect.stringMatching(/^lviv-logistics-centre-[0-9a-z]{6}$/),
			expect.stringMatching(/^kyiv-coordination-cell-[0-9a-z]{6}$/),
			expect.stringMatching(/^odesa-port-liaison-[0-9a-z]{6}$/)
		]);
		expect(JSON.parse(checked.text!).features[0].properties).not.toHaveProperty('source');
		// without forgiving, as `npm run layer -- add` reads it: every feature refused, by name
		const strict = prepareLayer(text, 'newsroom-points.geojson', { kind: 'point', file: 'x.geojson' }, sources);
		expect(strict.text).toBeNull();
		expect(strict.problems.map(formatProblem)).toContain('newsroom-points.geojson:4:5: features[0].properties.id: required');
	});

	it('names line and column of broken JSON and shows the line, in the editor and the command', () => {
		const text = fixture('unreadable.geojson');
		for (const problems of [
			checkLayerText(text, 'u.geojson', null, sources).problems,
			prepareLayer(text, 'u.geojson', { kind: 'point', file: 'x.geojson' }, sources).problems
		])
			expect(problems).toEqual([
				{
					file: 'u.geojson',
					line: 7,
					column: 7,
					field: '',
					message: "Expected ',' or '}' after property value",
					excerpt: { text: '      "geometry": { "type": "Point", "coordinates": [24.03, 49.84] }', column: 7 }
				}
			]);
	});

	it('applies an editor’s edits to features by id and lists each change, leaving equal values alone', () => {
		const data = collection(point({ id: 'a', name: 'A', capacity: 10 }), point({ id: 'b', name: 'B' }, [24, 49]));
		const { changes, warnings } = forgive(data, {
			known: sources,
			file: 'f.geojson',
			edits: [
				{ id: 'b', properties: { name: 'B renamed', capacity: undefined as unknown as number }, position: [24.5, 49.25] },
				{ id: 'a', properties: { name: 'A' } },
				{ id: 'gone', properties: { name: 'x' } }
			]
		});
		expect(changes).toEqual([
			{ feature: { index: 1, id: 'b' }, field: 'properties.name', before: 'B', after: 'B renamed' },
			{ feature: { index: 1, id: 'b' }, field: 'geometry.coordinates', before: [24, 49], after: [24.5, 49.25] }
		]);
		expect(data.features[1].properties!.name).toBe('B renamed');
		expect(data.features[1].geometry).toEqual({ type: 'Point', coordinates: [24.5, 49.25] });
		expect(warnings.map((w) => w.message)).toEqual(['the edited feature "gone" is no longer in the file: its edit is left out']);
	});

	it('makes an entry from a source given as publisher, title and date, without an address', () => {
		const data = collection(
			point({ name: 'A', sources: { publisher: 'Ministry of Defence of Ukraine', title: 'Briefing on air defence', date: '2025-10-01', kind: 'official' } })
		);
		const { newSources } = forgive(data, { known: sources, file: 'f.geojson' });
		expect(newSources).toEqual([
			{
				from: 'Ministry of Defence of Ukraine · Briefing on air defence · 2025-10-01',
				key: 'ministry-of-2025-10-01-briefing-on-air-defence',
				publisher: 'Ministry of Defence of Ukraine',
				title: 'Briefing on air defence',
				date: '2025-10-01',
				url: '',
				kind: 'official'
			}
		]);
		expect(data.features[0].properties!.sources).toEqual(['ministry-of-2025-10-01-briefing-on-air-defence']);
		expect(newSourceProblems(newSources, sources)).toEqual([]);
	});
});
