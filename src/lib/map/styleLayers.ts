import type { FeatureCollection } from 'geojson';
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import type { LayerSpec } from '../manifest/specs';
import { colorOf, UNCLASSIFIED } from '../manifest/legend';
import { shownIn, type Month } from '../time/timeline';
import { landColor } from './basemap';
import { rgb, type Rgb, type Theme } from './theme';
import { areaDefaults, PAINT } from '../design/defaults';

export const sourceId = (spec: LayerSpec) => `layer:${spec.id}`;
export const HATCH_IMAGE = 'hatch';
/** An empty image: a point's place in maplibre's label collision, so no town's name is written over it. */
export const BLOCKER_IMAGE = 'blocker';
/** The style layers that go above the base map's labels (a point's own name and its place in the collision). */
export const isTopLayer = (layerId: string) => layerId.endsWith(':label');

/** The colour rule as a style expression: by category when the manifest says so, else one colour. */
function colorExpression(spec: LayerSpec): ExpressionSpecification | string {
	const by = spec.def.style.by;
	if (!by) return spec.color;
	const pairs = by.categories.flatMap((c) => [c.value, c.color]);
	return ['match', ['to-string', ['get', by.property]], ...pairs, UNCLASSIFIED] as ExpressionSpecification;
}

/**
 * The maplibre style layers that draw one manifest layer, by kind. Pure, so every generated
 * layer can be checked against the style specification in a unit test.
 */
export function styleLayersFor(spec: LayerSpec, visible = true): LayerSpecification[] {
	const layers = styleLayersByKind(spec, visible);
	// a vector-tile source holds named layers: each style layer draws the one the manifest names
	const sourceLayer = spec.def.sourceLayer;
	return sourceLayer ? layers.map((l) => ({ ...l, 'source-layer': sourceLayer }) as LayerSpecification) : layers;
}

function styleLayersByKind(spec: LayerSpec, visible: boolean): LayerSpecification[] {
	const parts = partsOf(spec, visible);
	switch (spec.def.kind) {
		case 'choropleth':
			return choroplethLayers(parts);
		case 'fill':
		case 'zone':
			return areaLayers(parts);
		case 'line':
			return lineLayers(parts);
		case 'point':
			return pointLayers(parts);
	}
}

/** What every kind's style layers share: the source, the colour rule, ids, visibility, the dash and the hatch. */
function partsOf(spec: LayerSpec, visible: boolean) {
	const source = sourceId(spec);
	const { style, kind } = spec.def;
	const color = colorExpression(spec);
	const id = (part: string) => `${spec.id}:${part}`;
	const visibility = visible ? 'visible' : 'none';
	const layout = { visibility } as const;
	const dash = style.dash ? { 'line-dasharray': [...PAINT.dash] } : {};
	const hatch: LayerSpecification = {
		id: id('hatch'),
		type: 'fill',
		source,
		layout,
		paint: { 'fill-pattern': HATCH_IMAGE, 'fill-opacity': PAINT.hatch.opacity, 'fill-antialias': false }
	};
	return { source, style, kind, color, id, layout, dash, hatch };
}
type Parts = ReturnType<typeof partsOf>;

function choroplethLayers({ style, id, source, layout, color, dash, hatch }: Parts): LayerSpecification[] {
	// the fill is the base map's land, coloured by feature state (see countryFills); what the
	// land cannot draw stays a style layer: a hatch, and an outline when the manifest sets a width
	const layers: LayerSpecification[] = [];
	if (style.hatch) layers.push(hatch);
	if (style.width !== undefined)
		layers.push({ id: id('outline'), type: 'line', source, layout, paint: { 'line-color': color, 'line-width': style.width, ...dash } });
	return layers;
}

function areaLayers({ style, kind, id, source, layout, color, dash, hatch }: Parts): LayerSpecification[] {
	// the outline below draws every edge, antialiased: the fills' own antialiasing would be a
	// second pass over the same edges, each frame, for nothing a reader could see
	const fills: LayerSpecification[] = [
		{
			id: id('fill'),
			type: 'fill',
			source,
			layout,
			paint: { 'fill-color': color, 'fill-opacity': style.opacity ?? areaDefaults(kind).opacity, 'fill-antialias': false }
		}
	];
	if (style.hatch) fills.push(hatch);
	fills.push({
		id: id('outline'),
		type: 'line',
		source,
		layout,
		paint: {
			'line-color': color,
			'line-width': style.width ?? areaDefaults(kind).outlineWidth,
			...(kind === 'zone' ? { 'line-dasharray': [...PAINT.dash] } : dash)
		}
	});
	return fills;
}

function lineLayers({ style, id, source, layout, color, dash }: Parts): LayerSpecification[] {
	return [
		{
			id: id('casing'),
			type: 'line',
			source,
			layout: { ...layout, 'line-join': 'round', 'line-cap': 'round' },
			paint: {
				'line-color': PAINT.line.casingColor,
				'line-width': (style.width ?? PAINT.line.width) + PAINT.line.casingExtra,
				'line-opacity': PAINT.line.casingOpacity
			}
		},
		{
			id: id('line'),
			type: 'line',
			source,
			layout: { ...layout, 'line-join': 'round', 'line-cap': 'round' },
			paint: { 'line-color': color, 'line-width': style.width ?? PAINT.line.width, ...dash }
		}
	];
}

function pointLayers({ style, id, source, layout, color }: Parts): LayerSpecification[] {
	const radius = style.radius ?? PAINT.point.radius;
	const label = style.label;
	return [
		{
			id: id('circle'),
			type: 'circle',
			source,
			layout,
			paint: {
				'circle-color': color,
				'circle-radius': radius,
				'circle-stroke-color': PAINT.point.ringColor,
				'circle-stroke-width': PAINT.point.ringWidth,
				'circle-opacity': style.opacity ?? PAINT.point.opacity
			}
		},
		{
			// an invisible square over the dot in the label collision (towns give way to a hub or a
			// base, whose name is beside it), and the point's name where the manifest asks for one and
			// it fits. Points without names (incursions) push no town away: Vilnius and Chișinău stay named.
			id: id('label'),
			type: 'symbol',
			source,
			layout: {
				...layout,
				'icon-image': BLOCKER_IMAGE,
				'icon-size': radius + PAINT.point.ringWidth,
				'icon-allow-overlap': true,
				...(label ? {} : { 'icon-ignore-placement': true }),
				...(label
					? {
							'text-field': labelText(label, 'en'),
							'text-font': ['sans-serif'],
							'text-size': 11.5,
							'text-optional': true,
							// to the right of the dot first: the named points (hubs, bases) lie west of the story's
							// subject, so a scene framed on a phone has them near its left edge
							'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
							'text-radial-offset': (radius + 4) / 12,
							'text-max-width': 9
						}
					: {})
			},
			paint: { 'icon-opacity': 0, ...(label ? { 'text-color': '#1a202c', 'text-halo-color': '#ffffff', 'text-halo-width': 1.5 } : {}) }
		}
	];
}

/**
 * The data maplibre is given for a layer: each feature with only what its style layers read, its
 * id and its index. maplibre copies every property to its worker and into each tile it cuts; a
 * card reads the rest from the layer's own data, by the index.
 */
export function drawnData(spec: LayerSpec): FeatureCollection {
	const keys = ['id', '_i', 'date'];
	for (const [, key] of JSON.stringify(styleLayersFor(spec)).matchAll(/\["get","([^"]+)"\]/g)) keys.push(key, `${key}_uk`);
	return {
		type: 'FeatureCollection',
		features: spec.display.features.map((f) => ({
			...f,
			properties: Object.fromEntries(keys.filter((k) => f.properties?.[k] !== undefined).map((k) => [k, f.properties![k]]))
		}))
	};
}

/** A point's label in a language: `<property>_uk` in Ukrainian where the feature has it. */
export const labelText = (property: string, language: 'en' | 'uk', from = POINT_LABEL_ZOOM): ExpressionSpecification => [
	'step',
	['zoom'],
	'',
	// a hub's or base's name is written once a reader has zoomed in to its region: at the opening
	// view of Europe a dozen long names would bury the capitals (the point itself blocks labels at
	// every zoom). A tour scene about the layer names its points at any zoom (`from` 0).
	from,
	language === 'uk' ? ['coalesce', ['get', `${property}_uk`], ['get', property]] : ['get', property]
];
/** The zoom a point layer's names are written from: any zoom in a scene about it. */
export const labelFrom = (layerId: string, named: ReadonlySet<string>) => (named.has(layerId) ? 0 : POINT_LABEL_ZOOM);
/** The zoom from which the points' own names are written. */
export const POINT_LABEL_ZOOM = 4.5;

/** A point's label layer in the map's language and theme (the style layers are made in English, light). */
export function localised(
	layer: LayerSpecification,
	spec: LayerSpec,
	language: 'en' | 'uk',
	theme: Theme,
	named: ReadonlySet<string> = new Set()
): LayerSpecification {
	const property = spec.def.style.label;
	if (!property || layer.type !== 'symbol' || !layer.id.endsWith(':label')) return layer;
	return {
		...layer,
		layout: { ...layer.layout, 'text-field': labelText(property, language, labelFrom(spec.id, named)) },
		paint: { ...layer.paint, ...pointLabelPaint(theme) }
	};
}

/** A point's name in a theme: the base map's label colours, a little stronger. */
const pointLabelPaint = (theme: Theme) => ({ 'text-color': theme.label, 'text-halo-color': theme.labelHalo });

/** Recolours the points' names on a map for a theme. */
export function paintPointLabels(map: import('maplibre-gl').Map, specs: LayerSpec[], theme: Theme): void {
	for (const spec of specs)
		if (spec.def.style.label && map.getLayer(`${spec.id}:label`))
			for (const [property, value] of Object.entries(pointLabelPaint(theme))) map.setPaintProperty(`${spec.id}:label`, property, value);
}

/** A 2x2 transparent image, scaled by `icon-size` to a point's size. */
export const blockerImage = () => ({ width: 2, height: 2, data: new Uint8Array(16) });

/** A country coloured by the choropleths: its colour, and the topmost layer's row for a pick. */
export type CountryFill = { color: string; layerId: string; index: number };

/**
 * What each country's land shows with the choropleths drawn into it: their colours laid over the
 * land in layer order at their opacity, the blend the GPU would make of separate fill layers, and
 * the topmost layer's row, for a pick. Hidden layers, and rows dated after `until`, add nothing.
 * Choropleths thus draw under every other data layer, as the land does.
 */
export function countryFills(specs: LayerSpec[], theme: Theme, until: Month | null, shown: (layerId: string) => boolean): Map<string, CountryFill> {
	const fills = new Map<string, CountryFill>();
	for (const spec of specs) {
		if (spec.def.kind !== 'choropleth' || !shown(spec.id)) continue;
		const alpha = spec.def.style.opacity ?? PAINT.fill.opacity;
		for (const f of spec.display.features) {
			if (!shownIn(spec.def, f, until)) continue;
			const iso = String(f.properties?.[spec.def.joinProperty!]);
			const under = fills.get(iso)?.color ?? landColor(theme, iso);
			fills.set(iso, { color: blend(colorOf(spec.def, f.properties), under, alpha), layerId: spec.id, index: Number(f.properties?._i) });
		}
	}
	return fills;
}

/** `over` at `alpha` on `under`, both `#rrggbb`, as alpha blending draws it. */
export function blend(over: string, under: string, alpha: number): string {
	const [a, b] = [rgb(over), rgb(under)];
	const mixed = a.map((c, i) => Math.round(c * alpha + b[i] * (1 - alpha)));
	return `#${mixed.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** The layers a pointer can pick: the filled or drawn part, not casings and outlines. */
export function pickableLayerIds(spec: LayerSpec): string[] {
	return styleLayersFor(spec)
		.filter((l) => !l.id.endsWith(':casing') && !l.id.endsWith(':outline') && !l.id.endsWith(':hatch') && !l.id.endsWith(':label'))
		.map((l) => l.id);
}

/** A 16x16 diagonal hatch as raw RGBA, so no image file or canvas is needed. */
export function hatchImage(ink: Rgb = rgb(PAINT.hatch.color)): { width: number; height: number; data: Uint8Array } {
	const size = 16;
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			const on = (x + y) % 8 < 2;
			data.set(on ? [...ink, 255] : [0, 0, 0, 0], (y * size + x) * 4);
		}
	return { width: size, height: size, data };
}

const COVERAGE_COLOR = '#2f855a';

/** The coverage overlay: a light green wash with a firm edge, clearly not a manifest layer. */
export function coverageLayers(): LayerSpecification[] {
	return [
		{ id: 'coverage:fill', type: 'fill', source: 'coverage', paint: { 'fill-color': COVERAGE_COLOR, 'fill-opacity': 0.22, 'fill-antialias': false } },
		{ id: 'coverage:outline', type: 'line', source: 'coverage', paint: { 'line-color': COVERAGE_COLOR, 'line-width': 2 } }
	];
}
