import type { AtlasMap } from './atlasMap';
import type { BBox } from '../geo/types';

/**
 * The map drawn at `width` × `height` device pixels, as a canvas: the container is resized for
 * one frame (and, given a `frame`, the camera fitted to it) and the pixels copied while the frame
 * is still in the drawing buffer; then the reader's map is as it was. Only the PNG
 * export needs it, so it loads with the export rather than with the map.
 */
export async function snapshot(atlas: AtlasMap, width: number, height: number, frameOf?: (view: BBox) => BBox | null): Promise<HTMLCanvasElement> {
	const { map } = atlas;
	const b = map.getBounds();
	const frame = frameOf?.([b.getWest(), b.getSouth(), b.getEast(), b.getNorth()]);
	const container = map.getContainer();
	const before = container.getAttribute('style') ?? '';
	const camera = { center: map.getCenter(), zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
	const ratio = window.devicePixelRatio || 1;
	container.setAttribute('style', `${before};right:auto;bottom:auto;width:${width / ratio}px;height:${height / ratio}px`);
	map.resize();
	// the image frames the data it shows (with a margin), never closer than a town's zoom
	if (frame) map.fitBounds(frame, { padding: Math.round(Math.min(width, height) / ratio / 16), maxZoom: Math.max(camera.zoom, 7), animate: false });
	await atlas.idle();
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
	map.resize();
	if (frame) map.jumpTo(camera);
	return copy;
}
