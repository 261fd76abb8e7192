// Reads and checks the atlas's content (manifest, layer files, claims, coverage settings, tour)
// off the main thread, where the build's checked copy (data/content.json) is missing: the checks
// parse every file for line and column numbers, work that would otherwise hold up the map.
import { readContent, type Content } from '../content/content';
import { fetchReader } from '../content/read';

export type ContentRequest = { geodataUrl: string };
export type ContentReply = { content: Content } | { error: string };

self.onmessage = async (event: MessageEvent<ContentRequest>) => {
	try {
		self.postMessage({ content: await readContent(fetchReader(event.data.geodataUrl)) } satisfies ContentReply);
	} catch (error) {
		self.postMessage({ error: (error as Error).message } satisfies ContentReply);
	}
};
