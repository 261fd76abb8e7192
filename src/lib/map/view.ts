// The atlas's opening view, without maplibre (whose CSS import Node cannot load), so the build's
// static map and the bench use it too.
import { fitCamera } from '../geo/camera';
import type { BBox } from '../geo/types';
import { PHONE_MAX_PX } from '../design/layout';

/** The window a scene's camera is written for (CSS pixels): what it shows there is what it frames on a phone. */
export const SCENE_WINDOW = { width: 1280, height: 800 } as const;

/** Ukraine in its recognised borders, Crimea included, from Uzhhorod to the Luhansk border: a phone's first view. */
const UKRAINE_BOX: BBox = [22.1, 44.3, 40.3, 52.4];
/** The coalition's European members, Lisbon and Dublin to Kyiv and Helsinki, and all of Ukraine: a wider screen's first view. */
const EUROPE_BOX: BBox = [-10.5, 36.5, 40.3, 61];

/**
 * The first view for a map `width` × `height` CSS pixels, `padding` of it under panels: on a phone
 * the whole of Ukraine with the front, elsewhere the coalition's European members too, each the
 * closest view that shows its box whole in the part no panel covers.
 */
export function firstView(width: number, height: number, padding = { top: 0, right: 0, bottom: 0, left: 0 }): { center: [number, number]; zoom: number } {
	const phone = width <= PHONE_MAX_PX;
	const margin = phone ? 8 : 24;
	return fitCamera(phone ? UKRAINE_BOX : EUROPE_BOX, width - padding.left - padding.right - 2 * margin, height - padding.top - padding.bottom - 2 * margin, {
		maxZoom: phone ? 6 : 4.5,
		minZoom: 2
	});
}

/** The opening view on the desktop window scenes are written for: the build's static map and the bench draw it. */
export const DEFAULT_VIEW = firstView(SCENE_WINDOW.width, SCENE_WINDOW.height);
