// The atlas's content read and checked once, by the build, with the code the browser would run:
// the page reads the result as it is (static/data/content.json) instead of fetching eight files
// and checking them while the map paints. The same object the worker would send, as JSON.
import { readContent, type Content } from '../../src/lib/content/content';
import { diskReader } from './checkGeodata';

/** The content of the geodata/ folder `dir`, as the page would read and check it. */
export const contentOf = (dir: string): Promise<Content> => readContent(diskReader(dir));
