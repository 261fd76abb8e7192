// momoa 2 ships no types; these cover the part the data checks read.
declare module '@humanwhocodes/momoa' {
	export type Location = { line: number; column: number; offset: number };
	export type Node = { type: string; loc: { start: Location; end: Location } };
	export function parse(text: string): { type: 'Document'; body: Node };
}
