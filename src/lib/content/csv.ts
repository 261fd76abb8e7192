import type { Feature, Geometry } from 'geojson';

/** A feature as the atlas stores it: a choropleth row or an unplaced item has no geometry. */
type AnyFeature = Feature<Geometry | null>;
import type { LayerDef } from '../manifest/schema';

/**
 * One column of a layer's table or CSV: the feature property `key`, or with `axis` the longitude (0)
 * or latitude (1) of a Point feature. `key` heads the CSV (stable, like the GeoJSON); `label` heads
 * the table, `labelUk` in Ukrainian where the manifest has it.
 */
export type Column = { key: string; label: string; axis?: 0 | 1; labelUk?: string };

// kinds whose features are points, so a row can carry its place as two numbers
const POINT_KINDS: LayerDef['kind'][] = ['point', 'zone'];

/**
 * The columns a layer's table and CSV show, in order: id, name, what the manifest's tooltip shows,
 * the event dates when any feature has one, longitude and latitude for point layers, then
 * confidence, asOf and sources.
 *
 * @example
 * layerColumns(incursionsDef, incursions.features).map((c) => c.key)
 * // ['id', 'name', 'country', 'place', 'craft', …, 'date', 'longitude', 'latitude', 'confidence', 'asOf', 'sources']
 */
export function layerColumns(def: LayerDef, features: AnyFeature[] = []): Column[] {
	const columns: Column[] = [
		{ key: 'id', label: 'ID' },
		{ key: 'name', label: 'Name' },
		...(def.tooltip ?? []).map((t) => {
			const labelUk = def.i18n?.uk?.fields?.[t.property];
			return { key: t.property, label: t.label, ...(labelUk ? { labelUk } : {}) };
		})
	];
	const has = (key: string) => features.some((f) => f.properties && Object.hasOwn(f.properties, key) && f.properties[key] !== null);
	if (has('date')) columns.push({ key: 'date', label: 'Date' });
	if (has('endDate')) columns.push({ key: 'endDate', label: 'End date' });
	if (POINT_KINDS.includes(def.kind)) columns.push({ key: 'longitude', label: 'Longitude', axis: 0 }, { key: 'latitude', label: 'Latitude', axis: 1 });
	columns.push({ key: 'confidence', label: 'Confidence' }, { key: 'asOf', label: 'As of' }, { key: 'sources', label: 'Sources' });
	// a tooltip may already show one of the standard columns; keep its first place
	return columns.filter((c, i) => columns.findIndex((d) => d.key === c.key) === i);
}

/**
 * A feature's raw value in a column. Only a Point has a longitude and latitude: a MultiPoint, line
 * or area has no single place that would not be made up, and its shape is in the GeoJSON.
 */
export function columnValue(feature: AnyFeature, column: Column): unknown {
	// the feature's own property: `constructor` read plainly is every object's, `function Object() { [native code] }`
	if (column.axis === undefined) return feature.properties && Object.hasOwn(feature.properties, column.key) ? feature.properties[column.key] : undefined;
	return feature.geometry?.type === 'Point' ? feature.geometry.coordinates[column.axis] : undefined;
}

/** A value as a reader sees it: empty for nothing, lists joined with "; ". */
export function plainText(value: unknown): string {
	if (value === null || value === undefined) return '';
	if (Array.isArray(value)) return value.map(plainText).join('; ');
	if (typeof value === 'object') return JSON.stringify(value);
	return String(value);
}

/**
 * The features as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes or
 * line breaks quoted, quotes doubled), one header line of column keys then one line a feature.
 * Text and header cells starting with = + - @ (also after leading spaces, zero-width characters or
 * direction marks, or full-width), a tab or a carriage return get a leading apostrophe, so a spreadsheet shows them
 * instead of running them as a formula; numbers are left as numbers.
 *
 * @example
 * featuresToCsv([point([30.5, 50.45], { id: 'kyiv', name: 'Kyiv, capital' })], [{ key: 'name', label: 'Name' }])
 * // 'name\r\n"Kyiv, capital"\r\n'
 */
export function featuresToCsv(features: AnyFeature[], columns: Column[]): string {
	// a header is a property's name, from the data like any value
	const lines = [columns.map((c) => csvField(neutralised(c.key))), ...features.map((f) => columns.map((c) => csvCell(columnValue(f, c))))];
	return lines.map((fields) => fields.join(',') + '\r\n').join('');
}

// Spreadsheets skip leading whitespace and invisible characters (zero-width ones, a BOM, direction
// marks and embeddings such as U+200E, U+202E, U+2066: all of Unicode's format characters) before
// looking for a formula, and read the full-width ＝ ＋ － ＠ as the ASCII ones; a tab or carriage
// return first is a formula trigger of its own (OWASP's CSV injection list)
const FORMULA = /^(?:[\t\r]|[\s\p{Cf}\u180e]*[=+\-@\uff1d\uff0b\uff0d\uff20])/u;

/** Text a spreadsheet could run as a formula, behind an apostrophe, which it shows instead. */
const neutralised = (text: string) => (FORMULA.test(text) ? `'${text}` : text);

function csvCell(value: unknown): string {
	const text = plainText(value);
	const isText = typeof value === 'string' || Array.isArray(value) || (typeof value === 'object' && value !== null);
	return csvField(isText ? neutralised(text) : text);
}

function csvField(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
