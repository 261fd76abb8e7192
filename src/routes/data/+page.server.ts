import type { Feature } from 'geojson';
import { loadBundledGeodata } from '$lib/content/bundled';
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
			columns,
			rows: collection.features.map((feature, i) => ({
				id: plainText(feature.properties?.id) || String(i),
				cells: columns.map((column) => cell(def, feature, column, data.sources)),
				sources: sourceLinks(feature, data.sources)
			}))
		};
	});
	return { layers };
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
