// A publish bundle into geodata/: the layer file, its manifest entry and its new bibliography
// entries, written together through the journal (all or none), after the build's own checks of
// geodata/ as it would be. The one path for `npm run layer -- apply`, the dev server's save and
// `npm run editor`'s save, so the three cannot disagree.
import { existsSync, realpathSync } from 'node:fs';
import { lstat, readFile } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { readBundle, type PublishBundle } from '../../src/lib/editor/bundle';
import { MANIFEST_ORDER } from '../../src/lib/editor/draftLayer';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { problem, type Problem } from '../../src/lib/manifest/errors';
import { KINDS, layerIdProblem, sourceKeyProblem, type LayerDef } from '../../src/lib/manifest/schema';
import { validateBibliography, validateLayerEntry } from '../../src/lib/manifest/validate';
import { writeFilesAtomically, type StepHook } from './atomicWrite';
import { checkGeodata } from './checkGeodata';

export type ApplyResult = {
	problems: Problem[];
	warnings: Problem[];
	done: string[];
	/** the files written, relative to geodata/ (empty when nothing was) */
	written: string[];
	/** the layer's id and title and who made the bundle: for a commit message */
	layer?: { id: string; title: string; replaced: boolean; editor?: string };
};

const MANIFEST = 'geodata/layers.json';
const SOURCES = 'geodata/sources.json';

/**
 * @example
 * const result = await applyBundle(JSON.parse(text), 'geodata', { name: 'depots.bundle.json' });
 */
export async function applyBundle(json: unknown, root: string, options: { name: string; onStep?: StepHook }): Promise<ApplyResult> {
	const nothing = (problems: Problem[], warnings: Problem[] = []): ApplyResult => ({ problems, warnings, done: [], written: [] });
	const read = readBundle(json, options.name);
	if (!read.bundle) return nothing(read.problems);
	const bundle: PublishBundle = read.bundle;
	const where = (field: string, message: string) => problem(options.name, field, message);

	// where it writes: only plain files directly in geodata/, named from slugs
	const idProblem = layerIdProblem(bundle.entry.id);
	if (idProblem) return nothing([where('entry.id', idProblem)]);
	const id = bundle.entry.id as string;
	const file = `${id}.geojson`;
	if (bundle.entry.file !== file)
		return nothing([where('entry.file', `"${file}" expected (a layer's file is named after its id, in geodata/), ${JSON.stringify(bundle.entry.file)} found`)]);
	const outside = await notInside(root, [file, 'layers.json', 'sources.json']);
	if (outside) return nothing([outside]);

	let manifestText: string, bibliographyText: string;
	let manifest: { layers: Record<string, unknown>[] } & Record<string, unknown>;
	let bibliography: Record<string, unknown>;
	try {
		[manifestText, bibliographyText] = await Promise.all([readFile(join(root, 'layers.json'), 'utf8'), readFile(join(root, 'sources.json'), 'utf8')]);
		manifest = JSON.parse(manifestText);
		bibliography = JSON.parse(bibliographyText);
		if (!Array.isArray(manifest.layers)) throw new Error('no "layers" list');
	} catch (error) {
		return nothing([problem('geodata', '', `not readable (${(error as Error).message}): fix it first, \`npm run layer -- check\` says how`)]);
	}

	// the new sources: each a new key, or one already there with the very same content (a bundle applied twice)
	const problems: Problem[] = [];
	const added: string[] = [];
	for (const [key, entry] of Object.entries(bundle.sources)) {
		const badKey = sourceKeyProblem(key);
		if (badKey) problems.push(problem(SOURCES, key, badKey));
		else if (!Object.hasOwn(bibliography, key)) added.push(key);
		else if (JSON.stringify(bibliography[key]) !== JSON.stringify(entry))
			problems.push(problem(SOURCES, key, 'already in geodata/sources.json with other content: rename the new source in the editor'));
	}
	problems.push(...validateBibliography(Object.fromEntries(added.map((key) => [key, bundle.sources[key]]))).problems);
	const nextSources = { ...bibliography, ...Object.fromEntries(added.map((key) => [key, bundle.sources[key]])) };
	const citable = validateBibliography(nextSources).citable;

	// the entry: a new layer, or the one it replaces with the fields it does not set kept
	const index = manifest.layers.findIndex((l) => l.id === id);
	const owner = manifest.layers.findIndex((l) => l.file === file && l.id !== id);
	if (owner >= 0)
		problems.push(problem(MANIFEST, `layers[${owner}].file`, `geodata/${file} belongs to layer "${manifest.layers[owner].id}": choose another id`));
	if (index >= 0 && !bundle.replace)
		problems.push(problem(MANIFEST, `layers[${index}]`, `a layer "${id}" already exists: tick "Replace the layer" in the editor to replace it`));
	if (index < 0 && !bundle.replace && existsSync(join(root, file)))
		problems.push(problem(`geodata/${file}`, '', 'already exists, though no layer uses it: tick "Replace the layer" to replace it'));
	const kept = index >= 0 ? manifest.layers[index] : {};
	// the editor's form knows the colour, opacity, width, radius and dash: the rest of a style (hatch, categories) is kept
	const style = typeof kept.style === 'object' && typeof bundle.entry.style === 'object' ? { style: { ...kept.style, ...bundle.entry.style } } : {};
	const entry = inManifestOrder({ ...kept, ...bundle.entry, ...style });
	const at = index >= 0 ? index : manifest.layers.length;
	problems.push(
		...validateLayerEntry(entry, { sources: citable }).problems.map((p) => ({ ...p, field: p.field ? `layers[${at}].${p.field}` : `layers[${at}]` }))
	);
	const kind = KINDS.includes(entry.kind as never) ? (entry.kind as LayerDef['kind']) : null;
	if (!kind || problems.length > 0) return nothing(problems);

	// the layer: the command's own preparation, against the bibliography as it will be
	const prepared = prepareLayer(
		JSON.stringify(bundle.data),
		`${options.name}: data`,
		{ kind, file, radiusProperty: entry.radiusProperty as string | undefined, joinProperty: entry.joinProperty as string | undefined },
		citable
	);
	if (prepared.problems.length > 0 || prepared.text === null) return nothing(prepared.problems, prepared.warnings);

	const layers = [...manifest.layers];
	layers[at] = entry;
	const files = [
		{ name: file, content: prepared.text },
		...(added.length ? [{ name: 'sources.json', content: sourcesText(bibliography, nextSources) }] : []),
		{ name: 'layers.json', content: JSON.stringify({ ...manifest, layers }, null, '\t') + '\n' }
	];
	// the build's checks, of geodata/ as it will be, before a byte is written
	const checked = await checkGeodata(root, Object.fromEntries(files.map((f) => [f.name, f.content])));
	if (checked.problems.length > 0) return nothing(checked.problems, prepared.warnings);
	await writeFilesAtomically(root, files, { onStep: options.onStep });
	const title = String(entry.title);
	return {
		problems: [],
		warnings: prepared.warnings,
		done: [
			`wrote geodata/${file}: ${prepared.data!.features.length} features`,
			`${index >= 0 ? 'replaced' : 'added'} layers[${at}] "${id}" (${kind}) in ${MANIFEST}`,
			...(added.length ? [`added ${added.length} source(s) to ${SOURCES}: ${added.join(', ')}`] : []),
			`checked geodata/ as the build does: no problems`
		],
		written: files.map((f) => f.name),
		layer: { id, title, replaced: index >= 0, ...(bundle.editor ? { editor: bundle.editor } : {}) }
	};
}

/**
 * A problem when a file to be written is not a plain file directly inside `root`: a symbolic link
 * (it could point anywhere), or a path that resolves outside (`root` reached through a link is fine).
 */
async function notInside(root: string, names: string[]): Promise<Problem | null> {
	const real = realpathSync(root);
	for (const name of names) {
		const path = resolve(real, name);
		if (!path.startsWith(real + sep)) return problem(`geodata/${name}`, '', 'outside geodata/: refused');
		const stat = await lstat(path).catch(() => null);
		if (stat?.isSymbolicLink()) return problem(`geodata/${name}`, '', 'is a symbolic link: the editor writes only plain files inside geodata/, refused');
		if (stat && !stat.isFile()) return problem(`geodata/${name}`, '', 'is not a plain file: refused');
	}
	return null;
}

const ORDER: readonly string[] = MANIFEST_ORDER;
const inManifestOrder = (entry: Record<string, unknown>) =>
	Object.fromEntries(Object.entries(entry).sort(([a], [b]) => (ORDER.indexOf(a) + 1 || ORDER.length + 1) - (ORDER.indexOf(b) + 1 || ORDER.length + 1)));

/** The bibliography tab-indented; the new keys in their place when the file keeps its keys in order, else at the end. */
function sourcesText(before: Record<string, unknown>, after: Record<string, unknown>): string {
	const keys = Object.keys(before);
	const ordered = keys.every((key, i) => i === 0 || keys[i - 1] <= key);
	const all = ordered ? Object.keys(after).sort() : Object.keys(after);
	return JSON.stringify(Object.fromEntries(all.map((key) => [key, after[key]])), null, '\t') + '\n';
}
