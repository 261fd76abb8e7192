import type { SiteContent } from '../atlasContent';
import type { ContentReply, ContentRequest } from './content.worker';
import { fetchReader } from '../read';

/** Where the build writes the checked content, beside the base map; the page preloads it. */
export const BUILT_CONTENT = 'data/content.json';

/**
 * The atlas's content: the build's checked copy (one preloaded file, nothing to check), or where
 * that is missing or unreadable, the files themselves, read and checked in a worker.
 */
export async function readSiteContentFast(assetsUrl: string, geodataUrl: string): Promise<SiteContent> {
	try {
		return await readBuiltContent(`${assetsUrl}/${BUILT_CONTENT}`);
	} catch {
		return readSiteContentOffThread(geodataUrl);
	}
}

/** The build's copy, fetched. */
export async function readBuiltContent(url: string): Promise<SiteContent> {
	const response = await fetch(url);
	if (!response.ok) throw new Error(`${url}: ${response.status}`);
	return reviveBuiltContent(await response.json());
}

/**
 * The build's copy as written. `citable` (every key of sources.json) is left out where it is the
 * same as `sources` (the valid entries), as it is whenever the bibliography has no problem: it
 * would be a third of the file, parsed on the main thread while the map loads.
 */
export function packBuiltContent(content: SiteContent): string {
	const { sources, citable } = content.data;
	const same = JSON.stringify(sources) === JSON.stringify(citable);
	return JSON.stringify(same ? { ...content, data: { ...content.data, citable: undefined } } : content);
}

/** The build's copy as the checks left it: the bibliographies are keyed by source id on objects with no prototype, so no id is ever found on Object.prototype. */
export function reviveBuiltContent(json: SiteContent): SiteContent {
	json.data.sources = Object.assign(Object.create(null), json.data.sources);
	json.data.citable = json.data.citable ? Object.assign(Object.create(null), json.data.citable) : json.data.sources;
	return json;
}

/**
 * The content read and checked in a worker; where no worker can start (or it fails), read on the
 * main thread instead, with the same code and the same messages.
 */
export async function readSiteContentOffThread(geodataUrl: string): Promise<SiteContent> {
	try {
		return await new Promise<SiteContent>((resolve, reject) => {
			const worker = new Worker(new URL('./content.worker.ts', import.meta.url), { type: 'module' });
			worker.onmessage = (event: MessageEvent<ContentReply>) => {
				worker.terminate();
				if ('content' in event.data) resolve(event.data.content);
				else reject(new Error(event.data.error));
			};
			worker.onerror = (event) => {
				worker.terminate();
				reject(new Error(event.message || 'the data worker failed'));
			};
			worker.postMessage({ geodataUrl } satisfies ContentRequest);
		});
	} catch {
		const { readSiteContent } = await import('../atlasContent');
		return readSiteContent(fetchReader(geodataUrl));
	}
}
