// What the atlas shows besides the base map, read and checked, and what its address asks of it:
// plain functions the page calls once, loaded with the data code rather than before the first paint.
import type { Basemap } from './map/basemap';
import { loadAtlasData, type AtlasData, type ReadText } from './manifest/load';
import { validateClaims, type ClaimsFile } from './manifest/claims';
import { claimsFromAtlas } from './manifest/claimsFromAtlas';
import { validateCoverageSettings } from './manifest/coverageSettings';
import { validateScenes, type Scene } from './manifest/scenes';
import { layerSpec } from './manifest/specs';
import type { Problem } from './manifest/errors';
import { parseState, type AtlasState } from './state/urlState';
import { timelineOf } from './time/timeline';
import { safeJson } from './site';

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

/** The layers as the map draws them (shown as the address asks, else as the manifest does), and the claims set against them. */
export function drawnContent(content: AtlasContent, countries: Basemap['countries']) {
	const { data, link } = content;
	const shown = (id: string, byDefault: boolean) => (link.layers ? link.layers.includes(id) : byDefault);
	return {
		layers: data.layers.map((l) => layerSpec({ ...l, def: { ...l.def, visible: shown(l.def.id, l.def.visible !== false) } }, countries)),
		claims: content.claims && claimsFromAtlas(content.claims, data.layers, countries)
	};
}
