// The save endpoint's token for this tab. `npm run editor` (and `npm run dev`) print the editor's
// address with `#token=…`: the page keeps it in sessionStorage for its tab and takes it out of the
// address bar, so it is not copied along with a link or left in the history. A fragment is never
// sent to a server, so it reaches no log either.
const KEY = 'atlas-save-token';

/** The token from the address (kept) or from earlier in this tab; null where the site has no save endpoint. */
export function takeSaveToken(): string | null {
	const match = /(?:^#|&)token=([A-Za-z0-9_-]{16,})/.exec(location.hash);
	try {
		if (match) {
			sessionStorage.setItem(KEY, match[1]);
			history.replaceState(history.state, '', location.pathname + location.search);
			return match[1];
		}
		return sessionStorage.getItem(KEY);
	} catch {
		// storage refused (a private window's rules): the token lives as long as the page
		return match?.[1] ?? null;
	}
}

/** Forgets a token the server no longer takes (it was restarted). */
export function dropSaveToken(): void {
	try {
		sessionStorage.removeItem(KEY);
	} catch {
		// nothing kept
	}
}
