// An editor's file to the text geodata/ will hold: converted, checked, normalised, checked by the
// atlas's rules, with every problem pointing back into the editor's own file. No node imports, so
// the in-browser editor can run the same steps in a worker.
import type { FeatureCollection } from 'geojson';
import { convertToGeoJSON, type Format } from './convert';
import { normalise } from '../geo/normalise';
import { swappedAxes } from '../geo/swappedAxes';
import { validateLayerData } from '../manifest/data';
import { structuralIssues } from '../manifest/geojsonText';
import { jsonSyntaxProblem } from '../manifest/jsonSyntax';
import { featurePositions, lineColumnAt, type TextPosition } from '../manifest/textPositions';
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
 * Changes the parsed collection in place before it is checked (the editor's forgiving step), and
 * returns what more the features may cite and what it changed. Features keep their order, so a
 * problem still points at the feature's place in the editor's own text.
 */
export type Amend = (collection: FeatureCollection) => { sources: Bibliography; warnings: Problem[] };

/**
 * @example
 * const { text, problems, warnings } = prepareLayer(await readFile(input, 'utf8'), 'bases.csv', layer, sources);
 */
export function prepareLayer(input: string, inputName: string, layer: Layer, sources: Bibliography, amend?: Amend): Prepared {
	const converted = convertToGeoJSON(input, inputName, { requireCoordinates: layer.kind !== 'choropleth' });
	const fail = (problems: Problem[], warnings = converted.warnings): Prepared => ({ format: converted.format, data: null, text: null, problems, warnings });
	if (converted.text === null) return fail(converted.problems);
	const ownText = converted.format === 'geojson';
	// JSON that does not parse: where the engine's parser stopped, with the line (check-geojson says 1:1)
	const syntax = ownText ? jsonSyntaxProblem(converted.text, inputName) : null;
	if (syntax && converted.text.trim() !== '') return fail([syntax]);
	// positions only mean something in the editor's own text, not in what a CSV or TopoJSON became
	const structural = structuralIssues(converted.text).map((issue): Problem => ({
		file: inputName,
		...(ownText ? lineColumnAt(converted.text!, [issue.from])[0] : {}),
		field: '',
		message: issue.message
	}));
	if (structural.length > 0) return fail(structural);
	const json = JSON.parse(converted.text) as FeatureCollection;
	if (json.type !== 'FeatureCollection') return fail([{ file: inputName, field: '', message: `a FeatureCollection expected, ${json.type} found` }]);
	// every row was bad: "no features" would only repeat that
	if (converted.problems.length > 0 && json.features.length === 0) return fail(converted.problems);

	const where = locator(inputName, converted.format === 'geojson' ? featurePositions(converted.text) : converted.lines?.map((line) => ({ line })));
	const amended = amend?.(json);
	if (amended) sources = { ...sources, ...amended.sources };
	const normalised = normalise(json);
	const warnings = [...converted.warnings, ...(amended?.warnings ?? []), ...normalised.warnings.map(where)];
	warnings.push(...swappedWarning(normalised.data, inputName));
	const text = stringify(normalised.data);
	const checked = validateLayerData(text, layer.file, layer, sources);
	const problems = [...converted.problems, ...checked.problems.map(where)];
	if (problems.length > 0) return { ...fail(problems, warnings), data: normalised.data };
	return { format: converted.format, data: normalised.data, text, problems: [], warnings };
}

/** Every position valid, so no rule refuses the file: only a warning can say it drew in the wrong place. */
export function swappedWarning(data: FeatureCollection, inputName: string): Problem[] {
	const swapped = swappedAxes(data);
	if (!swapped) return [];
	return [
		{
			file: inputName,
			field: '',
			message: `longitude and latitude look swapped: every position lies in Europe only when read latitude first (the first, [${swapped.join(', ')}], would be ${swapped[1]}°E, ${swapped[0]}°N); longitude comes first`
		}
	];
}

/** Moves a problem about the checked text to the editor's own file: a feature's problem to where that feature is there. */
function locator(inputName: string, positions: Partial<TextPosition>[] | undefined) {
	return ({ line: _line, column: _column, ...p }: Problem): Problem => ({ ...p, file: inputName, ...(p.feature ? positions?.[p.feature.index] : {}) });
}

/** Indented like the hand-made files, but with each position on one line, so a diff shows which points moved. */
export function stringify(data: FeatureCollection): string {
	return (
		JSON.stringify(data, null, 2).replace(/\[\s+(-?[\d.e+-]+(?:,\s+-?[\d.e+-]+)*)\s+\]/g, (_, numbers: string) => `[${numbers.split(/,\s+/).join(', ')}]`) +
		'\n'
	);
}
