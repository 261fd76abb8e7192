// pym.js 1.3 ships no types; this covers the child the embed uses.
declare module 'pym.js' {
	const pym: { Child: new (config?: { polling?: number; id?: string }) => { sendHeight(): void; remove(): void } };
	export default pym;
}
