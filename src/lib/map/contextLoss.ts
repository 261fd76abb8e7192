import type { Map as MaplibreMap } from 'maplibre-gl';
import type { MapLayers } from './mapLayers';

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
function watchContext(map: MaplibreMap, handlers: ContextHandlers, graceMs = 3000): void {
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

/**
 * Through a lost WebGL context: maplibre saves its style and sets it again on the restored
 * context, but feature state (the choropleths' colours) and deck.gl's layers are not in a style,
 * and whatever the viewer changed meanwhile never reached it. All of it goes back from the atlas's
 * record: while the context is lost, its calls are recorded, not applied (`lost`).
 */
export function survive(atlas: MapLayers, onGone?: (gone: boolean) => void): void {
	watchContext(atlas.map, {
		onLost: () => {
			let resolve = () => {};
			const restored = new Promise<void>((r) => (resolve = r));
			atlas.lost ??= { restored, resolve, language: atlas.language };
			void atlas.dropDeck();
		},
		onRestored: () => {
			const waiting = atlas.lost;
			atlas.lost = null;
			atlas.fills = new Map(); // the rebuilt style has no feature state
			for (const spec of atlas.specs.filter((s) => s.def.renderer !== 'deck'))
				for (const layer of atlas.styles.styleLayersFor(spec))
					if (atlas.map.getLayer(layer.id)) atlas.map.setLayoutProperty(layer.id, 'visibility', atlas.isShown(spec.id) ? 'visible' : 'none');
			atlas.setTheme(atlas.theme);
			if (waiting && waiting.language !== atlas.language) atlas.writeLanguage();
			atlas.applyTime();
			atlas.highlight(atlas.highlighted, atlas.highlightLabel);
			void atlas.setCoverage(atlas.covered);
			void atlas.redrawDeck();
			waiting?.resolve();
		},
		onGone
	});
}
