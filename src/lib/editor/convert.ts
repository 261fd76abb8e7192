import Papa from 'papaparse';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import type { Problem } from '../manifest/errors';
import { unsafeKey, unsafeKeyMessage } from '../manifest/data';

export type Format = 'geojson' | 'topojson' | 'csv';

/**
 * `text`: GeoJSON text to validate (for a CSV with bad rows, the rows that could be read), or null
 * when the file could not be read at all.
 * GeoJSON passes through untouched so that the validator's lines and columns are the editor's own;
 * for a CSV, `lines[i]` is the line of the row that became features[i].
 */
export type Converted = { format: Format | null; text: string | null; problems: Problem[]; warnings: Problem[]; lines?: number[] };

export type ConvertOptions = {
	/** false lets a CSV without coordinate columns become features without geometry (a choropleth's rows) */
	requireCoordinates?: boolean;
};

const LONGITUDE = ['lon', 'lng', 'long', 'longitude', 'x'];
const LATITUDE = ['lat', 'latitude', 'y'];
// kept as text even when they look like numbers: "2025" is a partial date, "040" a country code
const TEXT_COLUMNS = new Set(['id', 'name', 'asOf', 'date', 'endDate', 'proposedDate', 'confidence']);

/**
 * Turns an editor's file into GeoJSON text: GeoJSON as it is, every object of a TopoJSON
 * topology merged into one FeatureCollection, or a CSV's rows as Points (longitude and latitude
 * from columns named lon, lng, longitude or x and lat, latitude or y, in any case; the other
 * columns become properties). Never throws: what cannot be read becomes a problem naming the file
 * and, for a CSV, the line.
 *
 * @example
 * const { text, problems } = convertToGeoJSON(await file.text(), file.name);
 */
export function convertToGeoJSON(input: string, fileName: string, options: ConvertOptions = {}): Converted {
	const text = withoutBom(input);
	const extension = /\.([a-z]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
	if (extension === 'csv' || extension === 'tsv') return fromCsv(text, fileName, options);
	if (!['json', 'geojson', 'topojson'].includes(extension) && !text.trimStart().startsWith('{'))
		return failed(fileName, 'not a format the atlas reads: GeoJSON (.geojson, .json), TopoJSON (.topojson, .json) or CSV with coordinates (.csv) expected');
	let json: unknown;
	try {
		json = JSON.parse(text);
	} catch {
		// the GeoJSON validator reports broken JSON with its line and column
		return { format: 'geojson', text, problems: [], warnings: [] };
	}
	if ((json as { type?: unknown })?.type === 'Topology') return fromTopoJson(json as Topology, fileName);
	if (extension === 'topojson') return failed(fileName, `a TopoJSON topology expected, ${JSON.stringify((json as { type?: unknown })?.type)} found`);
	return { format: 'geojson', text, problems: [], warnings: [] };
}

/**
 * The text without a leading UTF-8 byte-order mark, which Windows editors write and JSON.parse
 * refuses. A browser's `file.text()` drops it already; node's `readFile` keeps it, so every path
 * that reads an editor's file (the command, the dev save, the editor) goes through here.
 */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

const failed = (fileName: string, message: string): Converted => ({
	format: null,
	text: null,
	problems: [{ file: fileName, field: '', message }],
	warnings: []
});

function fromTopoJson(topology: Topology, fileName: string): Converted {
	if (typeof topology.objects !== 'object' || topology.objects === null || Object.keys(topology.objects).length === 0)
		return failed(fileName, 'a TopoJSON topology with at least one object expected');
	const features: Feature[] = [];
	const merged: string[] = [];
	try {
		for (const [name, object] of Object.entries(topology.objects)) {
			const converted = feature(topology, object) as Feature | FeatureCollection;
			const own = converted.type === 'FeatureCollection' ? converted.features : [converted];
			features.push(...own);
			merged.push(`${name} (${own.length})`);
		}
	} catch (error) {
		return failed(fileName, `not a valid TopoJSON topology (${(error as Error).message})`);
	}
	const warnings = merged.length > 1 ? [{ file: fileName, field: '', message: `TopoJSON objects merged into one collection: ${merged.join(', ')}` }] : [];
	return { format: 'topojson', text: JSON.stringify({ type: 'FeatureCollection', features }, null, 2), problems: [], warnings };
}

function fromCsv(text: string, fileName: string, { requireCoordinates = true }: ConvertOptions): Converted {
	const rows: { cells: string[]; line: number }[] = [];
	let start = 0;
	Papa.parse<string[]>(text, {
		skipEmptyLines: 'greedy',
		step: (result) => {
			// the cursor is where the row ended; this row began after the previous one and any blank lines
			const from = /^[\r\n]*/.exec(text.slice(start))![0].length + start;
			rows.push({ cells: result.data, line: text.slice(0, from).split('\n').length });
			start = result.meta.cursor;
		}
	});
	if (rows.length === 0) return failed(fileName, 'the file is empty: a header row and one row a feature expected');
	const [header, ...body] = rows;
	const names = header.cells.map((c) => c.trim());
	const column = (candidates: string[]) => names.findIndex((n) => candidates.includes(n.toLowerCase()));
	const lon = column(LONGITUDE);
	const lat = column(LATITUDE);
	const problems: Problem[] = [];
	const at = (line: number) => ({ file: fileName, line, field: '' });
	if ((lon < 0 || lat < 0) && (requireCoordinates || lon >= 0 || lat >= 0)) {
		const missing = lon < 0 ? `longitude column (${LONGITUDE.join(', ')})` : `latitude column (${LATITUDE.join(', ')})`;
		return { format: 'csv', text: null, problems: [{ ...at(header.line), message: `no ${missing} in the header: ${names.join(', ')}` }], warnings: [] };
	}
	const duplicate = names.find((n, i) => n !== '' && names.indexOf(n) !== i);
	if (duplicate) problems.push({ ...at(header.line), message: `the column "${duplicate}" appears twice` });
	// `properties.__proto__ = value` would silently drop the column: refused here, by name, with the others the map cannot take
	for (const name of names.filter(unsafeKey)) problems.push({ ...at(header.line), message: `the column ${unsafeKeyMessage(name)}` });

	const features: Feature<Geometry | null>[] = [];
	const lines: number[] = [];
	for (const { cells, line } of body) {
		if (cells.length !== names.length) {
			problems.push({ ...at(line), message: `${names.length} fields expected, ${cells.length} found` });
			continue;
		}
		const geometry = lon < 0 ? null : pointOf(cells[lon], cells[lat], (message) => problems.push({ ...at(line), message }));
		if (geometry === undefined) continue;
		const properties: Record<string, unknown> = {};
		names.forEach((name, i) => {
			if (i === lon || i === lat || name === '' || unsafeKey(name)) return;
			const value = typedValue(name, cells[i].trim());
			if (value !== undefined) properties[name] = value;
		});
		features.push({ type: 'Feature', properties, geometry });
		lines.push(line);
	}
	// the rows that could be read still go on to be checked, so one run reports everything
	return { format: 'csv', text: JSON.stringify({ type: 'FeatureCollection', features }, null, 2), problems, warnings: [], lines };
}

/** A Point, null for a row with no place at all (listed, not drawn), or undefined after reporting why not. */
function pointOf(lonText: string, latText: string, report: (message: string) => void): Geometry | null | undefined {
	const [x, y] = [lonText.trim(), latText.trim()];
	if (x === '' && y === '') return null;
	const bad = [
		['longitude', x],
		['latitude', y]
	].filter(([, value]) => value === '' || !Number.isFinite(Number(value)));
	for (const [axis, value] of bad)
		report(value === '' ? `${axis} is empty (leave both empty for a feature with no place)` : `${axis} ${JSON.stringify(value)} is not a number`);
	return bad.length > 0 ? undefined : { type: 'Point', coordinates: [Number(x), Number(y)] };
}

/** A cell as the atlas's conventions want it: sources a list, numbers and booleans typed, empty cells left out. */
function typedValue(name: string, cell: string): unknown {
	if (cell === '') return undefined;
	if (name === 'sources') return cell.split(/[;,\s]+/).filter(Boolean);
	if (TEXT_COLUMNS.has(name)) return cell;
	if (cell === 'true' || cell === 'false') return cell === 'true';
	// a leading zero marks a code, not a quantity
	if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(cell)) return Number(cell);
	return cell;
}
