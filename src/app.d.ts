// See https://svelte.dev/docs/kit/types#app.d.ts
declare global {
	namespace App {}
	interface Window {
		/** The atlas's automation handle, read by the end-to-end tests and useful when debugging an embed. */
		__atlas?: import('$lib/atlasHandle').AtlasHandle;
	}
}
export {};
