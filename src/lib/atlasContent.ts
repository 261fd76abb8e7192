// What the atlas shows besides the base map, read and checked, and what its address asks of it.
// It runs in a worker (workers/content.worker.ts), so the checks never hold up the map's main
// thread; the page runs it itself only where the worker cannot start.
import { loadAtlasData, type AtlasData, type ReadText } from './manifest/load';
import { validateClaims, type ClaimsFile } from './manifest/claims';
import { validateCoverageSettings } from './manifest/coverageSettings';
import { validateScenes, type Scene } from './manifest/scenes';
import type { Problem } from './manifest/errors';
import { parseState, type AtlasState } from './state/urlState';
import { timelineOf } from './time/timeline';
import { safeJson } from './read';

export type AtlasContent = {
	data: AtlasData;
	claims: ClaimsFile | null;
	coverage: ReturnType<typeof validateCoverageSettings>['settings'];
	scenes: Scene[];
	/** what the address asks for, each part checked against the data */
	link: AtlasState;
	/** every problem found, in the files and in the address */
	problems: Problem[];
};

/** Reads the manifest's layers, the claims, the coverage settings and the tour side by side, checks them, and reads the address against them. */
export async function readAtlasContent(read: ReadText, params: URLSearchParams): Promise<AtlasContent> {
	const readJson = (name: string) => read(name).then(safeJson).catch(() => null);
	const [data, claimsJson, coverageJson, scenesJson] = await Promise.all([loadAtlasData(read), readJson('claims.json'), readJson('coverage.json'), readJson('scenes.json')]);
	const checked = validateClaims(claimsJson, data.citable);
	const coverage = validateCoverageSettings(coverageJson, data.citable);
	const layerIds = data.layers.map((l) => l.def.id);
	const tour = scenesJson === null ? { scenes: [], problems: [] } : validateScenes(scenesJson, layerIds, data.citable);
	const months = timelineOf(data.layers.map((l) => ({ features: l.data.features, series: l.def.series, asOf: l.def.asOf })));
	const fromLink = parseState(params, {
		layers: layerIds,
		scenes: tour.scenes.map((s) => s.id),
		months: months.length ? { first: months[0].month, last: months.at(-1)!.month } : undefined,
		hasFeature: (layer, id) => data.layers.some((l) => l.def.id === layer && l.data.features.some((f) => f.properties?.id === id))
	});
	return {
		data,
		claims: checked.claims,
		coverage: coverage.settings,
		scenes: tour.scenes,
		link: fromLink.state,
		problems: [...data.problems, ...checked.problems, ...coverage.problems, ...tour.problems, ...fromLink.problems]
	};
}
