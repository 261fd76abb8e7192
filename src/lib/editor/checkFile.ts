// The command's preparation (convert, normalise, check) run on an editor's file in the browser.
// Small files go through prepareLayer itself. A large GeoJSON file cannot: check-geojson and the
// validator's feature locator build an AST of the whole text, which for 50 MB takes 40 s and more
// than 4 GB, past what a browser tab may use. So a large collection is parsed once, and the same
// normalise and validateLayerData run on slices of a few hundred kilobytes, with every problem
// moved back to where its feature is in the editor's own file and progress reported per slice.
import turfBbox from '@turf/bbox';
import type { BBox, Feature, FeatureCollection } from 'geojson';
import { convertToGeoJSON, withoutBom, type Format } from './convert';
import { normalise } from '../geo/normalise';
import { guessKind } from './draftLayer';
import { rejectedFeatures } from './problems';
import { citableOf, forgive, type FeatureChange, type FeatureEdit, type LayerDefaults, type NewSource } from './forgive';
import { applyLayerChoices, completeNewSources, rowDatesOf, type LayerChoices } from './layerDefaults';
import { prepareLayer, stringify, swappedWarning } from './prepareLayer';
import { collectionMemberProblems, validateLayerData } from '../manifest/data';
import type { Problem } from '../manifest/errors';
import { featureOffsets, lineColumnAt } from '../manifest/textPositions';
import { countPositions, MAX_FEATURE_POSITIONS, tooManyPositions } from '../manifest/geojsonText';
import { parseJson as parseJsonText } from '../manifest/jsonSyntax';
import type { Bibliography, Kind, LayerDef } from '../manifest/schema';

export type LayerShape = Pick<LayerDef, 'kind' | 'file' | 'joinProperty' | 'radiusProperty'>;

export type Checked = {
	format: Format | null;
	/** the kind the file was checked as (guessed from its geometry when none was given) */
	kind: Kind;
	/** every feature, normalised, including those that break a rule; null when the file could not be read */
	data: FeatureCollection | null;
	/** indexes of the features named by a problem: listed, not drawn */
	rejected: number[];
	problems: Problem[];
	warnings: Problem[];
	/** what geodata/ would hold; null while there are problems */
	text: string | null;
	/** the bibliography entries the file asks for (sources given as addresses), when forgiving */
	newSources: NewSource[];
	/** what the editor's edits changed */
	changes: FeatureChange[];
	/** the colour the features' simplestyle agrees on, when the layer's choices were applied */
	color: string | null;
};

export type CheckOptions = {
	/** past this many characters a GeoJSON file is checked in slices */
	sliceAbove?: number;
	/** about how many characters of features each slice holds */
	sliceChars?: number;
	onProgress?: (done: number, total: number) => void;
	/** fill in what can safely be filled in (ids, new sources, the layer's confidence and date): the editor's way, never the command's */
	forgiving?: { defaults?: LayerDefaults; reviewed?: NewSource[]; edits?: FeatureEdit[]; choices?: LayerChoices };
};

/**
 * @example
 * const checked = checkLayerText(await file.text(), file.name, null, sources, { onProgress });
 */
export function checkLayerText(input: string, name: string, layer: LayerShape | null, sources: Bibliography, options: CheckOptions = {}): Checked {
	const text = withoutBom(input);
	const { sliceAbove = 2_000_000, forgiving } = options;
	let json: FeatureCollection | null = null;
	let newSources: NewSource[] = [];
	let changes: FeatureChange[] = [];
	let color: string | null = null;
	const amend = forgiving
		? (collection: FeatureCollection) => {
				// the layer's choices first (a name from a column, the layer's source), as the command's `add` does
				const chosen = forgiving.choices ? applyLayerChoices(collection, forgiving.choices, name) : null;
				const rowDates = rowDatesOf(collection);
				const forgiven = forgive(collection, { known: sources, file: name, ...forgiving });
				completeNewSources(forgiven.newSources, rowDates, forgiving.defaults?.asOf);
				newSources = forgiven.newSources;
				changes = forgiven.changes;
				color = chosen?.color ?? null;
				return { sources: citableOf(newSources), warnings: [...(chosen?.warnings ?? []), ...forgiven.warnings] };
			}
		: undefined;
	if (!/\.(csv|tsv)$/i.test(name) && text.trimStart().startsWith('{')) {
		// V8 says where the JSON breaks; check-geojson's parser would put it at 1:1
		const parsed = parseJson(text, name);
		if (parsed.problem)
			return {
				format: 'geojson',
				kind: layer?.kind ?? 'point',
				data: null,
				rejected: [],
				problems: [parsed.problem],
				warnings: [],
				text: null,
				newSources,
				changes,
				color
			};
		json = parsed.json;
		if (text.length > sliceAbove && json?.type === 'FeatureCollection' && Array.isArray(json.features)) {
			// the features keep their order and their place in the text: the slices' problems still point at them
			const amended = amend?.(json);
			const checked = checkInSlices(text, name, json, layer ?? { kind: guessKind(json), file: 'draft.geojson' }, { ...sources, ...amended?.sources }, options);
			return { ...checked, warnings: [...(amended?.warnings ?? []), ...checked.warnings], newSources, changes, color };
		}
	}
	let shape = layer;
	if (!shape) {
		// the kind decides which geometries pass, so it is guessed from the file before checking
		if (json?.type !== 'FeatureCollection') {
			const converted = convertToGeoJSON(text, name, { requireCoordinates: false });
			json = converted.text ? (parseJson(converted.text, name).json ?? null) : null;
		}
		const kind = guessKind(json);
		shape = { kind, file: 'draft.geojson', joinProperty: kind === 'choropleth' ? 'isoN3' : undefined };
	}
	const prepared = prepareLayer(text, name, shape, sources, amend);
	options.onProgress?.(1, 1);
	return {
		format: prepared.format,
		kind: shape.kind,
		data: prepared.data,
		rejected: rejectedFeatures(prepared.problems),
		problems: prepared.problems,
		warnings: prepared.warnings,
		text: prepared.text,
		newSources,
		changes,
		color
	};
}

/** The parsed file, or where JSON.parse stopped, with the line it stopped on. */
function parseJson(text: string, name: string): { json: FeatureCollection; problem?: never } | { problem: Problem; json?: never } {
	const parsed = parseJsonText(text, name);
	if (parsed.problem) return { problem: parsed.problem };
	if (parsed.problem === null) return { problem: { file: name, field: '', message: 'not valid JSON' } };
	return { json: parsed.json as FeatureCollection };
}

function checkInSlices(
	text: string,
	name: string,
	json: FeatureCollection,
	layer: LayerShape,
	sources: Bibliography,
	options: CheckOptions
): Omit<Checked, 'newSources' | 'changes' | 'color'> {
	const { sliceChars = 300_000, onProgress } = options;
	const features = json.features;
	const offsets = featureOffsets(text);
	const places = lineColumnAt(text, offsets);
	// the collection's own members (crs dropped with a warning) go through normalise once, alone
	const top = normalise({ ...json, features: [] });
	const { features: _none, ...members } = top.data;
	const warnings: Problem[] = top.warnings.map((w) => ({ ...w, file: name }));
	const problems: Problem[] = collectionMemberProblems(json).map((p) => ({ file: name, ...p }));
	const normalised: Feature[] = new Array(features.length);
	const firstWithId = new Map<string, number>();
	const boxes: BBox[] = [];
	const average = features.length ? text.length / features.length : 1;
	const perSlice = Math.max(1, Math.round(sliceChars / average));

	// a slice's problem, moved to the file: its feature from the slice's numbering to the file's,
	// with that feature's line and column (messages name features too: "already used by features[2]")
	const renumber = (s: string, from: number) => s.replace(/features\[(\d+)\]/g, (_, i) => `features[${from + Number(i)}]`);
	const relocate = ({ line: _line, column: _column, ...p }: Problem, from: number): Problem => {
		const feature = p.feature && { ...p.feature, index: from + p.feature.index };
		return { ...p, file: name, message: renumber(p.message, from), ...(feature ? { feature, ...places[feature.index] } : {}) };
	};
	// a feature past the limit is named and kept out of the checks, which would run out of memory on it
	const counts = features.map((f) => countPositions(f?.geometry));
	const tooBig = (index: number) => counts[index] > MAX_FEATURE_POSITIONS;
	const checkSlice = (from: number, to: number) => {
		const own = features.slice(from, to).map((f, i) => (tooBig(from + i) ? ({ ...f, geometry: null } as unknown as Feature) : f));
		const slice = normalise({ type: 'FeatureCollection', features: own });
		slice.data.features.forEach((f, i) => (normalised[from + i] = tooBig(from + i) ? features[from + i] : f));

		const boxed = slice.data.bbox !== undefined;
		if (boxed) boxes.push(slice.data.bbox!);
		warnings.push(...slice.warnings.map((w) => relocate(w, from)));
		const result = validateLayerData(stringify(slice.data), layer.file, layer, sources);
		if (result.data === null && to - from > 1) {
			// a structural problem: halve the slice until it is pinned on one feature
			const middle = from + Math.ceil((to - from) / 2);
			warnings.length -= slice.warnings.length;
			if (boxed) boxes.pop(); // only the box this slice pushed, if it had one
			checkSlice(from, middle);
			checkSlice(middle, to);
			return;
		}
		for (let i = from; i < to; i++)
			if (tooBig(i)) {
				const id = features[i]?.properties?.id;
				const feature = { index: i, ...(typeof id === 'string' ? { id } : {}) };
				problems.push({ file: name, ...places[i], feature, field: 'geometry.coordinates', message: tooManyPositions(counts[i]) });
			}
		for (const p of result.problems)
			problems.push(result.data === null ? { file: name, ...places[from], feature: { index: from }, field: '', message: p.message } : relocate(p, from));
		slice.data.features.forEach((f, i) => {
			const id = f?.properties?.id;
			if (typeof id !== 'string') return;
			const first = firstWithId.get(id);
			// the validator sees one slice at a time: an id used in an earlier slice is caught here
			if (first !== undefined && first < from)
				problems.push({
					file: name,
					...places[from + i],
					feature: { index: from + i, id },
					field: 'properties.id',
					message: `"${id}" is already used by features[${first}]`
				});
			else if (first === undefined) firstWithId.set(id, from + i);
		});
	};
	for (let from = 0; from < features.length; from += perSlice) {
		checkSlice(from, Math.min(features.length, from + perSlice));
		onProgress?.(Math.min(features.length, from + perSlice), features.length);
	}
	if (features.length === 0) problems.push({ file: name, field: '', message: 'the collection has no features' });
	const bbox = boxes.length ? unionOf(boxes) : undefined;
	const data: FeatureCollection = bbox ? { ...members, bbox, features: normalised } : { ...members, features: normalised };
	warnings.push(...swappedWarning(data, name));
	return {
		format: 'geojson',
		kind: layer.kind,
		data,
		rejected: rejectedFeatures(problems),
		problems,
		warnings,
		text: problems.length ? null : stringify(data)
	};
}

const unionOf = (boxes: BBox[]): BBox => [
	Math.min(...boxes.map((b) => b[0])),
	Math.min(...boxes.map((b) => b[1])),
	Math.max(...boxes.map((b) => b[2])),
	Math.max(...boxes.map((b) => b[3]))
];

/** Each feature's box, for framing it when its problem or its row is clicked. */
export const featureBoxes = (data: FeatureCollection | null): (BBox | null)[] =>
	(data?.features ?? []).map((f) => {
		try {
			return f?.geometry ? turfBbox(f) : null;
		} catch {
			return null;
		}
	});
