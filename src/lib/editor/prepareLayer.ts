// An editor's file to the text geodata/ will hold: converted, checked, normalised, checked by the
// atlas's rules, with every problem pointing back into the editor's own file. No node imports, so
// the in-browser editor can run the same steps in a worker.
import { getIssues } from '@placemarkio/check-geojson';
import { parse as parseJsonAst, type Node } from '@humanwhocodes/momoa';
import type { FeatureCollection } from 'geojson';
import { convertToGeoJSON, type Format } from './convert';
import { normalise } from '../geo/normalise';
import { lineColumn, validateLayerData } from '../manifest/data';
import type { Problem } from '../manifest/errors';
import type { Bibliography, LayerDef } from '../manifest/schema';

export type Prepared = {
	format: Format | null;
	/** the normalised collection, even when some of it breaks a rule; null when it could not be read */
	data: FeatureCollection | null;
	/** the file's content as geodata/ stores it; null when there are problems, since nothing may be written */
	text: string | null;
	problems: Problem[];
	warnings: Problem[];
};

type Layer = Pick<LayerDef, 'kind' | 'file' | 'joinProperty' | 'radiusProperty'>;

/**
 * @example
 * const { text, problems, warnings } = prepareLayer(await readFile(input, 'utf8'), 'bases.csv', layer, sources);
 */
export function prepareLayer(input: string, inputName: string, layer: Layer, sources: Bibliography): Prepared {
	const converted = convertToGeoJSON(input, inputName, { requireCoordinates: layer.kind !== 'choropleth' });
	const fail = (problems: Problem[], warnings = converted.warnings): Prepared => ({ format: converted.format, data: null, text: null, problems, warnings });
	if (converted.text === null) return fail(converted.problems);
	const ownText = converted.format === 'geojson';
	// positions only mean something in the editor's own text, not in what a CSV or TopoJSON became
	const structural = getIssues(converted.text).map((issue) => ({ path: ownText ? `${inputName}:${lineColumn(converted.text!, issue.from)}` : inputName, message: issue.message }));
	if (structural.length > 0) return fail(structural);
	const json = JSON.parse(converted.text) as FeatureCollection;
	if (json.type !== 'FeatureCollection') return fail([{ path: inputName, message: `a FeatureCollection expected, ${json.type} found` }]);
	// every row was bad: "no features" would only repeat that
	if (converted.problems.length > 0 && json.features.length === 0) return fail(converted.problems);

	const where = locator(inputName, converted.format === 'geojson' ? featureLocations(converted.text) : converted.lines);
	const normalised = normalise(json);
	const warnings = [...converted.warnings, ...normalised.warnings.map(where)];
	const text = stringify(normalised.data);
	const checked = validateLayerData(text, layer.file, layer, sources);
	const prefix = new RegExp(`^geodata/${layer.file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?::\\d+:\\d+)?(?:: |$)`);
	const problems = [...converted.problems, ...checked.problems.map((p) => where({ ...p, path: p.path.replace(prefix, '') }))];
	if (problems.length > 0) return { ...fail(problems, warnings), data: normalised.data };
	return { format: converted.format, data: normalised.data, text, problems: [], warnings };
}

/** Moves a problem about `features[i]…` to where feature i is in the editor's file. */
function locator(inputName: string, positions: string[] | number[] | undefined) {
	return (p: Problem): Problem => {
		const index = /^features\[(\d+)\]/.exec(p.path)?.[1];
		const at = index === undefined || positions?.[Number(index)] === undefined ? '' : `:${positions[Number(index)]}`;
		return { ...p, path: p.path ? `${inputName}${at}: ${p.path}` : inputName };
	};
}

function featureLocations(text: string): string[] {
	const root = parseJsonAst(text).body as Node & { members?: { name: { value: string }; value: Node & { elements?: Node[] } }[] };
	const features = root.members?.find((m) => m.name.value === 'features')?.value.elements ?? [];
	return features.map((node) => `${node.loc.start.line}:${node.loc.start.column}`);
}

/** Indented like the hand-made files, but with each position on one line, so a diff shows which points moved. */
export function stringify(data: FeatureCollection): string {
	return JSON.stringify(data, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, numbers: string) => `[${numbers.split(/,\s+/).join(', ')}]`) + '\n';
}
