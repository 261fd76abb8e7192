// What publishing sends: the manifest entry as text, and the save of a publish bundle to the
// endpoint that `npm run editor` (or `npm run dev`) serves.
import { manifestEntry, type DraftMeta } from './draftLayer';
import type { PublishBundle } from './bundle';
import { SAVE_PATH, TOKEN_HEADER, type SaveAnswer } from './saveProtocol';

/** The manifest entry as it goes into geodata/layers.json's "layers" list, tab-indented like the file. */
export const entryText = (meta: DraftMeta) => JSON.stringify(manifestEntry(meta), null, '\t') + '\n';

/** The endpoint's answer and its HTTP status. */
export type SaveReply = SaveAnswer & { status: number };

/** Sends a bundle to the save endpoint with this tab's token; the endpoint's answer, or why there was none. */
export async function saveBundle(bundle: PublishBundle, token: string, base = ''): Promise<SaveReply> {
	const response = await fetch(`${base}${SAVE_PATH}`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json', [TOKEN_HEADER]: token },
		body: JSON.stringify(bundle)
	});
	const body: Partial<SaveAnswer> = await response.json().catch(() => ({ error: `the server answered ${response.status}` }));
	return {
		status: response.status,
		done: body.done ?? [],
		problems: body.problems ?? [],
		warnings: body.warnings ?? [],
		error: body.error,
		commit: body.commit
	};
}
