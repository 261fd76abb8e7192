// The build's checked copy of the content (data/content.json): written by the build, preloaded by
// the page, revived as the checks left it. Where it is missing, a worker reads and checks the files
// (atlas/content.ts).
import type { Content } from './content';

/** Where the build writes the checked content, beside the base map; the page preloads it. */
export const BUILT_CONTENT = 'data/content.json';
/** Beside it, the features' Ukrainian texts, loaded when a reader asks for Ukrainian. */
export const BUILT_CONTENT_UK = 'data/content-uk.json';

/** By layer id, then feature id: the feature's `<property>_uk` texts. */
export type DataUk = Record<string, Record<string, Record<string, unknown>>>;

/** The build's copy, fetched. */
export async function readBuiltContent(url: string): Promise<Content> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	return reviveBuiltContent(await response.json());
}

/**
 * The build's copy as written. `citable` (every key of sources.json) is left out where it is the
 * same as `sources` (the valid entries), as it is whenever the bibliography has no problem: it
 * would be a third of the file, parsed on the main thread while the map loads.
 */
export function packBuiltContent(content: Content): string {
	const { sources, citable } = content.data;
	const same = JSON.stringify(sources) === JSON.stringify(citable);
	return JSON.stringify(same ? { ...content, data: { ...content.data, citable: undefined } } : content);
}

/** The build's copy as the checks left it: the bibliographies are keyed by source id on objects with no prototype, so no id is ever found on Object.prototype. */
export function reviveBuiltContent(json: Content): Content {
	json.data.sources = Object.assign(Object.create(null), json.data.sources);
	json.data.citable = json.data.citable ? Object.assign(Object.create(null), json.data.citable) : json.data.sources;
	return json;
}
