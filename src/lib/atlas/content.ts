// The page's content: the build's checked copy, else the files read and checked in a worker. It
// sits with the atlas, above content/ and workers/, which it chooses between.
import type { Content } from '../content/content';
import { BUILT_CONTENT, readBuiltContent } from '../content/built';

/**
 * The atlas's content: the build's checked copy (one preloaded file, nothing to check), or where
 * that is missing or unreadable, the files themselves, read and checked in a worker.
 */
export async function readContentFast(assetsUrl: string, geodataUrl: string): Promise<Content> {
	try {
		return await readBuiltContent(`${assetsUrl}/${BUILT_CONTENT}`);
	} catch {
		// only where the build's copy is missing: its code stays out of every first paint
		const { readContentOffThread } = await import('../workers/contentClient');
		return readContentOffThread(geodataUrl);
	}
}
