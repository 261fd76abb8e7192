import type { Content } from '../content/content';
import type { ContentReply, ContentRequest } from './content.worker';
import { fetchReader } from '../content/read';

/**
 * The content read and checked in a worker; where no worker can start (or it fails), read on the
 * main thread instead, with the same code and the same messages.
 */
export async function readContentOffThread(geodataUrl: string): Promise<Content> {
	try {
		return await new Promise<Content>((resolve, reject) => {
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
		const { readContent } = await import('../content/content');
		return readContent(fetchReader(geodataUrl));
	}
}
