// Reads and checks the atlas's content (manifest, layer files, claims, coverage settings, tour)
// and the address against it, off the main thread: the checks parse every file for line and
// column numbers, work that would otherwise hold up the map while it paints.
import { readAtlasContent, type AtlasContent } from '../atlasContent';
import { fetchReader } from '../read';

export type ContentRequest = { geodataUrl: string; search: string };
export type ContentReply = { content: AtlasContent } | { error: string };

self.onmessage = async (event: MessageEvent<ContentRequest>) => {
	const { geodataUrl, search } = event.data;
	try {
		self.postMessage({ content: await readAtlasContent(fetchReader(geodataUrl), new URLSearchParams(search)) } satisfies ContentReply);
	} catch (error) {
		self.postMessage({ error: (error as Error).message } satisfies ContentReply);
	}
};
