import type { AtlasContent } from '../atlasContent';
import type { ContentReply, ContentRequest } from './content.worker';
import { fetchReader } from '../read';

/**
 * The atlas's content, read and checked in a worker; where no worker can start (or it fails),
 * read on the main thread instead, with the same code and the same messages.
 */
export async function readAtlasContentOffThread(geodataUrl: string, params: URLSearchParams): Promise<AtlasContent> {
	try {
		return await new Promise<AtlasContent>((resolve, reject) => {
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
			worker.postMessage({ geodataUrl, search: params.toString() } satisfies ContentRequest);
		});
	} catch {
		const { readAtlasContent } = await import('../atlasContent');
		return readAtlasContent(fetchReader(geodataUrl), params);
	}
}
