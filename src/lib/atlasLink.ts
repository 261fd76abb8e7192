import type { AtlasContent, SiteContent } from './atlasContent';
import { parseState } from './state/urlState';
import { timelineOf } from './time/timeline';

/** The content with what the address asks for (layers, month, scene, feature, view…), each part checked against it; a part that names nothing there is a problem, and left out. */
export function withLink(content: SiteContent, params: URLSearchParams): AtlasContent {
	const { data, scenes } = content;
	const months = timelineOf(data.layers.map((l) => ({ features: l.data.features, series: l.def.series, asOf: l.def.asOf })));
	const fromLink = parseState(params, {
		layers: data.layers.map((l) => l.def.id),
		scenes: scenes.map((s) => s.id),
		months: months.length ? { first: months[0].month, last: months.at(-1)!.month } : undefined,
		hasFeature: (layer, id) => data.layers.some((l) => l.def.id === layer && l.data.features.some((f) => f.properties?.id === id))
	});
	return { ...content, link: fromLink.state, problems: [...content.problems, ...fromLink.problems] };
}
