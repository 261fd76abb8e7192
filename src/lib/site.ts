// Small helpers the atlas's pages share in the browser.
import { assets } from '$app/paths';

/** A file of geodata/ as the site serves it, or null when it is not there. */
export async function readGeodata(name: string): Promise<string | null> {
	const response = await fetch(`${assets}/geodata/${name}`);
	return response.ok ? response.text() : null;
}

/** JSON text parsed, or null when it is missing or not JSON: for data a reader sees, never trusted. */
export function safeJson(text: string | null | undefined): unknown {
	if (text === null || text === undefined) return null;
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}

/** The reader asked for less motion: camera moves jump instead of flying. */
export const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
