// A draft as the atlas sees it: the layer drawn on the map while it is edited, and the manifest
// entry it will become. Pure: no DOM, no storage.
import type { BBox, FeatureCollection } from 'geojson';
import { KINDS, MAX_LAYER_ID, type Kind, type LayerDef } from '../manifest/schema';
import type { LoadedLayer } from '../manifest/load';
import type { FeatureEdit, NewSource } from './forgive';

/** The editor's form: everything an editor chooses about a layer besides its data. */
export type DraftMeta = {
	/** the manifest id and file name to be */
	id: string;
	title: string;
	description: string;
	kind: Kind;
	color: string;
	opacity?: number;
	width?: number;
	radius?: number;
	dash?: boolean;
	tooltip: { property: string; label: string }[];
	sources: string[];
	asOf: string;
	/** zone only */
	radiusProperty?: string;
	/** choropleth only */
	joinProperty?: string;
	/** the confidence of every feature that gives none (not part of the manifest entry) */
	confidence?: string;
	/** the features are events (incursions): the time slider counts and filters them; false, their dates are facts on their cards */
	events?: boolean;
	/** the column every feature's name comes from (not part of the manifest entry) */
	nameFrom?: string;
	/** what a feature citing nothing cites: bibliography keys or web addresses (not part of the manifest entry) */
	featureSources?: string[];
	/** bibliography entries the file asks for, as reviewed in the form; written to geodata/sources.json with the layer */
	newSources?: NewSource[];
	/** a layer of the atlas opened to edit: its id, which saving replaces */
	editing?: string;
	/** the editor's changes to features of that layer */
	edits?: FeatureEdit[];
};

/** One draft kept in the browser: the file as dropped (stored beside it) and the form. */
export type Draft = {
	key: string;
	fileName: string;
	fileSize: number;
	createdAt: number;
	updatedAt: number;
	meta: DraftMeta;
	/** raised at each write, so two tabs never write over each other's changes (drafts.ts) */
	revision?: number;
};

const DRAFT_PREFIX = 'draft-';

/** A layer id from a file name: `Air Bases (2025).csv` → `air-bases-2025` (the command's own rule). */
export const slugOf = (fileName: string) =>
	fileName
		.replace(/^.*[\\/]/, '')
		.replace(/\.[^.]*$/, '')
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-+|-+$/g, '');

/** A layer id from a file name, cut to the longest an id may be (however long the name): `new-layer` from a name with no letters. */
export const layerIdOf = (fileName: string) => slugOf(fileName).slice(0, MAX_LAYER_ID).replace(/-+$/, '') || 'new-layer';

export const KIND_OF_GEOMETRY: Record<string, Kind> = {
	Point: 'point',
	MultiPoint: 'point',
	LineString: 'line',
	MultiLineString: 'line',
	Polygon: 'fill',
	MultiPolygon: 'fill'
};

/** The kind most of the features' geometries fit; rows with no geometry at all read as a choropleth. */
export function guessKind(collection: FeatureCollection | null): Kind {
	const counts = new Map<Kind, number>();
	for (const f of collection?.features ?? []) {
		const kind = KIND_OF_GEOMETRY[f?.geometry?.type ?? ''];
		if (kind) counts.set(kind, (counts.get(kind) ?? 0) + 1);
	}
	if (counts.size === 0) return collection?.features?.length ? 'choropleth' : 'point';
	return [...counts].sort((a, b) => b[1] - a[1])[0][0];
}

/** Every property name the features use, in first-seen order, for the tooltip's choices. */
export function propertyNames(collection: FeatureCollection | null, limit = 200): string[] {
	const names = new Set<string>();
	for (const f of collection?.features ?? []) {
		for (const key of Object.keys(f?.properties ?? {})) names.add(key);
		if (names.size >= limit) break;
	}
	return [...names];
}

/** A fresh form for a dropped file: the id from its name, the kind from its geometry. */
export function defaultMeta(fileName: string, kind: Kind, properties: string[] = []): DraftMeta {
	const id = layerIdOf(fileName);
	return {
		id,
		title: '',
		description: '',
		kind,
		color: '#c05621',
		tooltip: properties.includes('name') ? [{ property: 'name', label: 'Name' }] : [],
		sources: [],
		asOf: '',
		radiusProperty: kind === 'zone' ? 'radiusKm' : undefined,
		joinProperty: kind === 'choropleth' ? 'isoN3' : undefined
	};
}

/** The form for a layer of the atlas opened to edit: its manifest entry read back. */
export function metaOf(entry: Record<string, unknown>): DraftMeta {
	const style = (entry.style ?? {}) as Record<string, unknown>;
	const text = (value: unknown) => (typeof value === 'string' ? value : '');
	const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
	const kind = KINDS.includes(entry.kind as Kind) ? (entry.kind as Kind) : 'point';
	return {
		id: text(entry.id),
		title: text(entry.title),
		description: text(entry.description),
		kind,
		color: /^#[0-9a-f]{6}$/i.test(text(style.color)) ? text(style.color) : '#2b6cb0',
		opacity: number(style.opacity),
		width: number(style.width),
		radius: number(style.radius),
		dash: style.dash === true ? true : undefined,
		tooltip: Array.isArray(entry.tooltip) ? (entry.tooltip as DraftMeta['tooltip']) : [],
		sources: Array.isArray(entry.sources) ? entry.sources.map(String) : [],
		asOf: text(entry.asOf),
		events: typeof entry.events === 'boolean' ? entry.events : undefined,
		radiusProperty: kind === 'zone' ? text(entry.radiusProperty) || 'radiusKm' : undefined,
		joinProperty: kind === 'choropleth' ? text(entry.joinProperty) || 'isoN3' : undefined,
		editing: text(entry.id)
	};
}

/** The fields that change which features pass: a new kind means checking the file again. */
export const checkedShape = (meta: DraftMeta) => ({
	kind: meta.kind,
	file: `${meta.id || 'draft'}.geojson`,
	radiusProperty: meta.radiusProperty,
	joinProperty: meta.joinProperty
});

// the order the atlas's own entries are written in, so a new entry reads like its neighbours
/** The order the atlas's own manifest entries are written in, so a new one reads like its neighbours. */
export const MANIFEST_ORDER = [
	'id',
	'title',
	'description',
	'kind',
	'renderer',
	'file',
	'joinProperty',
	'radiusProperty',
	'style',
	'legend',
	'tooltip',
	'visible',
	'events',
	'sources',
	'asOf',
	'dateLabel'
];

/** The entry geodata/layers.json will hold, with empty fields left out so the validator names them. */
export function manifestEntry(meta: DraftMeta): Record<string, unknown> {
	const style = Object.fromEntries(
		Object.entries({ color: meta.color, opacity: meta.opacity, width: meta.width, radius: meta.radius, dash: meta.dash || undefined }).filter(
			([, v]) => v !== undefined && v !== ''
		)
	);
	const entry: Record<string, unknown> = {
		id: meta.id,
		title: meta.title.trim(),
		description: meta.description.trim() || undefined,
		kind: meta.kind,
		file: `${meta.id}.geojson`,
		joinProperty: meta.kind === 'choropleth' ? meta.joinProperty : undefined,
		radiusProperty: meta.kind === 'zone' ? meta.radiusProperty : undefined,
		style,
		tooltip: meta.tooltip.length ? meta.tooltip.map((t) => ({ property: t.property, label: t.label.trim() || t.property })) : undefined,
		events: meta.events,
		sources: meta.sources,
		asOf: meta.asOf || undefined
	};
	return Object.fromEntries(MANIFEST_ORDER.filter((key) => entry[key] !== undefined).map((key) => [key, entry[key]]));
}

/**
 * The draft drawn on the real atlas: its id prefixed so it never clashes with a manifest layer,
 * and whatever the form lacks filled in, since a half-filled form must still preview.
 */
export function draftLayer(meta: DraftMeta, data: FeatureCollection, fileName: string): LoadedLayer {
	const entry = manifestEntry(meta) as Partial<LayerDef>;
	const def: LayerDef = {
		...entry,
		id: `${DRAFT_PREFIX}${meta.id || 'layer'}`,
		title: meta.title.trim() || fileName,
		kind: KINDS.includes(meta.kind) ? meta.kind : 'point',
		file: entry.file ?? 'draft.geojson',
		style: entry.style ?? {},
		sources: meta.sources,
		visible: true
	};
	return { index: -1, def, data, problems: [] };
}

/** The box to frame for one feature, or null when it has no place on the map. */
export function frameOf(boxes: (BBox | null)[], index: number): [number, number, number, number] | null {
	const box = boxes[index];
	if (!box || box.length < 4 || !box.every(Number.isFinite)) return null;
	return box.length === 6 ? [box[0], box[1], box[3], box[4]] : (box.slice(0, 4) as [number, number, number, number]);
}
