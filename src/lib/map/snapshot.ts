import type { Map as MaplibreMap } from 'maplibre-gl';
import type { BBox } from '../geo/types';
import { cameraBounds } from '../geo/camera';

/**
 * What an image of `width` × `height` device pixels shows of the reader's map: the part of it no
 * panel covers, at the same centre and zoom, widened to the image's proportions. Drawn at that
 * zoom and scaled (the map's pixel ratio), so the image names the towns the screen names.
 */
export type ExportFrame = { center: [number, number]; zoom: number; cssWidth: number; cssHeight: number; scale: number; bounds: BBox };

export function exportFrame(map: MaplibreMap, width: number, height: number): ExportFrame {
	const { top = 0, bottom = 0, left = 0, right = 0 } = map.getPadding();
	const container = map.getContainer();
	const visibleWidth = Math.max(1, container.clientWidth - left - right);
	const visibleHeight = Math.max(1, container.clientHeight - top - bottom);
	// the image holds the whole of what the reader sees, and a little more along its longer side
	const scale = Math.min(width / visibleWidth, height / visibleHeight);
	const { lng, lat } = map.getCenter();
	const [cssWidth, cssHeight] = [width / scale, height / scale];
	const center: [number, number] = [lng, lat];
	return { center, zoom: map.getZoom(), cssWidth, cssHeight, scale, bounds: cameraBounds(center, map.getZoom(), cssWidth, cssHeight) };
}

/**
 * The map drawn as `frame` says, as a canvas of `width` × `height`: the container is resized and
 * its pixel ratio set for one frame and the pixels copied while the frame is still in the drawing
 * buffer; then the reader's map is as it was. Only the PNG export needs it, so it loads with the
 * export rather than with the map.
 */
export async function snapshot(map: MaplibreMap, idle: () => Promise<void>, width: number, height: number, frame: ExportFrame): Promise<HTMLCanvasElement> {
	const container = map.getContainer();
	const before = container.getAttribute('style') ?? '';
	const camera = { center: map.getCenter(), zoom: map.getZoom(), padding: map.getPadding() };
	const ratio = map.getPixelRatio();
	container.setAttribute('style', `${before};right:auto;bottom:auto;width:${frame.cssWidth}px;height:${frame.cssHeight}px`);
	map.setPixelRatio(frame.scale);
	map.resize();
	map.jumpTo({ center: frame.center, zoom: frame.zoom, padding: { top: 0, bottom: 0, left: 0, right: 0 } });
	await idle();
	const copy = document.createElement('canvas');
	copy.width = width;
	copy.height = height;
	await new Promise<void>((resolve) => {
		map.once('render', () => {
			copy.getContext('2d')!.drawImage(map.getCanvas(), 0, 0, width, height);
			resolve();
		});
		map.triggerRepaint();
	});
	container.setAttribute('style', before);
	map.setPixelRatio(ratio);
	map.resize();
	map.jumpTo(camera);
	return copy;
}
