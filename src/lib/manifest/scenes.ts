import * as v from 'valibot';
import { slug, type Bibliography } from './schema';
import { problem, problemsFrom, unknownSources, type Problem } from './errors';
import { MONTH } from '../time/timeline';

const text = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'));
const Scene = v.strictObject({
	id: slug,
	title: text,
	caption: text,
	/** one short line for the embed's subtitle (the caption is read in full on the full map) */
	subtitle: v.optional(text),
	camera: v.strictObject({
		center: v.tuple([
			v.pipe(v.number(), v.minValue(-180, 'a longitude from -180 to 180 expected'), v.maxValue(180, 'a longitude from -180 to 180 expected')),
			v.pipe(v.number(), v.minValue(-85, 'a latitude from -85 to 85 expected'), v.maxValue(85, 'a latitude from -85 to 85 expected'))
		]),
		zoom: v.pipe(v.number(), v.minValue(1, 'a zoom from 1 to 11 expected'), v.maxValue(11, 'a zoom from 1 to 11 expected'))
	}),
	/** the manifest layers the scene shows; every other layer is hidden */
	layers: v.array(v.string()),
	/** show dated events up to the end of this month; absent: all of them */
	time: v.optional(
		v.pipe(
			v.string(),
			v.regex(MONTH, (i) => `a month like "2025-09" expected, ${i.received} found`)
		)
	),
	/** the panel the scene opens */
	panel: v.optional(v.picklist(['layers', 'coverage', 'claims'] as const)),
	sources: v.pipe(v.array(v.string()), v.minLength(1, 'needs at least one source')),
	i18n: v.optional(v.strictObject({ uk: v.strictObject({ title: text, caption: text, subtitle: v.optional(text) }) }))
});
const Scenes = v.strictObject({ version: v.literal(1), scenes: v.pipe(v.array(Scene), v.minLength(1, 'needs at least one scene')) });

export type Scene = v.InferOutput<typeof Scene>;

const FILE = 'geodata/scenes.json';

/**
 * geodata/scenes.json: the guided tour. A scene naming a layer or source that does not exist is
 * reported and left out; the others still play. Never throws.
 */
export function validateScenes(json: unknown, layerIds: string[], sources: Bibliography): { scenes: Scene[]; problems: Problem[] } {
	const parsed = v.safeParse(Scenes, json);
	if (!parsed.success) return { scenes: [], problems: problemsFrom(FILE, '', parsed.issues) };
	const problems: Problem[] = [];
	const ids = new Set<string>();
	const scenes = parsed.output.scenes.filter((scene, i) => {
		const at = `scenes[${i}]`;
		const own: Problem[] = [];
		scene.layers.forEach((id, j) => layerIds.includes(id) || own.push(problem(FILE, `${at}.layers[${j}]`, `no layer called "${id}" in geodata/layers.json`)));
		own.push(...unknownSources(scene.sources, sources, FILE, `${at}.sources`));
		if (ids.has(scene.id)) own.push(problem(FILE, `${at}.id`, `"${scene.id}" is already used by another scene`));
		ids.add(scene.id);
		problems.push(...own);
		return own.length === 0;
	});
	return { scenes, problems };
}
