import type { Content } from '../content/content';
import type { Problem } from '../manifest/errors';
import { parseState, type AtlasState } from '../state/urlState';
import { countsAsEvents, timelineOf } from '../time/timeline';

/**
 * What the address asks of the content (layers, month, scene, feature, view…), each part checked
 * against it: a part that names nothing there is a problem, and left out.
 */
export function linkOf(content: Content, params: URLSearchParams): { link: AtlasState; problems: Problem[] } {
	const { data, scenes } = content;
	const months = timelineOf(data.layers.map((l) => ({ features: countsAsEvents(l.def) ? l.data.features : [], versions: l.def.versions })));
	const fromLink = parseState(params, {
		layers: data.layers.map((l) => l.def.id),
		scenes: scenes.map((s) => s.id),
		months: months.length ? { first: months[0].month, last: months.at(-1)!.month } : undefined,
		// a dated layer's feature of another month is in a version not loaded yet: its card is not
		// opened, but the address is not wrong, so no notice says it is
		hasFeature: (layer, id) => data.layers.some((l) => l.def.id === layer && (!!l.def.versions || l.data.features.some((f) => f.properties?.id === id)))
	});
	return { link: fromLink.state, problems: fromLink.problems };
}
