// The feature card keeps clear of its feature on a wide screen: it sits at the map's bottom left,
// unless its point lies under it there; then it moves to the bottom right, clear of the side panel.
import type { AtlasMap } from '../map/atlasMap';

/** The map the card lies on, its feature's point, and the id of the chrome's panel over the map. */
export type CardPlace = { map: AtlasMap | null | undefined; at: [number, number] | null; panel: string };

/** A Svelte action on the card's box: sets its `right` class while the point would be under it on the left. */
export function placeCard(node: HTMLElement, place: CardPlace) {
	let current = place;
	const update = () => {
		const { map, at } = current;
		node.classList.remove('right');
		if (!map || !at || matchMedia('(max-width: 640px)').matches) return;
		const box = node.getBoundingClientRect();
		const { x: px, y: py, box: mapBox } = map.onPage(at);
		// the point with its symbol's reach around it
		const under = px > box.left - 16 && px < box.right + 16 && py > box.top - 16 && py < box.bottom + 16;
		if (!under) return;
		// left of a side panel lying over the map's right (the explorer's), else at the map's right edge
		const panel = document.getElementById(current.panel)?.getBoundingClientRect();
		const beside = panel && panel.width > 0 && panel.width < mapBox.width / 2 && panel.right > mapBox.right - 80;
		node.style.setProperty('--card-right', `${Math.round(beside ? mapBox.right - panel.left + 12 : 10)}px`);
		node.classList.add('right');
	};
	// after the card's content is laid out, and again where the reader moves the map
	const frame = () => requestAnimationFrame(update);
	frame();
	let stop = current.map?.onMoveEnd(frame);
	return {
		update(next: CardPlace) {
			stop?.();
			current = next;
			stop = current.map?.onMoveEnd(frame);
			frame();
		},
		destroy() {
			stop?.();
		}
	};
}
