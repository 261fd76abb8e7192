import type { AtlasMap } from './atlasMap';

/**
 * The map drawn at `width` × `height` device pixels, as a canvas: the container is resized for
 * one frame and the pixels copied while the frame is still in the drawing buffer. Only the PNG
 * export needs it, so it loads with the export rather than with the map.
 */
export async function snapshot(atlas: AtlasMap, width: number, height: number): Promise<HTMLCanvasElement> {
	const { map } = atlas;
	const container = map.getContainer();
	const before = container.getAttribute('style') ?? '';
	const ratio = window.devicePixelRatio || 1;
	container.setAttribute('style', `${before};right:auto;bottom:auto;width:${width / ratio}px;height:${height / ratio}px`);
	map.resize();
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
	return copy;
}
