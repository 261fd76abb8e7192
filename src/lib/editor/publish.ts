// What publishing writes: the two files an editor commits, and the options the development
// server's save hands to the layer command's own addLayer.
import { manifestEntry, type DraftMeta } from './draftLayer';

/** The options of `npm run layer -- add` a draft fills in (the file itself travels beside them). */
export type SaveOptions = {
	id: string;
	title: string;
	kind: string;
	sources: string[];
	description?: string;
	asOf?: string;
	color?: string;
	radiusProperty?: string;
	style?: Record<string, unknown>;
	tooltip?: unknown;
	joinProperty?: string;
	force?: boolean;
};

/**
 * The command's options for a draft, its whole manifest entry (style and tooltip) included.
 */
export function saveOptionsOf(meta: DraftMeta, force = false): SaveOptions {
	const entry = manifestEntry(meta) as { style?: Record<string, unknown>; tooltip?: unknown };
	const options: SaveOptions = {
		id: meta.id,
		title: meta.title.trim(),
		kind: meta.kind,
		sources: meta.sources,
		description: meta.description.trim() || undefined,
		asOf: meta.asOf || undefined,
		color: meta.color,
		radiusProperty: meta.kind === 'zone' ? meta.radiusProperty : undefined,
		joinProperty: meta.kind === 'choropleth' ? meta.joinProperty : undefined,
		force
	};
	// the whole entry travels: style beyond the colour and the tooltip rows too
	if (entry.style) options.style = entry.style;
	if (entry.tooltip) options.tooltip = entry.tooltip;
	return options;
}

/** The manifest entry as it goes into geodata/layers.json's "layers" list, tab-indented like the file. */
export const entryText = (meta: DraftMeta) => JSON.stringify(manifestEntry(meta), null, '\t') + '\n';
