// The embed tells its host page how tall it is, in the three protocols newsrooms run: pym.js,
// AMP's embed-size request, and the atlas's own message (read by static/embed.js). Messages go
// to the parent window only.

const HEIGHT_MESSAGE = 'ukraine-atlas:height';

export async function reportHeight(root: HTMLElement): Promise<() => void> {
	if (window.parent === window) return () => {};
	const { default: pym } = await import('pym.js');
	const pymChild = new pym.Child({ polling: 0 });
	let last = 0;
	const send = () => {
		const height = Math.ceil(root.getBoundingClientRect().height);
		if (height === last) return;
		last = height;
		window.parent.postMessage({ type: HEIGHT_MESSAGE, height }, '*');
		window.parent.postMessage({ sentinel: 'amp', type: 'embed-size', height }, '*');
		pymChild.sendHeight();
	};
	const observer = new ResizeObserver(send);
	observer.observe(root);
	send();
	return () => {
		observer.disconnect();
		pymChild.remove(); // pym's own message listener goes with it
	};
}

/** `reportHeight` from an effect: returns its stop at once, however late the reporter gets ready. */
export function watchHeight(root: HTMLElement): () => void {
	// a stop that comes before the reporter is ready stops it as soon as it is
	let stop: (() => void) | null = null;
	let gone = false;
	void reportHeight(root).then((s) => (gone ? s() : (stop = s)));
	return () => {
		gone = true;
		stop?.();
	};
}
