import type { Feature } from 'geojson';
import { bundledFrontFigures, loadBundledGeodata } from '$lib/content/bundled';
import { columnValue, layerColumns, plainText, type Column } from '$lib/content/csv';
import type { Bibliography, LayerDef } from '$lib/manifest/schema';
import { categoryLabel } from '$lib/manifest/legend';

/** One table cell: the text a reader sees, and the number it sorts by when the value is one. */
export type Cell = { text: string; number?: number };
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
	const number = (n: number | null): Cell => (n === null ? { text: '' } : { text: n.toLocaleString('en-GB'), number: n });
	const columns: Column[] = [
		{ key: 'asOf', label: 'Date' },
		{ key: 'areaKm2', label: 'Occupied (km², computed)' },
		{ key: 'shareOfUkraine', label: 'Share of Ukraine (%, computed)' },
		{ key: 'gainedKm2', label: 'Newly occupied since the snapshot before (km²)' },
		{ key: 'lostKm2', label: 'No longer occupied since the snapshot before (km²)' },
		{ key: 'gainedSinceSummitKm2', label: 'Newly occupied since 4 Sep 2025 (km²)' },
		{ key: 'lostSinceSummitKm2', label: 'No longer occupied since 4 Sep 2025 (km²)' },
		{ key: 'frontKm', label: "Front line at DeepState's resolution (km)" },
		{ key: 'frontSmoothedKm', label: 'Front line smoothed to 3 km (km)' }
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
	if (label) return { text: label };
	return typeof value === 'number' ? { text: plainText(value), number: value } : { text: plainText(value) };
}

function sourceLinks(feature: Feature, sources: Bibliography): SourceLink[] {
	const keys = feature.properties?.sources;
	if (!Array.isArray(keys)) return [];
	return keys.map((key: string) => {
		const source = sources[key];
		return source ? { key, text: `${source.publisher}: ${source.title}`, url: source.url } : { key, text: key };
	});
}
