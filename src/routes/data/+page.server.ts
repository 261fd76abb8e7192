import type { Feature } from 'geojson';
import { bundledFrontFigures, loadBundledGeodata } from '$lib/content/bundled';
import { columnValue, layerColumns, plainText, type Column } from '$lib/content/csv';
import type { Bibliography, LayerDef } from '$lib/manifest/schema';
import { categoryLabel, featureText } from '$lib/manifest/localise';

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

export async function load() {
	const data = await loadBundledGeodata();
	const layers: LayerTable[] = data.layers.map(({ def, data: collection }) => {
		const columns = layerColumns(def, collection.features);
		return {
			id: def.id,
			title: def.title,
			description: def.description,
			uk: def.i18n?.uk,
			file: def.file,
			csv: true,
			columns,
			rows: collection.features.map((feature, i) => ({
				id: plainText(feature.properties?.id) || String(i),
				cells: columns.map((column) => cell(def, feature, column, data.sources)),
				sources: sourceLinks(feature, data.sources)
			}))
		};
	});
	return { layers: [...layers, frontTable()] };
}

/** The occupied area and the front at every DeepState snapshot, from the figures the import computed. */
function frontTable(): LayerTable {
	const figures = bundledFrontFigures();
	const number = (n: number | null): Cell => (n === null ? { text: '' } : { text: n.toLocaleString('en-GB'), textUk: n.toLocaleString('uk-UA'), number: n });
	const columns: Column[] = [
		{ key: 'asOf', label: 'Date', labelUk: 'Дата' },
		{ key: 'areaKm2', label: 'Occupied (km², computed)', labelUk: 'Окуповано (км², обчислено)' },
		{ key: 'shareOfUkraine', label: 'Share of Ukraine (%, computed)', labelUk: 'Частка території України (%, обчислено)' },
		{ key: 'gainedKm2', label: 'Newly occupied since the snapshot before (km²)', labelUk: 'Нових окупованих від попереднього знімка (км²)' },
		{ key: 'lostKm2', label: 'No longer occupied since the snapshot before (km²)', labelUk: 'Звільнених від попереднього знімка (км²)' },
		{ key: 'gainedSinceSummitKm2', label: 'Newly occupied since 4 Sep 2025 (km²)', labelUk: 'Нових окупованих від 4 вересня 2025 року (км²)' },
		{ key: 'lostSinceSummitKm2', label: 'No longer occupied since 4 Sep 2025 (km²)', labelUk: 'Звільнених від 4 вересня 2025 року (км²)' },
		{ key: 'frontKm', label: "Front line at DeepState's resolution (km)", labelUk: 'Лінія фронту з точністю карти DeepState (км)' },
		{ key: 'frontSmoothedKm', label: 'Front line smoothed to 3 km (km)', labelUk: 'Лінія фронту, згладжена до 3 км (км)' }
	];
	return {
		id: 'front-by-snapshot',
		title: 'The occupied area and the front, snapshot by snapshot',
		description:
			"Computed from DeepStateMap.Live's polygons (via cyterat/deepstate-map-data) over recognised Ukraine, Crimea included: areas from the polygons themselves, the front as their edge inside Ukraine.",
		uk: {
			title: 'Окупована територія і фронт, знімок за знімком',
			description:
				'Обчислено з полігонів DeepStateMap.Live (через cyterat/deepstate-map-data) у межах визнаної України, включно з Кримом: площі — з самих полігонів, фронт — їхній край усередині України.'
		},
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
