/** The sizes offered: a social card, the article's wide picture, a square for feeds. Apart from the export's code, so the size picker loads without it. */
export const EXPORT_SIZES = [
	{ id: 'wide', width: 1600, height: 1000 },
	{ id: 'social', width: 1200, height: 675 },
	{ id: 'square', width: 1080, height: 1080 }
] as const;
export type ExportSize = (typeof EXPORT_SIZES)[number];
