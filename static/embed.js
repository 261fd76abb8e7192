/* Ukraine's security guarantees atlas: keeps embedded atlas iframes fitted to their content.
   Paste after the iframe. Listens only to messages from those iframes' own windows and origins. */
(function () {
	'use strict';
	if (window.__ukraineAtlasEmbed) return;
	window.__ukraineAtlasEmbed = true;
	window.addEventListener('message', function (event) {
		var data = event.data;
		if (!data || data.type !== 'ukraine-atlas:height' || typeof data.height !== 'number') return;
		var frames = document.querySelectorAll('iframe[data-ukraine-atlas]');
		for (var i = 0; i < frames.length; i++) {
			var frame = frames[i];
			if (event.source !== frame.contentWindow) continue;
			if (event.origin !== new URL(frame.src, location.href).origin) continue;
			frame.style.height = Math.max(200, Math.min(4000, Math.ceil(data.height))) + 'px';
		}
	});
})();
