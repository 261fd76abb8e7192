// What publishing sends: the manifest entry as text, and the save of a publish bundle to the
// endpoint that `npm run editor` (or `npm run dev`) serves.
import { manifestEntry, type DraftMeta } from './draftLayer';
import type { PublishBundle } from './bundle';
import type { Problem } from '../manifest/errors';

/** The manifest entry as it goes into geodata/layers.json's "layers" list, tab-indented like the file. */
export const entryText = (meta: DraftMeta) => JSON.stringify(manifestEntry(meta), null, '\t') + '\n';

export type SaveReply = { status: number; done: string[]; problems: Problem[]; warnings: Problem[]; error?: string; commit?: string };

/** Sends a bundle to the save endpoint with this tab's token; the endpoint's answer, or why there was none. */
export async function saveBundle(bundle: PublishBundle, token: string, base = ''): Promise<SaveReply> {
	const response = await fetch(`${base}/__atlas/save`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', 'X-Atlas-Token': token },
		body: JSON.stringify(bundle)
	});
	const body = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
	return {
		status: response.status,
		done: body.done ?? [],
		problems: body.problems ?? [],
		warnings: body.warnings ?? [],
		error: body.error,
		commit: body.commit
	};
}
