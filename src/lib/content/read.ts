// Reading the site's files: no imports (but types), so a worker can use it as well as the pages.
import type { ReadText } from '../manifest/load';

/** JSON text parsed, or null when it is missing or not JSON: for data a reader sees, never trusted. */
export function safeJson(text: string | null | undefined): unknown {
	if (text === null || text === undefined) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** Reads geodata files by fetch from the address geodata/ is served at. */
export const fetchReader =
	(geodataUrl: string): ReadText =>
	async (name) => {
		const response = await fetch(`${geodataUrl}/${name}`);
		return response.ok ? response.text() : null;
	};
