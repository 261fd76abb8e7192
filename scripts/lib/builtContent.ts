// The atlas's content read and checked once, by the build, with the code the browser would run:
// the page reads the result as it is (static/data/content.json) instead of fetching eight files
// and checking them while the map paints. The same object the worker would send, as JSON.
import { readContent, type Content } from '../../src/lib/content/content';
import { BUILT_CONTENT, BUILT_CONTENT_UK, packBuiltContent } from '../../src/lib/content/built';
import { splitUkrainian } from '../../src/lib/content/splitUk';
import { diskReader } from './checkGeodata';

/** The content of the geodata/ folder `dir`, as the page would read and check it. */
export const contentOf = (dir: string): Promise<Content> => readContent(diskReader(dir));

/**
 * The two files the page reads its content from (`data/content.json`, and the features' Ukrainian
 * apart, for readers who ask for it), by their path under the site: what the build writes, and
 * what `npm run editor` serves afresh after a save, so its atlas shows the saved layer at once.
 */
export async function builtContentFiles(dir: string): Promise<Record<string, string>> {
	const content = await contentOf(dir);
	const uk = splitUkrainian(content.data.layers.map((l) => ({ id: l.def.id, label: l.def.style.label, features: l.data.features })));
	return { [BUILT_CONTENT]: packBuiltContent(content), [BUILT_CONTENT_UK]: JSON.stringify(uk) };
}
