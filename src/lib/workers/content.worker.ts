// Reads and checks the atlas's content (manifest, layer files, claims, coverage settings, tour)
// off the main thread, where the build's checked copy (data/content.json) is missing: the checks
// parse every file for line and column numbers, work that would otherwise hold up the map.
import { readSiteContent, type SiteContent } from '../atlasContent';
import { fetchReader } from '../read';

export type ContentRequest = { geodataUrl: string };
export type ContentReply = { content: SiteContent } | { error: string };

self.onmessage = async (event: MessageEvent<ContentRequest>) => {
	try {
		self.postMessage({ content: await readSiteContent(fetchReader(event.data.geodataUrl)) } satisfies ContentReply);
	} catch (error) {
		self.postMessage({ error: (error as Error).message } satisfies ContentReply);
	}
};
