// The publish bundle: everything a draft adds to geodata/ in one file (the layer, its manifest
// entry, the new bibliography entries), for an editor to send to whoever runs
// `npm run layer -- apply`, and what the editor's save sends to the save endpoint. Pure: made in
// the browser, read by the command.
import type { FeatureCollection } from 'geojson';
import type { Problem } from '../manifest/errors';
import { isVisibleText } from '../manifest/schema';
import { MAX_NESTING } from '../manifest/geojsonText';
import { manifestEntry, type DraftMeta } from './draftLayer';
import { sourceEntry } from './forgive';

export const BUNDLE_FORMAT = 'ukraine-atlas-publish-bundle';

export type PublishBundle = {
	format: typeof BUNDLE_FORMAT;
	version: 1;
	/** the manifest entry; its `file` is where `data` goes in geodata/ */
	entry: Record<string, unknown>;
	/** the layer's file as geodata/ will hold it */
	data: FeatureCollection;
	/** new entries of geodata/sources.json, by key */
	sources: Record<string, Record<string, string>>;
	/** whether it replaces a layer of the same id (fields of that entry it does not set are kept) */
	replace: boolean;
	/** who made it, for the commit message */
	editor?: string;
	/** when it was made (ISO 8601) */
	made: string;
};

/**
 * @example
 * const bundle = makeBundle(draft.meta, await output.text(), { replace: false, editor: 'Olena' });
 */
export function makeBundle(meta: DraftMeta, layerText: string, options: { replace: boolean; editor?: string }): PublishBundle {
	const cited = new Set(meta.sources);
	const data = JSON.parse(layerText) as FeatureCollection;
	for (const f of data.features) for (const key of (f.properties?.sources as unknown[]) ?? []) cited.add(String(key));
	// only the new entries something cites: one the editor renamed away from is not written
	const sources = Object.fromEntries((meta.newSources ?? []).filter((s) => cited.has(s.key)).map((s) => [s.key, sourceEntry(s)]));
	return {
		format: BUNDLE_FORMAT,
		version: 1,
		entry: manifestEntry(meta),
		data,
		sources,
		replace: options.replace,
		...(isVisibleText(options.editor) ? { editor: options.editor.trim() } : {}),
		made: new Date().toISOString()
	};
}

/** The bundle's text, tab-indented like geodata/'s files. */
export const bundleText = (bundle: PublishBundle) => JSON.stringify(bundle, null, '\t') + '\n';

/** The path of the first value nested deeper than `max` levels, or null; walked without recursion, so any depth is safe. */
function deeperThan(value: unknown, max: number): string | null {
	const stack: [unknown, string, number][] = [[value, '', 0]];
	while (stack.length > 0) {
		const [item, path, depth] = stack.pop()!;
		if (typeof item !== 'object' || item === null) continue;
		if (depth >= max) return path;
		for (const [key, child] of Object.entries(item)) stack.push([child, Array.isArray(item) ? `${path}[${key}]` : path ? `${path}.${key}` : key, depth + 1]);
	}
	return null;
}

/** A bundle read back, or what is wrong with its shape (its content is checked as a save would check it). */
export function readBundle(json: unknown, file: string): { bundle: PublishBundle; problems: [] } | { bundle: null; problems: Problem[] } {
	const fail = (field: string, message: string) => ({ bundle: null, problems: [{ file, field, message }] });
	if (typeof json !== 'object' || json === null || Array.isArray(json)) return fail('', 'a publish bundle (a JSON object) expected');
	const b = json as Record<string, unknown>;
	if (b.format !== BUNDLE_FORMAT) return fail('format', `"${BUNDLE_FORMAT}" expected, ${JSON.stringify(b.format)} found: not a publish bundle from the editor`);
	if (b.version !== 1) return fail('version', `1 expected, ${JSON.stringify(b.version)} found: made by a newer editor?`);
	// JSON.parse reads any depth, but every later step (JSON.stringify first) recurses: past the
	// stack it threw "Maximum call stack size exceeded", and a save answered a bare 500
	const deep = deeperThan(b, MAX_NESTING);
	if (deep !== null)
		return fail(
			deep.length > 100 ? `${deep.slice(0, deep.lastIndexOf(']', 100) + 1 || 100)}…` : deep,
			`nested too deeply: more than ${MAX_NESTING} levels of [ and { (GeoJSON needs fewer than 10; the atlas reads up to ${MAX_NESTING})`
		);
	const isObject = (v: unknown) => typeof v === 'object' && v !== null && !Array.isArray(v);
	if (!isObject(b.entry)) return fail('entry', 'the manifest entry (an object) expected');
	if (!isObject(b.data)) return fail('data', 'the layer (a GeoJSON FeatureCollection) expected');
	if (!isObject(b.sources ?? {})) return fail('sources', 'an object keyed by source id expected');
	if (b.editor !== undefined && typeof b.editor !== 'string') return fail('editor', 'text expected');
	return {
		bundle: {
			format: BUNDLE_FORMAT,
			version: 1,
			entry: b.entry as Record<string, unknown>,
			data: b.data as FeatureCollection,
			sources: (b.sources ?? {}) as PublishBundle['sources'],
			replace: b.replace === true,
			...(isVisibleText(b.editor) ? { editor: b.editor.trim().slice(0, 200) } : {}),
			made: typeof b.made === 'string' ? b.made : ''
		},
		problems: []
	};
}
