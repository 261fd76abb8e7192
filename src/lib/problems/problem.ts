// A problem as data, below every room that finds one: the geo math's warnings, the manifest's
// checks, the content's, the editor's and the build's all use this one shape and its one wording.

/**
 * One problem an editor has to fix, as data: where it is and what is wrong, one shape everywhere
 * (like maplibre's style-spec `ValidationError`). Only `formatProblem` turns it into words; code
 * reads the fields, never the formatted text.
 */
export type Problem = {
	/** the file (`geodata/layers.json`, an editor's `bases.csv`), or what else the problem is about (`address`, `map`); '' when only the field says */
	file: string;
	line?: number;
	column?: number;
	/** the feature the problem names: its index in the file's collection, and its id when it has one */
	feature?: { index: number; id?: string };
	/** where in the file or the feature: `layers[2].kind`, `properties.sources[0]`, `--source`; '' for the whole */
	field: string;
	message: string;
	/** the manifest id of the layer the problem belongs to, when there is one */
	layer?: string;
	/** false when the layer is still drawn (some features were left out) */
	fatal?: boolean;
	/** the line the problem is on, as the file has it, where seeing it helps (JSON that does not parse); `column` is within `text` */
	excerpt?: { text: string; column: number };
};

/** Where a problem is, in words: `geodata/x.geojson:14:5: features[3] (kyiv).properties.sources[0]`. */
export function formatPlace(p: Pick<Problem, 'file' | 'line' | 'column' | 'feature' | 'field'>): string {
	const file = p.file + (p.line === undefined ? '' : `:${p.line}${p.column === undefined ? '' : `:${p.column}`}`);
	const feature = p.feature ? `features[${p.feature.index}]${p.feature.id === undefined ? '' : ` (${p.feature.id})`}` : '';
	const field = feature && p.field ? `${feature}.${p.field}` : feature || p.field;
	return [file, field].filter(Boolean).join(': ');
}

/** The one way a problem is written for people: `geodata/layers.json: layers[2].kind: one of … expected`. */
export function formatProblem(p: Problem): string {
	const place = formatPlace(p);
	return place ? `${place}: ${p.message}` : p.message;
}

/** A problem at `file` and `field`, with anything else it knows. */
export const problem = (file: string, field: string, message: string, more: Partial<Problem> = {}): Problem => ({ file, field, message, ...more });
