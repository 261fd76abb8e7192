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
	joinProperty?: string;
	force?: boolean;
};

/**
 * The command's options for a draft, and the fields of its manifest entry that the command does
 * not take yet (saved through it, they would be lost: the downloaded entry keeps them).
 */
export function saveOptionsOf(meta: DraftMeta, force = false): { options: SaveOptions; ignored: string[] } {
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
	const ignored = [...Object.keys(entry.style ?? {}).filter((k) => k !== 'color').map((k) => `style.${k}`), ...(entry.tooltip ? ['tooltip'] : [])];
	return { options, ignored };
}

/** The manifest entry as it goes into geodata/layers.json's "layers" list, tab-indented like the file. */
export const entryText = (meta: DraftMeta) => JSON.stringify(manifestEntry(meta), null, '\t') + '\n';
