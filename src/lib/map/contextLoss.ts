import type { Map as MaplibreMap } from 'maplibre-gl';

export type ContextHandlers = {
	/** the context is gone, and maplibre's style with it: nothing may touch the style until `onRestored` */
	onLost(): void;
	/** maplibre has rebuilt the style it saved at the loss; what it cannot save (feature state, deck.gl) goes back now */
	onRestored(): void;
	/** the context stayed lost past the grace period (true), or came back after all (false) */
	onGone?(gone: boolean): void;
};

/**
 * Follows the map's WebGL context through a loss (a GPU reset, a driver update, too many tabs).
 * maplibre saves its style when the context goes and sets it again when it comes back, parsed at
 * the next frame: `onRestored` runs once that style is in. A context the browser has not given
 * back within `graceMs` is reported as gone, so the page can show something other than a blank box.
 */
export function watchContext(map: MaplibreMap, handlers: ContextHandlers, graceMs = 3000): void {
	let timer: ReturnType<typeof setTimeout> | undefined;
	let gone = false;
	map.on('webglcontextlost', () => {
		handlers.onLost();
		clearTimeout(timer);
		timer = setTimeout(() => {
			gone = true;
			handlers.onGone?.(true);
		}, graceMs);
	});
	map.on('webglcontextrestored', () => {
		clearTimeout(timer);
		map.once('style.load', () => {
			handlers.onRestored();
			if (gone) handlers.onGone?.((gone = false));
		});
	});
}
