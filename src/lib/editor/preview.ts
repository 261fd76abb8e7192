// What the map can take at once. maplibre copies a GeoJSON source to its worker on the main thread
// at about 7 µs a position (measured: 14 s for a 50 MB file of 2 million), so a large draft is
// previewed thinned: every k-th vertex, then if need be every k-th feature. The file as published
// keeps every point; only the picture is lighter.
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';

export type Preview = { data: FeatureCollection; thinned: { vertices: number; features: number } | null };

const PREVIEW_POSITIONS = 25_000;

const ORDINAL = new Intl.PluralRules('en', { type: 'ordinal' });
const SUFFIX: Partial<Record<Intl.LDMLPluralRule, string>> = { one: 'st', two: 'nd', few: 'rd' };
/** 2nd, 3rd, 11th, 22nd: the editor is in English. */
export const ordinal = (n: number) => `${n}${SUFFIX[ORDINAL.select(n)] ?? 'th'}`;

/**
 * How a preview was thinned, in words.
 *
 * @example
 * thinnedInWords({ vertices: 2, features: 3 }) // 'every 2nd vertex, every 3rd feature'
 */
export function thinnedInWords({ vertices, features }: NonNullable<Preview['thinned']>): string {
	const parts = [vertices > 1 ? `every ${ordinal(vertices)} vertex` : '', features > 1 ? `every ${ordinal(features)} feature` : ''];
	return parts.filter(Boolean).join(', ');
}

/**
 * @example
 * const { data, thinned } = thinForPreview(valid); // thinned: null when drawn as it is
 */
export function thinForPreview(collection: FeatureCollection, budget = PREVIEW_POSITIONS): Preview {
	const total = collection.features.reduce((sum, f) => sum + countPositions(f.geometry), 0);
	if (total <= budget) return { data: collection, thinned: null };
	const step = Math.ceil(total / budget);
	let features: Feature[] = collection.features.map((f) => (f.geometry ? { ...f, geometry: thin(f.geometry, step) } : f));
	// points cannot lose vertices: past the budget, a sample of the features stands for the rest
	const left = features.reduce((sum, f) => sum + countPositions(f.geometry), 0);
	const every = Math.ceil(left / budget);
	if (every > 1) features = features.filter((_, i) => i % every === 0);
	return { data: { type: 'FeatureCollection', features }, thinned: { vertices: step, features: every } };
}

function countPositions(geometry: Geometry | null): number {
	if (!geometry) return 0;
	if (geometry.type === 'GeometryCollection') return geometry.geometries.reduce((sum, g) => sum + countPositions(g), 0);
	if (geometry.type === 'Point') return 1;
	return (geometry.coordinates as unknown[]).flat(3).length / 2;
}

/** Every `step`-th position, keeping the last (a ring stays closed) and at least `minimum` (a ring stays a ring). */
function every(line: Position[], step: number, minimum: number): Position[] {
	if (line.length <= minimum) return line;
	const stride = Math.max(1, Math.min(step, Math.floor((line.length - 1) / (minimum - 1))));
	const kept = line.filter((_, i) => i % stride === 0);
	if (kept[kept.length - 1] !== line[line.length - 1]) kept.push(line[line.length - 1]);
	return kept;
}

function thin(geometry: Geometry, step: number): Geometry {
	switch (geometry.type) {
		case 'LineString':
			return { ...geometry, coordinates: every(geometry.coordinates, step, 2) };
		case 'MultiLineString':
			return { ...geometry, coordinates: geometry.coordinates.map((l) => every(l, step, 2)) };
		case 'Polygon':
			return { ...geometry, coordinates: geometry.coordinates.map((r) => every(r, step, 4)) };
		case 'MultiPolygon':
			return { ...geometry, coordinates: geometry.coordinates.map((p) => p.map((r) => every(r, step, 4))) };
		case 'GeometryCollection':
			return { ...geometry, geometries: geometry.geometries.map((g) => thin(g, step)) };
		default:
			return geometry;
	}
}
