// The base map's detail (rivers, lakes, towns): its style layers, loaded with the detail itself,
// after the first view has drawn, so none of this code is fetched before the first paint.
import type { ExpressionSpecification, LayerSpecification, Map as MaplibreMap } from 'maplibre-gl';
import { DETAIL, LABEL_LAYER, OBLAST_LINES_FROM, OBLAST_NAMES_FROM, TEXT_LAYERS, textField, TOWN_DOT, type MapLanguage } from './basemap';
import type { LayerSpec } from '../manifest/specs';
import { labelFrom, labelText } from './styleLayers';
import type { Theme } from './theme';

/** Adds the base map's detail: water under the data layers, river names and towns with the labels above them. */
export function addDetail(map: MaplibreMap, url: string, theme: Theme, language: MapLanguage): void {
	map.addSource(DETAIL, { type: 'vector', url: `pmtiles://${url}` });
	map.addImage(TOWN_DOT, townDotImage(), { sdf: true });
	const { water, labels } = detailLayers(theme, language);
	// on the land, under the coasts, borders and every data layer
	for (const layer of water) map.addLayer(layer, 'coast');
	// above the data layers, under the country names: a town or river name stays readable on a shaded area
	for (const layer of labels) map.addLayer(layer, LABEL_LAYER);
}

/** Rewrites the map's labels (countries, towns, rivers, the points' names) in a language. */
export function writeLanguage(map: MaplibreMap, language: MapLanguage, specs: LayerSpec[], named: ReadonlySet<string>): void {
	for (const id of TEXT_LAYERS) if (map.getLayer(id)) map.setLayoutProperty(id, 'text-field', textField(language));
	for (const spec of specs) {
		const property = spec.def.style.label;
		if (property && map.getLayer(`${spec.id}:label`))
			map.setLayoutProperty(`${spec.id}:label`, 'text-field', labelText(property, language, labelFrom(spec.id, named)));
	}
}

/** The detail layers' colours for a theme (they exist only once the detail is added). */
export function detailPaint(theme: Theme) {
	return {
		'water-lakes': { 'fill-color': theme.sea },
		'water-former': { 'fill-color': theme.sea },
		'water-former-outline': { 'line-color': theme.river },
		'water-rivers': { 'line-color': theme.river },
		'oblast-lines': { 'line-color': theme.border },
		'water-labels': { 'text-color': theme.waterLabel, 'text-halo-color': theme.labelHalo },
		'water-labels-front': { 'text-color': theme.waterLabel, 'text-halo-color': theme.labelHalo },
		'oblast-labels': { 'text-color': theme.label, 'text-halo-color': theme.labelHalo },
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
	const width: ExpressionSpecification = ['coalesce', ['get', 'w'], 1];
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
				// by size: the Dnipro and the Danube about 3 px at zoom 8, a brook 1
				paint: {
					...paint['water-rivers'],
					'line-width': ['interpolate', ['linear'], ['zoom'], 3, ['*', 0.35, width], 6, ['*', 0.6, width], 9, ['*', 1.3, width]]
				}
			},
			{
				// Ukraine's oblasts: thin dashes on the land, under every data layer (seen through the occupied area's hatching)
				id: 'oblast-lines',
				type: 'line',
				source,
				'source-layer': 'oblasts',
				minzoom: OBLAST_LINES_FROM,
				layout: { 'line-join': 'round' },
				paint: {
					...paint['oblast-lines'],
					'line-width': ['interpolate', ['linear'], ['zoom'], OBLAST_LINES_FROM, 0.6, 9, 1.2],
					'line-dasharray': [4, 2],
					'line-opacity': 0.8
				}
			}
		] as LayerSpecification[],
		labels: [
			{
				// the oblasts' names, faint capitals under the towns' (a town wins where both would be written)
				id: 'oblast-labels',
				type: 'symbol',
				source,
				'source-layer': 'oblast-labels',
				minzoom: OBLAST_NAMES_FROM,
				filter: fromZoom(),
				layout: {
					'text-field': textField(language),
					'text-font': ['sans-serif'],
					'text-size': ['interpolate', ['linear'], ['zoom'], OBLAST_NAMES_FROM, 10, 9, 12],
					'text-transform': 'uppercase',
					'text-letter-spacing': 0.12,
					'text-max-width': 8,
					'text-padding': 6,
					// where a town's name is in the way, the name moves a little around its point rather than vanish
					'text-variable-anchor-offset': ['center', [0, 0], 'top', [0, 2.5], 'bottom', [0, -2.5], 'left', [3, 0], 'right', [-3, 0]]
				},
				paint: { ...paint['oblast-labels'], 'text-halo-width': 1.2, 'text-opacity': 0.75 }
			},
			{
				// where the front follows a river, its name on that stretch, from the zoom the front is read at
				id: 'water-labels-front',
				type: 'symbol',
				source,
				'source-layer': 'water',
				filter: ['==', ['get', 'front'], 1],
				minzoom: 6,
				layout: {
					'symbol-placement': 'line',
					'symbol-spacing': 160,
					'text-field': textField(language),
					'text-font': ['sans-serif'],
					'text-size': 12,
					'text-letter-spacing': 0.08,
					'text-max-angle': 45,
					'text-offset': [0, -0.8]
				},
				paint: { ...paint['water-labels-front'], 'text-halo-width': 1.4 }
			},
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
function townDotImage(): { width: number; height: number; data: Uint8Array } {
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
