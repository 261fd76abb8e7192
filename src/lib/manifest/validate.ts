import * as v from 'valibot';
import { LayerSchema, ManifestSchema, SourceSchema, type Bibliography, type LayerDef } from './schema';
import { problemsFrom, unknownSources, type Problem } from './errors';
import { isTiled } from './files';

export type ManifestContext = { sources: Bibliography };

export type ValidatedLayer = { index: number; layer: LayerDef };
export type ManifestResult = { layers: ValidatedLayer[]; problems: Problem[] };

const MANIFEST = 'geodata/layers.json';

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
	if (!top.success) return { layers: [], problems: problemsFrom('', top.issues).map(atFile) };

	const problems: Problem[] = [];
	const layers: ValidatedLayer[] = [];
	const seen = new Map<string, number>();
	top.output.layers.forEach((raw, index) => {
		const at = `layers[${index}]`;
		const parsed = v.safeParse(LayerSchema, raw);
		const rawId = (raw as { id?: unknown } | null)?.id;
		const named = (list: Problem[]) => (typeof rawId === 'string' ? list.map((p) => ({ ...p, layer: rawId })) : list);
		if (!parsed.success) {
			problems.push(...named(problemsFrom(at, parsed.issues)));
			return;
		}
		const layer = parsed.output;
		const own = layerRules(layer, at, context);
		const earlier = seen.get(layer.id);
		if (earlier === undefined) seen.set(layer.id, index);
		problems.push(...named(own));
		// a second layer with a used id is not drawn, and the notice must not blame the first one
		if (earlier !== undefined) problems.push({ path: `${at}.id`, message: `"${layer.id}" is already used by layers[${earlier}]` });
		else if (own.length === 0) layers.push({ index, layer });
	});
	return { layers, problems: problems.map(atFile) };
}

function layerRules(layer: LayerDef, at: string, { sources }: ManifestContext): Problem[] {
	const problems: Problem[] = [];
	problems.push(...unknownSources(layer.sources, sources, `${at}.sources`));
	if (layer.kind === 'choropleth' && !layer.joinProperty)
		problems.push({ path: `${at}.joinProperty`, message: 'required for a choropleth (the property holding the country code)' });
	if (layer.kind === 'zone' && !layer.radiusProperty)
		problems.push({ path: `${at}.radiusProperty`, message: 'required for a zone (the property holding the radius in km)' });
	if (layer.series && !layer.asOf) problems.push({ path: `${at}.asOf`, message: `required for a layer in a series ("${layer.series}"): the time slider picks the version in force by it` });
	if (isTiled(layer)) {
		if (!layer.sourceLayer) problems.push({ path: `${at}.sourceLayer`, message: 'required for a .pmtiles layer (the vector-tile layer inside the archive)' });
		if (layer.kind === 'zone' || layer.kind === 'choropleth' || layer.renderer === 'deck')
			problems.push({ path: `${at}.kind`, message: `a .pmtiles layer is drawn from its tiles as they are: point, line or fill, not ${layer.renderer === 'deck' ? 'deck' : layer.kind}` });
	} else if (layer.sourceLayer) problems.push({ path: `${at}.sourceLayer`, message: 'only for a .pmtiles layer' });
	if (layer.renderer === 'deck' && layer.kind !== 'point')
		problems.push({ path: `${at}.renderer`, message: `deck is only available for point layers, not ${layer.kind}` });
	return problems;
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
		return { sources, citable, problems: [{ path: 'geodata/sources.json', message: 'an object keyed by source id expected' }] };
	}
	for (const [key, entry] of Object.entries(json)) {
		const parsed = v.safeParse(SourceSchema, entry);
		citable[key] = entry as Bibliography[string];
		if (parsed.success) sources[key] = parsed.output;
		else problems.push(...problemsFrom(`geodata/sources.json: ${key}`, parsed.issues));
	}
	return { sources, citable, problems };
}

function atFile(p: Problem): Problem {
	return p.path.startsWith('geodata/') ? p : { ...p, path: p.path ? `${MANIFEST}: ${p.path}` : MANIFEST };
}
