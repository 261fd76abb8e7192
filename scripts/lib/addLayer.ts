// `npm run layer -- add`: an editor's file into geodata/ and its entry into the manifest, both or
// neither. Returns what it did or why it did nothing; the command prints it.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { validateBibliography, validateLayerEntry } from '../../src/lib/manifest/validate';
import { KINDS, layerIdProblem, type Bibliography, type Kind, type LayerDef } from '../../src/lib/manifest/schema';
import { problem, type Problem } from '../../src/lib/manifest/errors';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { SLICE_ABOVE } from '../../src/lib/manifest/geojsonText';
// one rule for a layer id from a file name, shared with the browser editor
import { layerIdOf, MANIFEST_ORDER, slugOf } from '../../src/lib/editor/draftLayer';
import { writeFilesAtomically, type StepHook } from './atomicWrite';
import { convertToGeoJSON } from '../../src/lib/editor/convert';
import { isTimed } from '../../src/lib/time/timeline';
import { applyLayerChoices, completeNewSources, rowDatesOf } from '../../src/lib/editor/layerDefaults';
import { citableOf, forgive, newSourceProblems, sourceEntry, type NewSource } from '../../src/lib/editor/forgive';

export type AddOptions = {
	input: string;
	/** how the editor named the file, for messages */
	inputName?: string;
	id?: string;
	title?: string;
	kind?: string;
	/** keys of geodata/sources.json, or addresses (which become entries), for the layer and every feature citing nothing */
	sources?: string[];
	/** every feature without a confidence gets this one */
	confidence?: string;
	/** the column (property) features are named from */
	nameFrom?: string;
	/** only the features the layer's kind draws are taken (the rest are left out, with a warning) */
	onlyKind?: boolean;
	/** the features' dates are events the time slider counts (incursions), not facts about places */
	events?: boolean;
	description?: string;
	asOf?: string;
	color?: string;
	renderer?: string;
	radiusProperty?: string;
	joinProperty?: string;
	/** style fields beyond the colour (opacity, width, radius, dash…), checked like the manifest's */
	style?: Record<string, unknown>;
	/** the properties the card lists, with their labels */
	tooltip?: { property: string; label: string }[];
	force?: boolean;
};

/** `read`: what the file was read as, said before the warnings about it. */
export type AddResult = { read: string | null; problems: Problem[]; warnings: Problem[]; done: string[] };

const MANIFEST = 'geodata/layers.json';
const FORMAT_NAMES = { geojson: 'GeoJSON', topojson: 'TopoJSON', csv: 'CSV' };
// a manifest field the command sets is reported by the flag that sets it
const FLAGS: Record<string, string> = {
	id: '--id',
	file: '--id',
	title: '--title',
	description: '--description',
	kind: '--kind',
	renderer: '--renderer',
	'style.color': '--color',
	asOf: '--as-of',
	sources: '--source',
	confidence: '--confidence',
	radiusProperty: '--radius-property',
	joinProperty: '--join-property'
};

/** `onProgress`: a large file is checked in slices, and says how far it has got after each. */
export type AddHooks = { onStep?: StepHook; onProgress?: (done: number, total: number) => void };

export async function addLayer(options: AddOptions, root: string, hooks: AddHooks = {}): Promise<AddResult> {
	const name = options.inputName ?? options.input;
	const nothing = (problems: Problem[], warnings: Problem[] = [], read: string | null = null): AddResult => ({ read, problems, warnings, done: [] });
	if (!existsSync(options.input)) return nothing([problem(name, '', 'not found')]);
	const bibliography = validateBibliography(await readJson(join(root, 'sources.json')));
	const manifest = await readManifest(root);
	if ('problems' in manifest) return nothing(manifest.problems);

	const id = options.id ?? layerIdOf(name);
	const place = placeOf(manifest, id, root, options.force === true);
	if ('problems' in place) return nothing(place.problems);
	const { file, index } = place;

	// an address given with --source becomes a bibliography entry; the layer cites its key
	const addresses = (options.sources ?? []).filter((s) => URL_PATTERN.test(s));
	const sourceKeys = options.sources?.filter((s) => !URL_PATTERN.test(s));
	const kept = index >= 0 ? manifest.layers[index] : { style: {} };
	const entry = entryOf(options, kept, { id, file, sources: addresses.length ? undefined : sourceKeys });
	// an unknown kind is reported with the entry's other fields; the data cannot be checked without one
	const kind = KINDS.includes(entry.kind as never) ? (entry.kind as LayerDef['kind']) : null;

	// the layer-level choices (a source, a confidence, an as-of date, a name column) fill what the
	// file's features lack, as the editor's form does; without one the file is judged as it is
	const raw = await readFile(options.input, 'utf8');
	const chosen = addresses.length > 0 || options.confidence !== undefined || options.nameFrom !== undefined || options.onlyKind === true;
	const filled = kind && chosen ? fillFromChoices(raw, name, options, bibliography.citable, [...(sourceKeys ?? []), ...addresses]) : null;
	if (filled?.problems.length) return nothing(filled.problems);
	if (filled?.color && options.color === undefined && !(kept.style as { color?: string })?.color)
		entry.style = { ...(entry.style as object), color: filled.color };
	const citable = { ...bibliography.citable, ...citableOf(filled?.newSources ?? []) };
	if (filled && entry.sources === undefined && addresses.length)
		entry.sources = [...(sourceKeys ?? []), ...filled.newSources.filter((s) => addresses.includes(s.from)).map((s) => s.key)];
	const prepared = kind
		? prepareFile(
				filled?.text ?? raw,
				filled ? name.replace(/\.(csv|tsv|topojson|json)$/i, '.geojson') : name,
				{ kind, file, radiusProperty: entry.radiusProperty as string, joinProperty: entry.joinProperty as string },
				citable,
				hooks.onProgress
			)
		: null;
	// a layer cites what its features cite, unless the editor says otherwise; an unknown key is the feature's problem
	if (entry.sources === undefined) entry.sources = prepared?.data ? citedBy(prepared.data).filter((key) => Object.hasOwn(citable, key)) : [];
	const read = prepared?.format ? `read ${name} (${FORMAT_NAMES[prepared.format]})` : null;
	const at = index >= 0 ? index : manifest.layers.length;
	// sources taken from the features can only be missing when features break a rule, which is reported already
	const echo = (p: Problem) => options.sources === undefined && p.field === '--source';
	const problems = [...entryProblems(entry, at, citable).filter((p) => !echo(p)), ...(prepared?.problems ?? [])];
	if (problems.length > 0 || !prepared?.text || !prepared.data) return nothing(problems, [...(filled?.warnings ?? []), ...(prepared?.warnings ?? [])], read);

	const warnings = [...(filled?.warnings ?? []), ...prepared.warnings, ...dateTheLayer(entry, prepared.data, options.events === true)];
	const newSources = filled?.newSources ?? [];
	await writeLayer(root, manifest, { at, entry, file, text: prepared.text, newSources }, hooks);
	return {
		read,
		problems: [],
		warnings,
		done: [
			`wrote geodata/${file}: ${geometrySummary(prepared.data)}${prepared.data.bbox ? `, bbox [${prepared.data.bbox.join(', ')}]` : ''}`,
			`${index >= 0 ? 'replaced' : 'added'} layers[${at}] "${id}" (${kind}) in ${MANIFEST}, citing ${(entry.sources as string[]).join(', ')}`,
			...newSources.map((s) => `added "${s.key}" to geodata/sources.json: ${s.publisher}, "${s.title}", ${s.date} (${s.url}): check its title`)
		]
	};
}

type Manifest = { version: number; layers: Record<string, unknown>[] };

/** geodata/layers.json as it is, or why it cannot be added to. */
async function readManifest(root: string): Promise<Manifest | { problems: Problem[] }> {
	const manifestText = await readFile(join(root, 'layers.json'), 'utf8').catch(() => null);
	try {
		const manifest = JSON.parse(manifestText ?? '') as Manifest;
		if (!Array.isArray(manifest.layers)) throw new Error('no "layers" list');
		return manifest;
	} catch (error) {
		return {
			problems: [
				{
					file: MANIFEST,
					field: '',
					message: manifestText === null ? 'not found' : `not readable (${(error as Error).message}): fix it first, \`npm run layer -- check\` says how`
				}
			]
		};
	}
}

/** The layer's file and its place in the manifest (-1: new), or why it cannot go there. */
function placeOf(manifest: Manifest, id: string, root: string, force: boolean): { file: string; index: number } | { problems: Problem[] } {
	// the id becomes a file name: nothing but a slug short enough for one may reach the file system
	const idProblem = layerIdProblem(id);
	if (idProblem) return { problems: [{ file: '', field: '--id', message: idProblem }] };
	const file = `${id}.geojson`;
	const index = manifest.layers.findIndex((l) => l.id === id);
	const owner = manifest.layers.findIndex((l) => l.file === file && l.id !== id);
	if (owner >= 0)
		return {
			problems: [
				{ file: MANIFEST, field: `layers[${owner}].file`, message: `geodata/${file} belongs to layer "${manifest.layers[owner].id}": choose another --id` }
			]
		};
	if (!force && index >= 0)
		return {
			problems: [
				{
					file: MANIFEST,
					field: `layers[${index}]`,
					message: `a layer "${id}" already exists: pass --force to replace its data (fields you do not pass are kept)`
				}
			]
		};
	if (!force && existsSync(join(root, file)))
		return { problems: [{ file: `geodata/${file}`, field: '', message: 'already exists, though no layer uses it: pass --force to replace it' }] };
	return { file, index };
}

/** The manifest entry: the kept one's fields, with what the options give over them. */
function entryOf(
	options: AddOptions,
	kept: Record<string, unknown>,
	{ id, file, sources }: { id: string; file: string; sources: string[] | undefined }
): Record<string, unknown> {
	const given = {
		id,
		title: options.title,
		description: options.description,
		kind: options.kind,
		renderer: options.renderer,
		file,
		asOf: options.asOf,
		sources,
		// the kinds that read a property need its name: these are the ones the atlas's own layers use
		radiusProperty: options.radiusProperty ?? (options.kind === 'zone' ? 'radiusKm' : undefined),
		joinProperty: options.joinProperty ?? (options.kind === 'choropleth' ? 'isoN3' : undefined)
	};
	const entry: Record<string, unknown> = inManifestOrder({ ...kept, ...definedOnly(given) });
	if (options.style !== undefined) entry.style = { ...(kept.style as object), ...options.style };
	if (options.color !== undefined) entry.style = { ...(entry.style as object), color: options.color };
	if (options.tooltip !== undefined) entry.tooltip = options.tooltip;
	return entry;
}

/**
 * The entry's `asOf` and `events` where the options left them out, and a warning for each: every
 * layer says how current it is, and a date column makes no layer an event layer by itself.
 */
function dateTheLayer(entry: Record<string, unknown>, data: FeatureCollection, events: boolean): Problem[] {
	const warnings: Problem[] = [];
	// without --as-of, the latest date its features were checked
	if (entry.asOf === undefined) {
		entry.asOf = latestAsOf(data);
		warnings.push({ file: '', field: '--as-of', message: `not given: the layer is as of ${entry.asOf}, the latest asOf of its features` });
	}
	// logistics points are not incursions
	if (events) entry.events = true;
	else if (entry.events === undefined && isTimed(data.features)) {
		entry.events = false;
		warnings.push({
			file: '',
			field: '--events',
			message: "not given: the features' dates are shown on their cards, and the time slider neither counts nor filters them (pass --events for incidents)"
		});
	}
	return warnings;
}

/** The layer's file, the manifest with its entry and any new bibliography entries, in one atomic write. */
async function writeLayer(
	root: string,
	manifest: Manifest,
	{ at, entry, file, text, newSources }: { at: number; entry: Record<string, unknown>; file: string; text: string; newSources: NewSource[] },
	hooks: AddHooks
): Promise<void> {
	const layers = [...manifest.layers];
	layers[at] = inManifestOrder(entry);
	const sourcesFile = newSources.length
		? [
				{
					name: 'sources.json',
					content: JSON.stringify(withEntries((await readJson(join(root, 'sources.json'))) as Record<string, unknown>, newSources), null, '\t') + '\n'
				}
			]
		: [];
	await writeFilesAtomically(
		root,
		[{ name: file, content: text }, { name: 'layers.json', content: JSON.stringify({ ...manifest, layers }, null, '\t') + '\n' }, ...sourcesFile],
		hooks
	);
}

/** A large file goes the editor's way, in slices: checked whole, it would need 80 times its size. */
function prepareFile(input: string, name: string, layer: Parameters<typeof prepareLayer>[2], sources: Bibliography, onProgress?: AddHooks['onProgress']) {
	return input.length > SLICE_ABOVE ? checkLayerText(input, name, layer, sources, { onProgress }) : prepareLayer(input, name, layer, sources);
}

async function readJson(path: string): Promise<unknown> {
	try {
		return JSON.parse(await readFile(path, 'utf8'));
	} catch {
		// reported as "an object keyed by source id expected"; `check` says more
		return null;
	}
}

// the order the atlas's own entries are written in, so a new entry reads like its neighbours
const ORDER: readonly string[] = MANIFEST_ORDER;
const inManifestOrder = (entry: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (ORDER.indexOf(a) + 1 || ORDER.length + 1) - (ORDER.indexOf(b) + 1 || ORDER.length + 1)));
const definedOnly = (record: Record<string, unknown>) => Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined));
const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** The latest of the features' asOf dates (every feature that passed the checks has one). */
function latestAsOf(data: FeatureCollection): string {
	return data.features
		.map((f) => String(f.properties?.asOf ?? ''))
		.sort()
		.at(-1)!;
}

function citedBy(data: FeatureCollection): string[] {
	return [...new Set(data.features.flatMap((f) => (Array.isArray(f.properties?.sources) ? f.properties.sources : [])))].filter((s) => typeof s === 'string');
}

/** The entry's problems, each named by the flag that sets the field; unknown sources are named even when another field fails the schema. */
function entryProblems(entry: Record<string, unknown>, index: number, sources: Bibliography): Problem[] {
	const unknownSource = (p: Problem) => p.field.startsWith('sources[') && p.message.endsWith('is not in geodata/sources.json');
	const problems = validateLayerEntry(entry, { sources })
		.problems.filter((p) => !unknownSource(p))
		.map((p) => byFlag(p, index));
	const cited = Array.isArray(entry.sources) ? (entry.sources as unknown[]) : [];
	const unknown = cited.filter((key): key is string => typeof key === 'string' && key !== '' && !Object.hasOwn(sources, key));
	return [...problems, ...unknown.map((key) => problem('', '--source', `"${key}" is not in geodata/sources.json`))];
}

/** An entry's problem at `style.color` → at `--color`; a field no flag sets keeps its place in the manifest. */
function byFlag(p: Problem, index: number): Problem {
	const flag = FLAGS[p.field] ?? FLAGS[p.field.split('[')[0]];
	return flag ? problem('', flag, p.message) : { ...p, field: p.field ? `layers[${index}].${p.field}` : `layers[${index}]` };
}

function geometrySummary(data: FeatureCollection): string {
	const types = new Map<string, number>();
	for (const f of data.features) types.set(f.geometry?.type ?? 'no geometry', (types.get(f.geometry?.type ?? 'no geometry') ?? 0) + 1);
	return `${count(data.features.length, 'feature')} (${[...types].map(([type, n]) => `${type}: ${n}`).join(', ')})`;
}

const URL_PATTERN = /^https?:\/\/\S+$/i;

/**
 * The file with the layer's choices applied, as GeoJSON text: names, sources, confidence and as-of
 * filled where its features give none, the addresses turned into new bibliography entries (the
 * site's name as publisher where the bibliography does not know it, the row's date where the
 * address gives none). Problems: the file could not be read, or an entry cannot be made.
 */
function fillFromChoices(raw: string, name: string, options: AddOptions, known: Bibliography, sources: string[]) {
	const converted = convertToGeoJSON(raw, name);
	if (!converted.text || converted.problems.length) return { problems: converted.problems, warnings: [], newSources: [], text: null, color: null };
	let json: FeatureCollection;
	try {
		json = JSON.parse(converted.text);
	} catch {
		// broken JSON is reported, with its line and column, by the usual check of the file as given
		return null;
	}
	const choices = applyLayerChoices(
		json,
		{
			title: options.title ?? slugOf(name),
			nameFrom: options.nameFrom,
			sources,
			...(options.onlyKind && options.kind ? { onlyKind: options.kind as Kind } : {})
		},
		name
	);
	const rowDates = rowDatesOf(json);
	const forgiven = forgive(json, { known, file: name, defaults: { confidence: options.confidence, asOf: options.asOf } });
	completeNewSources(forgiven.newSources, rowDates, options.asOf);
	return {
		problems: newSourceProblems(forgiven.newSources, known),
		warnings: [...choices.warnings, ...forgiven.warnings],
		newSources: forgiven.newSources,
		text: JSON.stringify(json, null, 2),
		color: choices.color
	};
}

/** The bibliography with the new entries: in key order where the file keeps its keys in order, else at its end. */
function withEntries(bibliography: Record<string, unknown>, added: NewSource[]): Record<string, unknown> {
	const keys = Object.keys(bibliography);
	const sorted = keys.every((key, i) => i === 0 || keys[i - 1] < key);
	const all: Record<string, unknown> = { ...bibliography };
	for (const s of added) all[s.key] = sourceEntry(s);
	return sorted ? Object.fromEntries(Object.entries(all).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : all;
}
