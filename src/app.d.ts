// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	/** the site's absolute address from the build's SITE_URL, or '' (then addresses stay relative) */
	const __SITE_URL__: string;
	interface Window {
		/** The atlas's automation handle, read by the end-to-end tests and useful when debugging an embed. */
		__atlas?: import('$lib/atlas/handle').AtlasHandle;
	}
}
export {};
