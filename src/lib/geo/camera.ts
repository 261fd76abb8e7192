// Cameras as maplibre places them, without maplibre: what a camera shows in a window, and the
// camera that shows a box whole. Pure and small (Web Mercator only), so the first view can be
// fitted to the screen before the map's own code has loaded.
import { latitudeAt, mercator, WORLD_PX } from './mercator';
import type { BBox } from './types';

/** The box a camera shows in a window of `width` × `height` CSS pixels (no bearing or pitch). */
export function cameraBounds(center: [number, number], zoom: number, width: number, height: number): BBox {
	const size = WORLD_PX * 2 ** zoom;
	const halfLng = (width / 2 / size) * 360;
	const [, y] = mercator(center);
	return [center[0] - halfLng, latitudeAt(y + height / 2 / size), center[0] + halfLng, latitudeAt(y - height / 2 / size)];
}

/**
 * The camera that shows `box` whole in a window of `width` × `height` CSS pixels: the box's centre
 * (in Web Mercator, as the map draws it) and the closest zoom at which it fits, no closer than
 * `maxZoom` (a point, which fits at any zoom, gets `maxZoom`) and no further out than `minZoom`.
 * Pure, so a phone's framing is tested without a browser; the map applies it with the covered
 * insets as its padding, so the box lands in the part of the map no panel hides.
 *
 * @example
 * fitCamera([22, 46.5, 24, 50.1], 300, 400, { maxZoom: 4.9 }) // { center: [23, 48.33…], zoom: 4.9 }
 */
export function fitCamera(
	box: BBox,
	width: number,
	height: number,
	{ maxZoom, minZoom = 0 }: { maxZoom: number; minZoom?: number }
): { center: [number, number]; zoom: number } {
	const [w, s, e, n] = box;
	const [x0, y0] = mercator([w, n]);
	const [x1, y1] = mercator([e, s]);
	const spanX = Math.max(x1 - x0, 0) * WORLD_PX;
	const spanY = Math.max(y1 - y0, 0) * WORLD_PX;
	// the zoom at which each span fills its side of the window (infinite for a span of nothing)
	const fits = Math.min(Math.log2(Math.max(width, 1) / spanX), Math.log2(Math.max(height, 1) / spanY));
	const zoom = Math.max(minZoom, Math.min(maxZoom, fits));
	return { center: [(w + e) / 2, latitudeAt((y0 + y1) / 2)], zoom };
}
