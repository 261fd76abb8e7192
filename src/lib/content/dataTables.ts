// The /data page's tables: every layer's features, and the front's figures by snapshot, as rows of
// cells with the sources they rest on. Built once by the page's prerender; the page sorts them.
import type { Feature } from 'geojson';
import { columnValue, layerColumns, plainText, type Column } from './csv';
import type { Geodata } from '../manifest/load';
import type { Bibliography, LayerDef } from '../manifest/schema';
import type { FrontFigures } from '../manifest/frontFigures';
import { categoryLabel, featureText } from '../manifest/localise';

/** One table cell: the text a reader sees, and the number it sorts by when the value is one. */
export type Cell = { text: string; number?: number; textUk?: string };
export type SourceLink = { key: string; text: string; url?: string };
export type Row = { id: string; cells: Cell[]; sources: SourceLink[] };
export type LayerTable = {
	id: string;
	title: string;
	description?: string;
	uk?: { title: string; description?: string };
	file: string;
	/** false for a table that is not a layer (no CSV of its own) */
	csv: boolean;
	columns: Column[];
	rows: Row[];
};

/** The front's table: its headings and title are worded, in both languages, by content/dataWords.ts. */
const FRONT_TABLE = {
	id: 'front-by-snapshot',
	title: 'The occupied area and the front, snapshot by snapshot',
	description:
		"Computed from DeepStateMap.Live's polygons (via cyterat/deepstate-map-data) over recognised Ukraine, Crimea included: areas from the polygons themselves, the front as their edge inside Ukraine.",
	columns: [
		{ key: 'asOf', label: 'Date' },
		{ key: 'areaKm2', label: 'Occupied (km², computed)' },
		{ key: 'shareOfUkraine', label: 'Share of Ukraine (%, computed)' },
		{ key: 'gainedKm2', label: 'Newly occupied since the snapshot before (km²)' },
		{ key: 'lostKm2', label: 'No longer occupied since the snapshot before (km²)' },
		{ key: 'gainedSinceSummitKm2', label: 'Newly occupied since 4 Sep 2025 (km²)' },
		{ key: 'lostSinceSummitKm2', label: 'No longer occupied since 4 Sep 2025 (km²)' },
		{ key: 'frontKm', label: "Front line at DeepState's resolution (km)" },
		{ key: 'frontSmoothedKm', label: 'Front line smoothed to 3 km (km)' }
	] satisfies Column[] as Column[]
};

/** Every layer's table, in manifest order, then the front's by snapshot. */
export function dataTables(data: Geodata, figures: FrontFigures[]): LayerTable[] {
	return [...data.layers.map(({ def, data: collection }) => layerTable(def, collection.features, data.sources)), frontTable(figures)];
}

/** A layer's features, one row each, in file order: the columns its CSV has. */
export function layerTable(def: LayerDef, features: Feature[], sources: Bibliography): LayerTable {
	const columns = layerColumns(def, features);
	return {
		id: def.id,
		title: def.title,
		description: def.description,
		uk: def.i18n?.uk,
		file: def.file,
		csv: true,
		columns,
		rows: features.map((feature, i) => ({
			id: plainText(feature.properties?.id) || String(i),
			cells: columns.map((column) => cell(def, feature, column, sources)),
			sources: sourceLinks(feature, sources)
		}))
	};
}

/** The occupied area and the front at every DeepState snapshot, from the figures the import computed. */
export function frontTable(figures: FrontFigures[]): LayerTable {
	const number = (n: number | null): Cell => (n === null ? { text: '' } : { text: n.toLocaleString('en-GB'), textUk: n.toLocaleString('uk-UA'), number: n });
	const { columns } = FRONT_TABLE;
	return {
		id: FRONT_TABLE.id,
		title: FRONT_TABLE.title,
		description: FRONT_TABLE.description,
		file: 'front/versions.json',
		csv: false,
		columns,
		rows: figures.map((f) => ({
			id: f.asOf,
			cells: [{ text: f.asOf }, ...columns.slice(1).map((c) => number(f[c.key as keyof typeof f] as number | null))],
			sources: []
		}))
	};
}

function cell(def: LayerDef, feature: Feature, column: Column, sources: Bibliography): Cell {
	const value = columnValue(feature, column);
	if (column.key === 'sources' && column.axis === undefined)
		return {
			text: sourceLinks(feature, sources)
				.map((s) => s.text)
				.join('; ')
		};
	// category values read as the legend does ("Troops in Ukraine…", not "ground-troops")
	const label = column.axis === undefined ? categoryLabel(def, column.key, value) : null;
	const labelUk = column.axis === undefined ? categoryLabel(def, column.key, value, 'uk') : null;
	if (label) return { text: label, ...(labelUk !== label ? { textUk: labelUk! } : {}) };
	if (typeof value === 'number') return { text: plainText(value), number: value };
	// a feature's Ukrainian text (`name_uk`) beside the English, for a reader of the Ukrainian page
	const textUk = column.axis === undefined && feature.properties?.[`${column.key}_uk`] !== undefined ? featureText(feature.properties, column.key, 'uk') : '';
	return { text: plainText(value), ...(textUk ? { textUk } : {}) };
}

function sourceLinks(feature: Feature, sources: Bibliography): SourceLink[] {
	const keys = feature.properties?.sources;
	if (!Array.isArray(keys)) return [];
	return keys.map((key: string) => {
		const source = sources[key];
		return source ? { key, text: `${source.publisher}: ${source.title}`, url: source.url } : { key, text: key };
	});
}

export type Direction = 'ascending' | 'descending';
/** A table sorted by one of its columns; none means manifest (file) order. */
export type Sort = { column: number; direction: Direction };

/**
 * The rows in the order a reader asked for: numbers by value, text as `shown` words it in the
 * reader's `locale`, and empty cells last whichever way the column is sorted.
 */
export function sortRows(rows: Row[], columns: Column[], sort: Sort | undefined, shown: (column: Column, cell: Cell) => string, locale: string): Row[] {
	if (!sort) return rows;
	const sign = sort.direction === 'ascending' ? 1 : -1;
	const column = columns[sort.column];
	return rows.toSorted((a, b) => {
		const x = a.cells[sort.column];
		const y = b.cells[sort.column];
		if (!x.text || !y.text) return Number(!x.text) - Number(!y.text);
		if (x.number !== undefined && y.number !== undefined) return sign * (x.number - y.number);
		return sign * shown(column, x).localeCompare(shown(column, y), locale, { numeric: true });
	});
}

/** The next sort when a reader presses a column's heading: ascending first, then the other way. */
export function nextSort(current: Sort | undefined, column: number): Sort {
	return { column, direction: current?.column === column && current.direction === 'ascending' ? 'descending' : 'ascending' };
}
