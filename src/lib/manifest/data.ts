import * as v from 'valibot';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { CONFIDENCE, isRealDay, isVisibleText, unsafeKey, unsafeKeyMessage, type Bibliography, type Kind, type LayerDef } from './schema';
import type { Problem } from './errors';
import { featurePositions, lineColumnAt } from './textPositions';
import { countPositions, MAX_FEATURE_POSITIONS, structuralIssues, tooManyPositions } from './geojsonText';

const GEOMETRIES: Record<Kind, string[]> = {
	point: ['Point', 'MultiPoint'],
	line: ['LineString', 'MultiLineString'],
	fill: ['Polygon', 'MultiPolygon'],
	zone: ['Point', 'MultiPoint'],
	choropleth: []
};

const isoDate = v.pipe(v.string(), v.isoDate(), v.check(isRealDay));

export { UNSAFE_PROPERTY_KEYS, unsafeKey, unsafeKeyMessage } from './schema';

/** The paths below `path` of every unsafe key, nested objects and lists included (the transfer walks them too). */
function unsafeKeyPaths(value: unknown, path: string): string[] {
	if (Array.isArray(value)) return value.flatMap((item, i) => unsafeKeyPaths(item, `${path}[${i}]`));
	if (typeof value !== 'object' || value === null) return [];
	return Object.keys(value).flatMap((key) => [
		...(unsafeKey(key) ? [`${path}.${key}`] : []),
		...unsafeKeyPaths((value as Record<string, unknown>)[key], `${path}.${key}`)
	]);
}

/** The collection's own members (all but its features) that the map cannot draw: they go to its worker with the features. */
export function collectionMemberProblems(collection: FeatureCollection): { field: string; message: string }[] {
	const { features: _, ...members } = collection as unknown as Record<string, unknown>;
	return unsafeKeyPaths(members, '').map((field) => ({ field: field.slice(1), message: unsafeKeyMessage(field.slice(field.lastIndexOf('.') + 1)) }));
}

/** `rejected`: indexes of the features that broke a rule; the rest can be drawn. */
export type DataResult = { data: FeatureCollection | null; problems: Problem[]; rejected: number[] };

/**
 * Checks one layer file: GeoJSON structure (with positions in the text, by check-geojson),
 * then the atlas's rules for every feature (id, name, sources that resolve, confidence, asOf,
 * event dates, coordinates in range and not projected, geometry fitting the layer's kind).
 * Problems name the file, line and column, feature and rule. Never throws.
 */
export function validateLayerData(
	text: string,
	file: string,
	layer: Pick<LayerDef, 'kind' | 'joinProperty' | 'radiusProperty'>,
	sources: Bibliography
): DataResult {
	const where = `geodata/${file}`;
	const structural = structuralIssues(text);
	if (structural.length > 0) {
		return {
			data: null,
			rejected: [],
			problems: structural.map((issue) => ({
				file: where,
				...lineColumnAt(text, [issue.from])[0],
				...(issue.feature ? { feature: issue.feature, field: 'geometry.coordinates' } : { field: '' }),
				message: issue.message
			}))
		};
	}
	const json = JSON.parse(text) as FeatureCollection;
	if (json.type !== 'FeatureCollection')
		return { data: null, rejected: [], problems: [{ file: where, field: '', message: `a FeatureCollection expected, ${json.type} found` }] };
	if (json.features.length === 0) return { data: json, rejected: [], problems: [{ file: where, field: '', message: 'the collection has no features' }] };
	const unsafeMembers = collectionMemberProblems(json);
	if (unsafeMembers.length > 0) return { data: null, rejected: [], problems: unsafeMembers.map((p) => ({ file: where, ...p })) };

	// where each feature starts in the text: a second parse of the whole file, made only once a
	// feature breaks a rule (a file that passes, the usual case, is parsed twice instead of three times)
	let starts: ReturnType<typeof featurePositions> | null = null;
	const problems: Problem[] = [];
	type Rule = { field: string; message: string };
	const ids = new Map<string, number>();
	const rejected: number[] = [];
	json.features.forEach((feature, index) => {
		const own: Rule[] = featureRules(feature, layer, sources);
		const id = feature.properties?.id;
		if (typeof id === 'string') {
			if (ids.has(id)) own.push({ field: 'properties.id', message: `"${id}" is already used by features[${ids.get(id)}]` });
			else ids.set(id, index);
		}
		if (own.length === 0) return;
		starts ??= featurePositions(text);
		const named = { index, ...(typeof id === 'string' ? { id } : {}) };
		rejected.push(index);
		problems.push(...own.map((p): Problem => ({ file: where, ...starts![index], feature: named, ...p })));
	});
	return { data: json, problems, rejected };
}

/** The rules one feature breaks, each at a field of the feature. */
function featureRules(
	feature: Feature,
	layer: Pick<LayerDef, 'kind' | 'joinProperty' | 'radiusProperty'>,
	sources: Bibliography
): { field: string; message: string }[] {
	const problems: { field: string; message: string }[] = [];
	const p = feature.properties ?? {};
	// the map hands the whole feature to its worker, not only its properties: beside them, and in the geometry, too
	const { properties: _, ...members } = (feature ?? {}) as unknown as Record<string, unknown>;
	for (const field of [...unsafeKeyPaths(members, ''), ...unsafeKeyPaths(p, 'properties')])
		problems.push({ field: field.replace(/^\./, ''), message: unsafeKeyMessage(field.slice(field.lastIndexOf('.') + 1)) });
	const need = (key: string, ok: boolean, message: string) => ok || problems.push({ field: `properties.${key}`, message });
	need('id', typeof p.id === 'string' && /^[a-z0-9][a-z0-9-]*$/.test(p.id), p.id === undefined ? 'required' : 'a lowercase slug expected');
	const blank = typeof p.name !== 'string' || p.name.trim() === '';
	need('name', isVisibleText(p.name), blank ? 'required' : 'required: a name a reader can see (spaces and invisible characters do not count)');
	if (!Array.isArray(p.sources) || p.sources.length === 0) need('sources', false, 'at least one source key expected (no source, no feature)');
	else
		p.sources.forEach((key: unknown, i: number) => {
			if (typeof key !== 'string' || !Object.hasOwn(sources, key))
				problems.push({ field: `properties.sources[${i}]`, message: `${JSON.stringify(key)} is not in geodata/sources.json` });
		});
	need('confidence', CONFIDENCE.includes(p.confidence), `one of ${CONFIDENCE.join(', ')} expected, ${JSON.stringify(p.confidence)} found`);
	need('asOf', v.is(isoDate, p.asOf), `a date like "2025-09-04" expected, ${JSON.stringify(p.asOf)} found`);
	for (const key of ['date', 'endDate'])
		if (p[key] !== undefined && p[key] !== null) need(key, v.is(isoDate, p[key]), `a date like "2025-09-04" expected, ${JSON.stringify(p[key])} found`);
	if (v.is(isoDate, p.date) && v.is(isoDate, p.endDate)) need('endDate', p.endDate >= p.date, `${p.endDate} is before the date ${p.date}`);
	// when a proposal was made is often known only to the month
	if (p.proposedDate !== undefined && p.proposedDate !== null)
		need(
			'proposedDate',
			typeof p.proposedDate === 'string' && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(p.proposedDate),
			`a date like "2025-09-04", "2025-09" or "2025" expected, ${JSON.stringify(p.proposedDate)} found`
		);
	if (p.approximate !== undefined) need('approximate', typeof p.approximate === 'boolean', 'true or false expected');
	if (p.precisionKm !== undefined) need('precisionKm', typeof p.precisionKm === 'number' && p.precisionKm > 0, 'a positive number of kilometres expected');

	if (layer.kind === 'choropleth') {
		const key = layer.joinProperty!;
		if (feature.geometry !== null) problems.push({ field: 'geometry', message: 'null expected: a choropleth takes its shapes from the base map' });
		need(
			key,
			p[key] === null || (typeof p[key] === 'string' && /^\d{3}$/.test(p[key])),
			'a three-digit ISO 3166-1 numeric code (or null for a state off the map) expected'
		);
		return problems;
	}
	if (layer.kind === 'zone') {
		const key = layer.radiusProperty!;
		need(
			key,
			p[key] === null || (typeof p[key] === 'number' && p[key] > 0 && p[key] < 5000),
			'a radius in kilometres (0 to 5,000), or null when not published, expected'
		);
	}
	// null geometry: a sourced item whose place is not published; listed beside the map, not drawn
	if (!feature.geometry) return problems;
	const count = countPositions(feature.geometry);
	if (count > MAX_FEATURE_POSITIONS) return [...problems, { field: 'geometry.coordinates', message: tooManyPositions(count) }];
	if (!GEOMETRIES[layer.kind].includes(feature.geometry.type))
		problems.push({
			field: 'geometry.type',
			message: `${GEOMETRIES[layer.kind].join(' or ')} expected for a ${layer.kind} layer, ${feature.geometry.type} found`
		});
	const empty = emptyGeometry(feature.geometry);
	if (empty) {
		// check-geojson lets `"coordinates": []` through; drawn, it has no extent and every page threw
		problems.push({ field: 'geometry.coordinates', message: `${empty}: give it its positions, or a null geometry for a place not published` });
		return problems;
	}
	const bad = positions(feature.geometry).find(([x, y]) => !(Math.abs(x) <= 180 && Math.abs(y) <= 90));
	if (bad) {
		const projected = Math.abs(bad[0]) > 1000 || Math.abs(bad[1]) > 1000;
		problems.push({
			field: 'geometry.coordinates',
			message: projected
				? `[${bad[0]}, ${bad[1]}] looks projected (metres, e.g. EPSG:3857): longitude and latitude in degrees expected`
				: `[${bad[0]}, ${bad[1]}] is out of range: longitude -180..180 and latitude -90..90 expected`
		});
	}
	return problems;
}

/**
 * What is missing from a geometry that cannot be drawn (a Polygon of no rings, a ring or line too
 * short), in words; null when it has its parts. An empty Multi* (`"coordinates": []`) is drawn as
 * nothing, as RFC 7946 allows (the front's change on a day with none is one); an empty part inside
 * one is not.
 */
function emptyGeometry(geometry: Geometry): string | null {
	const line = (value: unknown) => Array.isArray(value) && value.length >= 2;
	const ring = (value: unknown) => Array.isArray(value) && value.length >= 4;
	const polygon = (value: unknown) => Array.isArray(value) && value.length > 0 && value.every(ring);
	const all = (value: unknown, part: (v: unknown) => boolean) => Array.isArray(value) && value.every(part);
	const c = (geometry as { coordinates?: unknown }).coordinates;
	switch (geometry.type) {
		case 'LineString':
			return line(c) ? null : 'empty: a LineString needs two or more positions';
		case 'MultiLineString':
			return all(c, line) ? null : 'empty: each line of a MultiLineString needs two or more positions';
		case 'Polygon':
			return polygon(c) ? null : 'empty: a Polygon needs at least one ring, each of four or more positions';
		case 'MultiPolygon':
			return all(c, polygon) ? null : 'empty: each polygon of a MultiPolygon needs at least one ring, each of four or more positions';
		default:
			return null;
	}
}

function positions(geometry: Geometry): Position[] {
	switch (geometry.type) {
		case 'Point':
			return [geometry.coordinates];
		case 'MultiPoint':
		case 'LineString':
			return geometry.coordinates;
		case 'MultiLineString':
		case 'Polygon':
			return geometry.coordinates.flat();
		case 'MultiPolygon':
			return geometry.coordinates.flat(2);
		case 'GeometryCollection':
			return geometry.geometries.flatMap(positions);
	}
}
