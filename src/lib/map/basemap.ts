import { feature, mesh } from 'topojson-client';
import type { FeatureCollection, MultiLineString, Point } from 'geojson';
import type { ExpressionSpecification, StyleSpecification } from 'maplibre-gl';
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
/** Where the build writes the detail (a PMTiles archive), under the site's assets. */
export const DETAIL_FILE = 'data/basemap.pmtiles';
/** Ukraine's oblasts: their boundaries are drawn from this zoom, their names from the next. */
export const OBLAST_LINES_FROM = 5;
export const OBLAST_NAMES_FROM = 6;
/** A town's dot, drawn as a signed-distance image so each theme colours it. */
export const TOWN_DOT = 'town-dot';
/** The labels each language changes. */
export const TEXT_LAYERS = [LABEL_LAYER, 'place-labels', 'water-labels', 'water-labels-front', 'oblast-labels'] as const;
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
