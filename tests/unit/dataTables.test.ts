import { afterEach, describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { dataTables, frontTable, layerTable, nextSort, sortRows, type Cell, type Row } from '../../src/lib/content/dataTables';
import { cellText, columnHeading, tableDescription, tableTitle } from '../../src/lib/content/dataWords';
import { setLang } from '../../src/lib/i18n/i18n.svelte';
import type { Bibliography, LayerDef } from '../../src/lib/manifest/schema';
import type { FrontFigures } from '../../src/lib/manifest/frontFigures';

// the /data page's tables, built once by its prerender and sorted by its reader
afterEach(() => setLang('en'));

const SOURCES = {
	s1: { publisher: 'Reuters', title: 'Drones over Poland', url: 'https://example.org/r', kind: 'news', date: '2025-09-10' }
} as unknown as Bibliography;
const incursions = {
	id: 'incursions',
	title: 'Incursions',
	file: 'incursions.geojson',
	kind: 'point',
	sources: ['s1'],
	style: { by: { property: 'craft', categories: [{ value: 'drone', label: 'Drone', color: '#f00' }] } },
	tooltip: [{ property: 'craft', label: 'Craft' }],
	i18n: { uk: { title: 'Вторгнення', fields: { craft: 'Апарат' }, categories: { drone: 'Дрон' } } }
} as unknown as LayerDef;
const feature = (id: string, properties: Record<string, unknown>, coordinates = [21, 52]): Feature => ({
	type: 'Feature',
	properties: { id, ...properties },
	geometry: { type: 'Point', coordinates }
});
const FEATURES = [
	feature('a', { name: 'Wyryki', name_uk: 'Вирики', craft: 'drone', date: '2025-09-10', confidence: 'confirmed', sources: ['s1', 'gone'] }),
	feature('b', { name: 'Czosnówka', craft: 'drone', date: '2025-09-09', confidence: 'reported' }, [23, 51.5])
];
const figures = [
	{
		asOf: '2025-09-04',
		areaKm2: 116_360,
		shareOfUkraine: 19.28,
		frontKm: 1213.4,
		frontSmoothedKm: 1100,
		gainedKm2: null,
		lostKm2: null,
		gainedSinceSummitKm2: 0,
		lostSinceSummitKm2: 0
	},
	{
		asOf: '2025-10-01',
		areaKm2: 116_900,
		shareOfUkraine: 19.37,
		frontKm: 1220,
		frontSmoothedKm: 1104,
		gainedKm2: 540,
		lostKm2: 12,
		gainedSinceSummitKm2: 540,
		lostSinceSummitKm2: 12
	}
] as FrontFigures[];

describe("a layer's table", () => {
	const table = layerTable(incursions, FEATURES, SOURCES);

	it('has the columns of its CSV, a row a feature, category values by their legend label', () => {
		expect(table.columns.map((c) => c.key)).toEqual(['id', 'name', 'craft', 'date', 'longitude', 'latitude', 'confidence', 'asOf', 'sources']);
		expect(table.rows.map((r) => r.id)).toEqual(['a', 'b']);
		const a = table.rows[0].cells;
		expect(a[1]).toEqual({ text: 'Wyryki', textUk: 'Вирики' });
		expect(a[2]).toEqual({ text: 'Drone', textUk: 'Дрон' });
		expect(a[4]).toEqual({ text: '21', number: 21 });
	});

	it('links each source the bibliography has, and names a key it does not', () => {
		expect(table.rows[0].sources).toEqual([
			{ key: 's1', text: 'Reuters: Drones over Poland', url: 'https://example.org/r' },
			{ key: 'gone', text: 'gone' }
		]);
		expect(table.rows[0].cells.at(-1)).toEqual({ text: 'Reuters: Drones over Poland; gone' });
	});

	it("reads in Ukrainian: the manifest's heading, the standard headings, the confidence and the texts", async () => {
		await setLang('uk');
		expect(table.columns.map(columnHeading).slice(1, 4)).toEqual(['Назва', 'Апарат', 'Дата']);
		expect(cellText(table.columns[1], table.rows[0].cells[1])).toBe('Вирики');
		expect(cellText(table.columns[1], table.rows[1].cells[1])).toBe('Czosnówka');
		expect(cellText(table.columns[6], table.rows[0].cells[6])).toBe('підтверджено');
		expect(tableTitle(table)).toBe('Вторгнення');
	});
});

describe("the front's table", () => {
	it('follows the layers, a row a snapshot, numbers as the reader writes them and none where there is none', async () => {
		const tables = dataTables(
			{
				layers: [{ index: 0, def: incursions, data: { type: 'FeatureCollection', features: FEATURES }, problems: [] }],
				sources: SOURCES,
				citable: SOURCES,
				problems: []
			},
			figures
		);
		expect(tables.map((t) => t.id)).toEqual(['incursions', 'front-by-snapshot']);
		const front = frontTable(figures);
		expect(front.csv).toBe(false);
		expect(front.rows[1].cells.slice(0, 2)).toEqual([{ text: '2025-10-01' }, { text: '116,900', textUk: '116\u00a0900', number: 116_900 }]);
		expect(front.rows[0].cells[3]).toEqual({ text: '' });
		expect(front.columns.map(columnHeading)).toHaveLength(9);
		await setLang('uk');
		expect(front.columns.map(columnHeading).slice(0, 3)).toEqual(['Дата', 'Окуповано (км², обчислено)', 'Частка території України (%, обчислено)']);
		expect(columnHeading(front.columns[8])).toBe('Лінія фронту, згладжена до 3 км (км)');
		expect(tableTitle(front)).toBe('Окупована територія і фронт, знімок за знімком');
		expect(tableDescription(front)).toMatch(/^Обчислено з полігонів DeepStateMap\.Live/);
		expect(cellText(front.columns[1], front.rows[1].cells[1])).toBe('116\u00a0900');
	});
});

describe('sorting', () => {
	const rows: Row[] = [
		{ id: 'x', cells: [{ text: '10', number: 10 }, { text: 'Łódź' }], sources: [] },
		{ id: 'y', cells: [{ text: '' }, { text: 'Zamość' }], sources: [] },
		{ id: 'z', cells: [{ text: '9', number: 9 }, { text: 'Item 2' }], sources: [] },
		{ id: 'w', cells: [{ text: '100', number: 100 }, { text: 'Item 10' }], sources: [] }
	];
	const columns = [
		{ key: 'n', label: 'N' },
		{ key: 'name', label: 'Name' }
	];
	const shown = (_: unknown, cell: Cell) => cell.text;
	const order = (column: number, direction: 'ascending' | 'descending') => sortRows(rows, columns, { column, direction }, shown, 'en').map((r) => r.id);

	it('keeps file order until a heading is pressed, then ascending, then descending', () => {
		expect(sortRows(rows, columns, undefined, shown, 'en')).toBe(rows);
		expect(nextSort(undefined, 1)).toEqual({ column: 1, direction: 'ascending' });
		expect(nextSort({ column: 1, direction: 'ascending' }, 1)).toEqual({ column: 1, direction: 'descending' });
		expect(nextSort({ column: 1, direction: 'descending' }, 1)).toEqual({ column: 1, direction: 'ascending' });
		expect(nextSort({ column: 1, direction: 'ascending' }, 0)).toEqual({ column: 0, direction: 'ascending' });
	});

	it('sorts numbers by value and puts empty cells last either way', () => {
		expect(order(0, 'ascending')).toEqual(['z', 'x', 'w', 'y']);
		expect(order(0, 'descending')).toEqual(['w', 'x', 'z', 'y']);
	});

	it("sorts text as the reader's language does, with numbers in it by value", () => {
		expect(order(1, 'ascending')).toEqual(['z', 'w', 'x', 'y']);
		expect(order(1, 'descending')).toEqual(['y', 'x', 'w', 'z']);
	});
});
