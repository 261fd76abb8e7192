import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { UNSAFE_PROPERTY_KEYS, validateLayerData } from '../../src/lib/manifest/data';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';
import { problemOfMapError } from '../../src/lib/map/mapError';
import { sourceId } from '../../src/lib/map/styleLayers';
import type { LayerSpec } from '../../src/lib/manifest/specs';

// maplibre's serializer checks `instanceof ImageData` and `ImageBitmap`, which node lacks
Object.assign(globalThis, { ImageData: globalThis.ImageData ?? class {}, ImageBitmap: globalThis.ImageBitmap ?? class {} });
// maplibre's source, not its bundle, which does not export the serializer; through a variable,
// so that the type check does not take in maplibre's sources, written for its own compiler settings
const TRANSFER = 'maplibre-gl/src/util/web_worker_transfer';
const { serialize, deserialize }: { serialize: (input: unknown) => unknown; deserialize: (input: unknown) => unknown } = await import(
	/* @vite-ignore */ TRANSFER
);

const sources = validateBibliography(JSON.parse(readFileSync(new URL('../../geodata/sources.json', import.meta.url), 'utf8'))).citable;
const source = Object.keys(sources)[0];
const layer = { kind: 'point' as const, file: 'bases.geojson' };

/** A one-point collection whose feature has `extra` among its own properties (JSON, so `__proto__` is an own key). */
function collection(extra: string): string {
	const properties = `{"id": "base", "name": "Base", "sources": ["${source}"], "confidence": "confirmed", "asOf": "2025-09-04", ${extra}}`;
	return `{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": ${properties}, "geometry": {"type": "Point", "coordinates": [22, 50]}}]}`;
}

/** Whether a layer whose feature has this property reaches maplibre's worker intact. */
function transfers(key: string): boolean {
	const data = JSON.parse(collection(`${JSON.stringify(key)}: "x"`));
	try {
		const back = deserialize(structuredClone(serialize({ data }))) as { data: typeof data };
		return Object.hasOwn(back.data.features[0].properties, key);
	} catch {
		return false;
	}
}

describe('property names maplibre cannot draw', () => {
	it('are exactly the ones refused, measured on maplibre’s own worker transfer', () => {
		const candidates = [...Object.getOwnPropertyNames(Object.prototype), '$name', '$type', '$id', 'name', 'sources'];
		expect(candidates.filter((key) => !transfers(key)).sort()).toEqual([...UNSAFE_PROPERTY_KEYS].sort());
	});

	it.each(UNSAFE_PROPERTY_KEYS)('refuses "%s" in the build’s checks, naming the feature and the key', (key) => {
		const { problems, rejected } = validateLayerData(collection(`"${key}": "x"`), layer.file, layer, sources);
		expect(rejected).toEqual([0]);
		expect(problems.map(formatProblem)).toEqual([
			`geodata/bases.geojson:1:44: features[0] (base).properties.${key}: "${key}" cannot be a property's name: the map draws no layer with a property named constructor, hasOwnProperty, $name or __proto__; rename it`
		]);
	});

	it('refuses one nested in a property’s value, which the transfer walks too', () => {
		const { problems } = validateLayerData(collection('"i18n": {"uk": {"constructor": "x"}}'), layer.file, layer, sources);
		expect(problems.map((p) => p.field)).toEqual(['properties.i18n.uk.constructor']);
	});

	it('refuses it in the command and the editor, where it would otherwise be dropped on the way', () => {
		for (const key of UNSAFE_PROPERTY_KEYS) {
			const text = collection(`"${key}": "x"`);
			expect(prepareLayer(text, 'bases.geojson', layer, sources).problems.map((p) => p.field)).toEqual([`properties.${key}`]);
			expect(checkLayerText(text, 'bases.geojson', layer, sources).problems.map((p) => p.field)).toEqual([`properties.${key}`]);
		}
	});
});

/** The one-point collection with `extra` as a member of the feature (beside `properties`), of its geometry, or of the collection. */
function withMember(level: 'feature' | 'geometry' | 'collection', extra: string): string {
	const properties = `{"id": "base", "name": "Base", "sources": ["${source}"], "confidence": "confirmed", "asOf": "2025-09-04"}`;
	const geometry = `{"type": "Point", "coordinates": [22, 50]${level === 'geometry' ? `, ${extra}` : ''}}`;
	const feature = `{"type": "Feature", "properties": ${properties}, "geometry": ${geometry}${level === 'feature' ? `, ${extra}` : ''}}`;
	return `{"type": "FeatureCollection"${level === 'collection' ? `, ${extra}` : ''}, "features": [${feature}]}`;
}

describe('names maplibre cannot draw beside the properties', () => {
	const LEVELS = ['feature', 'geometry', 'collection'] as const;

	it('break the transfer at every level, as in the properties', () => {
		for (const level of LEVELS)
			for (const key of ['constructor', 'hasOwnProperty']) {
				const data = JSON.parse(withMember(level, `"${key}": "x"`));
				expect(() => deserialize(structuredClone(serialize({ data }))), `${level} ${key}`).toThrow();
			}
	});

	it.each(LEVELS.flatMap((level) => UNSAFE_PROPERTY_KEYS.map((key) => [level, key] as const)))(
		'are refused at the %s level ("%s"), naming the place, by the build, the command and the editor',
		(level, key) => {
			const text = withMember(level, `"${key}": "x"`);
			const field = { feature: key, geometry: `geometry.${key}`, collection: key }[level];
			const { problems } = validateLayerData(text, layer.file, layer, sources);
			expect(problems.map((p) => ({ field: p.field, feature: p.feature?.index }))).toEqual([{ field, feature: level === 'collection' ? undefined : 0 }]);
			expect(problems[0].message).toMatch(/cannot be a property's name/);
			expect(prepareLayer(text, 'bases.geojson', layer, sources).problems.map((p) => p.field)).toEqual([field]);
			expect(checkLayerText(text, 'bases.geojson', layer, sources).problems.map((p) => p.field)).toEqual([field]);
			// a large file, checked in slices
			expect(checkLayerText(text, 'bases.geojson', layer, sources, { sliceAbove: 0 }).problems.map((p) => p.field)).toEqual([field]);
		}
	);
});

describe('an error maplibre reports', () => {
	const specs = [{ id: 'hubs', def: { file: 'hubs.geojson' } }] as LayerSpec[];

	it('becomes a notice naming the layer, from its source or its style layer', () => {
		const error = new Error('input.hasOwnProperty is not a function');
		for (const event of [
			{ error, sourceId: 'layer:hubs' },
			{ error, layer: { id: 'hubs:circle' } }
		])
			expect(problemOfMapError(event, specs, sourceId)).toEqual({
				file: 'geodata/hubs.geojson',
				field: '',
				layer: 'hubs',
				message: 'the map could not draw this layer (input.hasOwnProperty is not a function)'
			});
	});

	it("from the base map's detail names its file and says the rest of the map is drawn", () => {
		const noRanges = new Error(
			'Server returned no content-length header or content-length exceeding request. Check that your storage backend supports HTTP Byte Serving.'
		);
		const served = problemOfMapError({ error: noRanges, sourceId: 'detail' }, specs, sourceId);
		expect(served.fatal).toBe(false);
		expect(formatProblem(served)).toBe(
			"data/basemap.pmtiles: the base map's rivers, lakes and towns were not drawn: the site's server sent the whole file where a part was asked for (it must answer HTTP byte-range requests, as most hosts and CDNs do)"
		);
		expect(formatProblem(problemOfMapError({ error: new Error('Failed to fetch'), sourceId: 'detail' }, specs, sourceId))).toBe(
			"data/basemap.pmtiles: the base map's rivers, lakes and towns were not drawn (Failed to fetch)"
		);
	});

	it('that belongs to no layer is still a notice', () => {
		expect(formatProblem(problemOfMapError({ error: new Error('WebGL context lost') }, specs, sourceId))).toBe(
			'map: the map reported an error (WebGL context lost)'
		);
	});
});
