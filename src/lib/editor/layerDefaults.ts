// What a journalist's ordinary file lacks and the layer can say once for all its features: a name
// from a chosen column (or a readable one, "Proposed buffer zones 2", with a warning), a row's own
// `url` column as its source, the layer's source where a feature gives none, and geojson.io's
// simplestyle colour (`fill`, `stroke`, `marker-color`) as the layer's colour. Run before
// `forgive`, which turns the sources into bibliography entries and fills confidence and as-of.
// The command's `add` runs it only when the editor gives a layer-level choice; without one, a file
// is judged as it is.
import type { FeatureCollection } from 'geojson';
import type { Problem } from '../manifest/errors';
import type { NewSource } from './forgive';
import { KIND_OF_GEOMETRY } from './draftLayer';
import type { Kind } from '../manifest/schema';
import { isVisibleText } from '../manifest/schema';

export type LayerChoices = {
	/** the layer's title: a feature with no name is called after it */
	title: string;
	/** the column (property) a feature's name comes from */
	nameFrom?: string;
	/** the sources (keys or addresses) of a feature that cites none */
	sources?: string[];
	/** take only the features a layer of this kind draws (a file of points and lines added once for each) */
	onlyKind?: Kind;
};

export type Defaulted = {
	/** the colour every feature's simplestyle gives, where they agree: the layer's colour */
	color: string | null;
	warnings: Problem[];
};

const SIMPLESTYLE = ['fill', 'marker-color', 'stroke'] as const;
const COLOUR = /^#[0-9a-f]{6}$/i;
const URL_PATTERN = /^https?:\/\/\S+$/i;

/**
 * Fills in, in place, what `collection`'s features lack and the layer's choices give; returns the
 * colour their simplestyle agrees on and a warning for each kind of change.
 *
 * @example
 * applyLayerChoices(json, { title: 'Logistics points', nameFrom: 'place', sources: ['https://example.org/story'] }, 'points.csv')
 */
export function applyLayerChoices(collection: FeatureCollection, choices: LayerChoices, file: string): Defaulted {
	const warnings: Problem[] = [];
	if (choices.onlyKind && Array.isArray(collection?.features)) {
		const kind = choices.onlyKind;
		const left = collection.features.filter((f) => KIND_OF_GEOMETRY[f?.geometry?.type ?? ''] !== kind && f?.geometry);
		if (left.length) {
			collection.features = collection.features.filter((f) => !left.includes(f));
			const types = [...new Set(left.map((f) => f.geometry.type))].join(', ');
			warnings.push({
				file,
				field: 'geometry',
				message: `${left.length} feature${left.length === 1 ? '' : 's'} (${types}) left out: a ${kind} layer does not draw them; add the file again with their kind`
			});
		}
	}
	const features = Array.isArray(collection?.features) ? collection.features : [];
	const colours = new Set<string>();
	let named = 0;
	let fromColumn = 0;
	let fromUrl = 0;
	let fromLayer = 0;
	let missingColumn = 0;
	features.forEach((feature, i) => {
		if (typeof feature !== 'object' || feature === null) return;
		if (feature.properties === null || typeof feature.properties !== 'object') feature.properties = {};
		const p = feature.properties as Record<string, unknown>;
		if (choices.nameFrom) {
			const value = p[choices.nameFrom];
			if (isVisibleText(value)) {
				if (choices.nameFrom !== 'name') fromColumn++;
				p.name = value.trim();
			} else missingColumn++;
		}
		if (!isVisibleText(p.name)) {
			p.name = `${choices.title} ${i + 1}`;
			named++;
		}
		const cites = p.sources !== undefined || p.source !== undefined;
		if (!cites && typeof p.url === 'string' && URL_PATTERN.test(p.url.trim())) {
			p.sources = [p.url.trim()];
			fromUrl++;
		} else if (!cites && choices.sources?.length) {
			p.sources = [...choices.sources];
			fromLayer++;
		}
		for (const key of SIMPLESTYLE) if (typeof p[key] === 'string' && COLOUR.test(p[key] as string)) colours.add((p[key] as string).toLowerCase());
	});
	const say = (field: string, message: string) => warnings.push({ file, field, message });
	const n = (count: number) => `${count} feature${count === 1 ? '' : 's'}`;
	if (missingColumn) say(`properties.${choices.nameFrom}`, `${n(missingColumn)} had nothing in the column "${choices.nameFrom}"`);
	if (named) say('properties.name', `${n(named)} had no name: each was called after the layer ("${choices.title} 1"); give them names in the form or the file`);
	if (fromColumn) say('properties.name', `${n(fromColumn)} named from the column "${choices.nameFrom}"`);
	if (fromUrl) say('properties.sources', `${n(fromUrl)} cite the address in their own "url" column`);
	if (fromLayer) say('properties.sources', `${n(fromLayer)} cited nothing: the layer's source was used`);
	const color = colours.size === 1 ? [...colours][0] : null;
	if (colours.size > 1) say('properties.fill', `the features' own colours differ (${[...colours].join(', ')}): the layer is drawn in one colour`);
	return { color, warnings };
}

/** Each cited source's first row date (a CSV's `date` column): the date of the story it cites, where nothing else says. Read before `forgive` turns addresses into keys. */
export function rowDatesOf(collection: FeatureCollection): Map<string, string> {
	const dates = new Map<string, string>();
	for (const f of Array.isArray(collection?.features) ? collection.features : []) {
		const p = f?.properties as Record<string, unknown> | null;
		const date = typeof p?.date === 'string' ? p.date : undefined;
		const cited = Array.isArray(p?.sources) ? p.sources : [p?.sources ?? p?.source];
		for (const s of cited) if (typeof s === 'string' && date && !dates.has(s.trim())) dates.set(s.trim(), date);
	}
	return dates;
}

/** A site's name from its address: "ft.com" for https://www.ft.com/content/… */
function siteName(url: string): string {
	try {
		return new URL(url).hostname.replace(/^www\./, '');
	} catch {
		return '';
	}
}

/** A new bibliography entry's publisher (the site) and date (its row's, else the layer's), where the file gives none. */
export function completeNewSources(list: NewSource[], rowDates: Map<string, string>, asOf: string | undefined): void {
	for (const s of list) {
		if (!s.publisher) s.publisher = siteName(s.url);
		if (!s.date) s.date = rowDates.get(s.from) ?? asOf ?? '';
	}
}
