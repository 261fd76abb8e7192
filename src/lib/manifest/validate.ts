import * as v from 'valibot';
import { LayerSchema, ManifestSchema, SourceSchema, type Bibliography, type LayerDef } from './schema';
import { problem, problemsFrom, unknownSources, type Problem } from './errors';
import { isTiled } from './files';

export type ManifestContext = { sources: Bibliography };

export type ValidatedLayer = { index: number; layer: LayerDef };
export type ManifestResult = { layers: ValidatedLayer[]; problems: Problem[]; staleAfterDays?: number };

export const MANIFEST = 'geodata/layers.json';
const SOURCES = 'geodata/sources.json';

/**
 * Checks the manifest against the schema and the project's own rules (unique ids, sources that
 * resolve, what each kind needs). Every problem is returned at once, each naming its path; a layer
 * with problems is left out of `layers` so the others can still be drawn. Never throws.
 *
 * @example
 * const { layers, problems } = validateManifest(json, { sources });
 */
export function validateManifest(json: unknown, context: ManifestContext): ManifestResult {
	const top = v.safeParse(ManifestSchema, json);
	if (!top.success) return { layers: [], problems: problemsFrom(MANIFEST, '', top.issues) };

	const problems: Problem[] = [];
	const layers: ValidatedLayer[] = [];
	const seen = new Map<string, number>();
	top.output.layers.forEach((raw, index) => {
		const at = `layers[${index}]`;
		const rawId = (raw as { id?: unknown } | null)?.id;
		const checked = validateLayerEntry(raw, context);
		// fields are the entry's own (`kind`); in the manifest they sit under `layers[i]`
		const own = checked.problems.map((p) => ({ ...p, field: p.field ? `${at}.${p.field}` : at, ...(typeof rawId === 'string' ? { layer: rawId } : {}) }));
		problems.push(...own);
		const layer = checked.layer;
		if (!layer) return;
		const earlier = seen.get(layer.id);
		if (earlier === undefined) seen.set(layer.id, index);
		// a second layer with a used id is not drawn, and the notice must not blame the first one
		if (earlier !== undefined) problems.push(problem(MANIFEST, `${at}.id`, `"${layer.id}" is already used by layers[${earlier}]`));
		else if (own.length === 0) layers.push({ index, layer });
	});
	return { layers, problems, ...(top.output.staleAfterDays ? { staleAfterDays: top.output.staleAfterDays } : {}) };
}

/**
 * Checks one layer entry on its own (the editor's form and `npm run layer -- add` check the entry
 * they are about to write): problems in geodata/layers.json, each field the entry's own (`kind`).
 */
export function validateLayerEntry(raw: unknown, { sources }: ManifestContext): { layer: LayerDef | null; problems: Problem[] } {
	const parsed = v.safeParse(LayerSchema, raw);
	if (!parsed.success) return { layer: null, problems: problemsFrom(MANIFEST, '', parsed.issues) };
	const layer = parsed.output;
	const problems: Problem[] = [];
	const at = (field: string, message: string) => problems.push(problem(MANIFEST, field, message));
	problems.push(...unknownSources(layer.sources, sources, MANIFEST, 'sources'));
	if (layer.kind === 'choropleth' && !layer.joinProperty) at('joinProperty', 'required for a choropleth (the property holding the country code)');
	if (layer.kind === 'zone' && !layer.radiusProperty) at('radiusProperty', 'required for a zone (the property holding the radius in km)');
	if (layer.versions) {
		const dates = layer.versions.map((d) => d.asOf);
		const unordered = dates.findIndex((d, i) => i > 0 && d <= dates[i - 1]);
		if (unordered > 0) at(`versions[${unordered}].asOf`, `${dates[unordered]} is not after ${dates[unordered - 1]}: versions go oldest first, one a date`);
		const latest = layer.versions.at(-1)!;
		if (layer.file !== latest.file)
			at('file', `the latest version's file (${latest.file}) expected, ${layer.file} found: it is what the map draws when no month is chosen`);
	}
	if (isTiled(layer)) {
		if (!layer.sourceLayer) at('sourceLayer', 'required for a .pmtiles layer (the vector-tile layer inside the archive)');
		if (layer.kind === 'zone' || layer.kind === 'choropleth' || layer.renderer === 'deck')
			at('kind', `a .pmtiles layer is drawn from its tiles as they are: point, line or fill, not ${layer.renderer === 'deck' ? 'deck' : layer.kind}`);
	} else if (layer.sourceLayer) at('sourceLayer', 'only for a .pmtiles layer');
	if (layer.renderer === 'deck' && layer.kind !== 'point') at('renderer', `deck is only available for point layers, not ${layer.kind}`);
	return { layer, problems };
}

/**
 * Checks geodata/sources.json: every entry has publisher, title, kind, and a valid date and address.
 * `sources` holds the valid entries (what readers see); `citable` every key in the file, so that
 * one malformed entry is reported once, as itself, not again by every feature citing it.
 */
export function validateBibliography(json: unknown): { sources: Bibliography; citable: Bibliography; problems: Problem[] } {
	const problems: Problem[] = [];
	const sources: Bibliography = Object.create(null);
	const citable: Bibliography = Object.create(null);
	if (typeof json !== 'object' || json === null || Array.isArray(json)) {
		return { sources, citable, problems: [problem(SOURCES, '', 'an object keyed by source id expected')] };
	}
	for (const [key, entry] of Object.entries(json)) {
		const parsed = v.safeParse(SourceSchema, entry);
		citable[key] = entry as Bibliography[string];
		if (parsed.success) sources[key] = parsed.output;
		else problems.push(...problemsFrom(SOURCES, key, parsed.issues));
	}
	return { sources, citable, problems };
}
