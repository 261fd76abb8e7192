import type { FeatureCollection } from 'geojson';
import { validateBibliography, validateManifest } from './validate';
import { isTiled } from './files';
import { validateLayerData } from './data';
import type { Problem } from './errors';
import type { Bibliography, LayerDef } from './schema';

/** Reads `geodata/<name>` as text, or null when it is not there. */
export type ReadText = (name: string) => Promise<string | null>;

export type LoadedLayer = {
	index: number;
	def: LayerDef;
	/** only the features that passed every rule */
	data: FeatureCollection;
	problems: Problem[];
};

/** `citable`: every key in sources.json, valid or not, for checking citations against. */
export type Geodata = {
	sources: Bibliography;
	citable: Bibliography;
	layers: LoadedLayer[];
	problems: Problem[];
	/** the manifest's staleness threshold, when it sets one */
	staleAfterDays?: number;
};

/**
 * Loads the bibliography, the manifest and every layer file through `read`, the same way in the
 * build (from disk) and in the browser (by fetch). A broken piece becomes a problem naming it;
 * everything else still loads. Never throws.
 */
export async function loadGeodata(read: ReadText): Promise<Geodata> {
	const problems: Problem[] = [];
	// both requested at once: the manifest's checks need the sources, its reading does not
	const manifestRead: Problem[] = [];
	const [sourcesText, manifestText] = await Promise.all([safeRead(read, 'sources.json', problems), safeRead(read, 'layers.json', manifestRead)]);
	const bibliography = validateBibliography(parseJson(sourcesText, 'sources.json', problems) ?? {});
	problems.push(...bibliography.problems, ...manifestRead);
	const { sources, citable } = bibliography;

	const manifestJson = parseJson(manifestText, 'layers.json', problems);
	if (manifestJson === undefined) return { sources, citable, layers: [], problems };
	const manifest = validateManifest(manifestJson, { sources: citable });
	problems.push(...manifest.problems);

	// a few files at a time: all at once, 20,000 layers ran out of file handles (EMFILE), and files
	// that were there were reported as unreadable
	const layers = await mapFewAtATime(manifest.layers, READ_AT_ONCE, async ({ index, layer }): Promise<LoadedLayer | null> => {
		// an archive is read tile by tile by the map as it needs them: nothing to load or check here
		if (isTiled(layer)) return { index, def: layer, data: { type: 'FeatureCollection', features: [] }, problems: [] };
		const own: Problem[] = [];
		const text = await safeRead(read, layer.file, own, { file: 'geodata/layers.json', field: `layers[${index}].file` });
		const result = text === null ? null : validateLayerData(text, layer.file, layer, citable);
		own.push(...(result?.problems ?? []));
		const rejected = new Set(result?.rejected ?? []);
		const features = result?.data?.features.filter((_, i) => !rejected.has(i)) ?? [];
		const drawn = features.length > 0;
		problems.push(...own.map((p) => ({ ...p, layer: layer.id, fatal: !drawn })));
		if (!drawn) return null;
		return { index, def: layer, data: { type: 'FeatureCollection', features }, problems: own };
	});
	return {
		sources,
		citable,
		layers: layers.filter((l): l is LoadedLayer => l !== null),
		problems,
		...(manifest.staleAfterDays ? { staleAfterDays: manifest.staleAfterDays } : {})
	};
}

/** How many layer files are read at once. */
const READ_AT_ONCE = 16;

/** `fn` over `items`, at most `limit` running at any time; the results in the items' order. */
async function mapFewAtATime<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
	const results: R[] = new Array(items.length);
	let next = 0;
	const worker = async () => {
		while (next < items.length) {
			const i = next++;
			results[i] = await fn(items[i]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
	return results;
}

async function safeRead(read: ReadText, name: string, problems: Problem[], at = { file: `geodata/${name}`, field: '' }): Promise<string | null> {
	try {
		const text = await read(name);
		if (text === null) problems.push({ ...at, message: `geodata/${name} not found` });
		return text;
	} catch (error) {
		problems.push({ ...at, message: `geodata/${name} could not be read (${(error as Error).message})` });
		return null;
	}
}

function parseJson(text: string | null, name: string, problems: Problem[]): unknown {
	if (text === null) return undefined;
	try {
		return JSON.parse(text);
	} catch (error) {
		problems.push({ file: `geodata/${name}`, field: '', message: `not valid JSON (${(error as Error).message})` });
		return undefined;
	}
}
