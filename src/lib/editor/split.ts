// A geojson.io export often mixes points and lines (a checkpoint and the road to it): a layer is
// drawn as one kind, so the editor opens such a file as one draft per kind, each its own file.
import type { Feature, FeatureCollection } from 'geojson';
import { KIND_OF_GEOMETRY } from './draftLayer';
import type { Kind } from '../manifest/schema';

/** What each part's file is called after: `checkpoints.geojson` → `checkpoints-points.geojson`. */
const PART: Partial<Record<Kind, string>> = { point: 'points', line: 'lines', fill: 'areas' };

export type Part = { name: string; kind: Kind; text: string; count: number };

/**
 * The file's features by the kind of layer that can draw them, one GeoJSON file each, when it
 * holds more than one kind; null otherwise (one kind, not a collection, or not JSON: the usual
 * check says what is wrong). A feature without geometry stays with the first part.
 *
 * @example
 * splitByKind(text, 'checkpoints.geojson') // [{ name: 'checkpoints-points.geojson', kind: 'point', count: 1, … }, { name: 'checkpoints-lines.geojson', … }]
 */
export function splitByKind(text: string, name: string): Part[] | null {
	let json: FeatureCollection;
	try {
		json = JSON.parse(text.replace(/^\uFEFF/, ''));
	} catch {
		return null;
	}
	if (json?.type !== 'FeatureCollection' || !Array.isArray(json.features)) return null;
	const groups = new Map<Kind, Feature[]>();
	for (const f of json.features) {
		const kind = KIND_OF_GEOMETRY[f?.geometry?.type ?? ''];
		if (kind) groups.set(kind, [...(groups.get(kind) ?? []), f]);
	}
	if (groups.size < 2) return null;
	const stray = json.features.filter((f) => !KIND_OF_GEOMETRY[f?.geometry?.type ?? '']);
	const base = name.replace(/\.(geo)?json$/i, '');
	// the collection's other members (its name, crs, bbox) go with every part
	const members: Record<string, unknown> = { ...json };
	delete members.features;
	return [...groups].map(([kind, features], i) => {
		const all = i === 0 ? [...features, ...stray] : features;
		return { name: `${base}-${PART[kind]}.geojson`, kind, count: all.length, text: JSON.stringify({ ...members, features: all }, null, 2) };
	});
}
