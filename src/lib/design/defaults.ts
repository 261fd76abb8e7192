/**
 * How a manifest layer is drawn where its `style` says nothing: one table, read by the live map's
 * style layers (map/styleLayers.ts), deck.gl's points (map/deck.ts) and the static SVG map and PNG
 * (render/staticMap.ts), so the three cannot drift apart. Sizes are CSS pixels; a dash is in
 * multiples of the line's width, as maplibre's `line-dasharray` is.
 */
export const PAINT = {
	point: {
		radius: 6,
		opacity: 1,
		/** the white ring round each dot */
		ringWidth: 1.5,
		ringColor: '#ffffff'
	},
	line: {
		width: 2.5,
		/** the white casing under a line: this much wider than the line, at this opacity */
		casingExtra: 2,
		casingOpacity: 0.8,
		casingColor: '#ffffff'
	},
	fill: { opacity: 0.6, outlineWidth: 0.8 },
	/** a zone (a buffer, a patrol area): a faint wash with a dashed edge */
	zone: { opacity: 0.18, outlineWidth: 1.5 },
	/** dash, gap, in line widths */
	dash: [3, 2] as [number, number],
	/** the diagonal hatch over an area whose manifest asks for it */
	hatch: { color: '#781414', opacity: 0.7 }
} as const;

export type Paint = typeof PAINT;

/** An area's fill opacity and outline width where its style sets none: a zone's, or any other fill's. */
export const areaDefaults = (kind: string) => (kind === 'zone' ? PAINT.zone : PAINT.fill);
