import { feature, mesh } from 'topojson-client';
import type { FeatureCollection, MultiLineString, Point } from 'geojson';
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { Topology, GeometryCollection } from 'topojson-specification';
import type { Theme } from './theme';
import { UKRAINE_ID, type Countries } from '../geo/types';

export type Basemap = {
	/** `iso` is the ISO 3166-1 numeric code (null for Kosovo and a few others) */
	countries: Countries;
	borders: MultiLineString;
	labels: FeatureCollection<Point, { name: string; name_uk?: string; area: number }>;
};

/** The languages the map's labels come in. */
export type MapLanguage = 'en' | 'uk';

export const LABEL_LAYER = 'country-labels';
/** The first of the base map's labels: data layers are drawn under it, so towns and rivers stay readable on them. */
export const LABELS_START = 'labels-start';
/** The base map's detail (rivers, lakes, towns), read tile by tile from the site's own archive once the first view has drawn. */
export const DETAIL = 'detail';
/** A town's dot, drawn as a signed-distance image so each theme colours it. */
export const TOWN_DOT = 'town-dot';
/** The labels each language changes. */
export const TEXT_LAYERS = [LABEL_LAYER, 'place-labels', 'water-labels'] as const;
/** The source of the country shapes; its features are identified by `iso`, so a choropleth can colour one by feature state. */
export const COUNTRIES = 'countries';
/** The feature state a choropleth sets on a country: the colour its land is drawn in. */
export const FILL_STATE = 'fill';

/** Decodes the build's TopoJSON: country shapes, and land borders only (not coasts). */
export function decodeBasemap(topology: Topology<{ countries: GeometryCollection<{ name: string }> }>, labels: Basemap['labels']): Basemap {
	const decoded = feature(topology, topology.objects.countries);
	return {
		countries: {
			type: 'FeatureCollection',
			features: decoded.features.map((f) => ({ ...f, properties: { name: f.properties!.name, iso: f.id === undefined ? null : String(f.id) } }))
		} as Basemap['countries'],
		borders: mesh(topology, topology.objects.countries, (a, b) => a !== b),
		labels
	};
}

/** A country's land colour in a theme: the rule the land layer's fill-color expression writes below. */
export const landColor = (theme: Theme, iso: string | null): string => (iso === UKRAINE_ID ? theme.ukraine : theme.land);

/** A label in a language: the Ukrainian name where the data has one. */
export const textField = (language: MapLanguage): ExpressionSpecification =>
	language === 'uk' ? ['coalesce', ['get', 'name_uk'], ['get', 'name']] : ['get', 'name'];

/** The base layers' colours for a theme: used to build the style and to switch themes live. */
export function basemapPaint(theme: Theme) {
	return {
		sea: { 'background-color': theme.sea },
		// a country a choropleth colours carries that colour as its feature state: the land draws it,
		// so no second copy of the country shapes is sent to a worker, cut into tiles and drawn again
		land: {
			'fill-color': [
				'case',
				['!=', ['feature-state', FILL_STATE], null],
				['to-color', ['feature-state', FILL_STATE]],
				['case', ['==', ['get', 'iso'], UKRAINE_ID], theme.ukraine, theme.land]
			]
		},
		coast: { 'line-color': theme.coast },
		borders: { 'line-color': theme.border },
		[LABEL_LAYER]: { 'text-color': theme.label, 'text-halo-color': theme.labelHalo }
	} as const;
}

/** The detail layers' colours for a theme (they exist only once the detail is added). */
export function detailPaint(theme: Theme) {
	return {
		'water-lakes': { 'fill-color': theme.sea },
		'water-former': { 'fill-color': theme.sea },
		'water-former-outline': { 'line-color': theme.river },
		'water-rivers': { 'line-color': theme.river },
		'water-labels': { 'text-color': theme.waterLabel, 'text-halo-color': theme.labelHalo },
		'place-labels': { 'text-color': theme.label, 'text-halo-color': theme.labelHalo, 'icon-color': theme.label }
	} as const;
}

/** From the feature's own zoom on: what thins the detail as the map zooms out. */
const fromZoom = (offset = 0): ExpressionSpecification => ['<=', ['get', 'z'], ['-', ['zoom'], offset]];

/**
 * The base map's detail over the `detail` vector source: lakes, the drained Kakhovka reservoir's
 * bed, rivers, then (in the label group, above every data layer) river names and towns. Towns are
 * a dot and a name placed together, larger places first; maplibre's collision drops what would overlap.
 */
export function detailLayers(theme: Theme, language: MapLanguage): { water: LayerSpecification[]; labels: LayerSpecification[] } {
	const paint = detailPaint(theme);
	const source = DETAIL;
	const kind = (k: string): ExpressionSpecification => ['==', ['get', 'kind'], k];
	return {
		water: [
			{ id: 'water-lakes', type: 'fill', source, 'source-layer': 'water', filter: ['all', kind('lake'), fromZoom()], paint: paint['water-lakes'] },
			{
				id: 'water-former',
				type: 'fill',
				source,
				'source-layer': 'water',
				filter: kind('former-lake'),
				paint: { ...paint['water-former'], 'fill-opacity': 0.35 }
			},
			{
				id: 'water-former-outline',
				type: 'line',
				source,
				'source-layer': 'water',
				filter: kind('former-lake'),
				paint: { ...paint['water-former-outline'], 'line-width': 0.8, 'line-dasharray': [2, 2] }
			},
			{
				id: 'water-rivers',
				type: 'line',
				source,
				'source-layer': 'water',
				filter: ['all', kind('river'), fromZoom()],
				layout: { 'line-join': 'round', 'line-cap': 'round' },
				paint: { ...paint['water-rivers'], 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.5, 6, 1, 9, 1.8] }
			}
		] as LayerSpecification[],
		labels: [
			{
				id: 'water-labels',
				type: 'symbol',
				source,
				'source-layer': 'water',
				filter: ['all', ['has', 'name'], kind('river'), fromZoom(1)],
				layout: {
					'symbol-placement': 'line',
					'text-field': textField(language),
					'text-font': ['sans-serif'],
					'text-size': 11,
					'text-letter-spacing': 0.05,
					'symbol-spacing': 350,
					'text-max-angle': 30
				},
				paint: { ...paint['water-labels'], 'text-halo-width': 1.2 }
			},
			{
				id: 'place-labels',
				type: 'symbol',
				source,
				'source-layer': 'places',
				filter: fromZoom(),
				layout: {
					'icon-image': TOWN_DOT,
					'icon-size': ['case', ['<=', ['get', 'z'], 4], 0.6, 0.45],
					'text-field': textField(language),
					'text-font': ['sans-serif'],
					'text-size': ['case', ['<=', ['get', 'z'], 3], 13, ['<=', ['get', 'z'], 5], 12, 11],
					'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
					'text-radial-offset': 0.5,
					'text-justify': 'auto',
					'text-max-width': 8,
					'symbol-sort-key': ['get', 'rank']
				},
				paint: { ...paint['place-labels'], 'text-halo-width': 1.4 }
			}
		] as LayerSpecification[]
	};
}

/** A town's dot: a filled circle as a signed-distance field (alpha falls off at the edge), coloured by `icon-color`. */
export function townDotImage(): { width: number; height: number; data: Uint8Array } {
	const size = 16;
	const data = new Uint8Array(size * size * 4);
	for (let y = 0; y < size; y++)
		for (let x = 0; x < size; x++) {
			const d = Math.hypot(x + 0.5 - size / 2, y + 0.5 - size / 2);
			// maplibre's SDF: 192 on the edge, more inside, less outside (8 units a pixel)
			const v = Math.max(0, Math.min(255, Math.round(192 - (d - 5) * 16)));
			data.set([0, 0, 0, v], (y * size + x) * 4);
		}
	return { width: size, height: size, data };
}

/** The whole base style, with no glyphs, sprite or tile URL: everything is inline or local. */
export function basemapStyle(theme: Theme, basemap: Basemap, language: MapLanguage = 'en'): StyleSpecification {
	const paint = basemapPaint(theme);
	return {
		version: 8,
		// paint changes take effect at once: with maplibre's default 300 ms transition every layer
		// just added fades in from its default colour, and the whole map is redrawn each frame until
		// it has (under a software GPU, each of those frames costs as much as a full one)
		transition: { duration: 0, delay: 0 },
		sources: {
			[COUNTRIES]: { type: 'geojson', data: basemap.countries, promoteId: 'iso' },
			borders: { type: 'geojson', data: { type: 'Feature', properties: {}, geometry: basemap.borders } },
			labels: { type: 'geojson', data: basemap.labels }
		},
		layers: [
			{ id: 'sea', type: 'background', paint: paint.sea },
			{
				id: 'land',
				type: 'fill',
				source: COUNTRIES,
				paint: paint.land as never
			},
			{ id: 'coast', type: 'line', source: COUNTRIES, paint: { ...paint.coast, 'line-width': 0.6 } },
			{ id: 'borders', type: 'line', source: 'borders', paint: { ...paint.borders, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.6, 7, 1.4] } },
			// draws nothing: marks where the labels begin, for the layers added later to find their place
			{ id: LABELS_START, type: 'background', layout: { visibility: 'none' }, paint: { 'background-opacity': 0 } },
			{
				id: LABEL_LAYER,
				type: 'symbol',
				source: 'labels',
				filter: ['>', ['get', 'area'], ['interpolate', ['linear'], ['zoom'], 3, 60000, 5, 2000, 6, 0]],
				layout: {
					'text-field': textField(language) as never,
					'text-font': ['sans-serif'],
					'text-size': ['interpolate', ['linear'], ['zoom'], 3, 10, 7, 14],
					'symbol-sort-key': ['-', 0, ['get', 'area']],
					'text-max-width': 7
				},
				paint: { ...paint[LABEL_LAYER], 'text-halo-width': 1.2 }
			}
		]
	};
}
