// What the editor's page and the save endpoint (scripts/lib/saveEndpoint.ts) agree on: where a
// save goes, the header that carries the session's token, and the answer's shape. Both import it.
import type { Problem } from '../manifest/errors';

/** `POST` a publish bundle here, on the server the editor was opened from. */
export const SAVE_PATH = '/__atlas/save';
/** The header that carries the session's token (HTTP headers are read case-blind; Node gives them in lower case). */
export const TOKEN_HEADER = 'x-atlas-token';

/** The endpoint's answer: what it did, what stopped it, what it warns of; `error` where it did not get as far as checking. */
export type SaveAnswer = { done: string[]; problems: Problem[]; warnings: Problem[]; error?: string; commit?: string };
