import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Feature, Geometry } from 'geojson';
import type { LayerSpecification } from 'maplibre-gl';
import { PAINT } from '../../src/lib/design/defaults';
import { styleLayersFor } from '../../src/lib/map/styleLayers';
import { createDeckLayers } from '../../src/lib/map/deck';
import { staticMapSvg } from '../../src/lib/render/staticMap';
import type { LayerDef } from '../../src/lib/manifest/schema';
import { layerSpec } from '../../src/lib/manifest/specs';
import type { LoadedLayer } from '../../src/lib/manifest/load';

type Drawn = { layers: { props: Record<string, unknown> }[] };
// deck.gl's overlay needs WebGL: a stand-in keeps the layers it is given
const overlays = vi.hoisted(() => [] as { props: Drawn }[]);
vi.mock('@deck.gl/mapbox', () => ({
	MapboxOverlay: class {
		props: Drawn = { layers: [] };
		constructor() {
			overlays.push(this);
		}
		setProps(props: Drawn) {
			this.props = props;
		}
	}
}));

const noCountries = { type: 'FeatureCollection' as const, features: [] };
const feature = (geometry: Feature['geometry']): Feature => ({ type: 'Feature', properties: {}, geometry });
const GEOMETRY: Record<'point' | 'line' | 'fill', Geometry> = {
	point: { type: 'Point', coordinates: [30.5, 49] },
	line: {
		type: 'LineString',
		coordinates: [
			[28, 48],
			[33, 50]
		]
	},
	fill: {
		type: 'Polygon',
		coordinates: [
			[
				[28, 48],
				[33, 48],
				[33, 51],
				[28, 51],
				[28, 48]
			]
		]
	}
};

function loaded(kind: LayerDef['kind'], style: LayerDef['style'] = {}): LoadedLayer {
	// a zone is drawn round a point, its radius in a property
	const geometry = GEOMETRY[kind === 'point' || kind === 'zone' ? 'point' : kind === 'line' ? 'line' : 'fill'];
	const def = { id: kind, title: kind, file: `${kind}.geojson`, kind, style, sources: ['s'], radiusProperty: 'km' } as LayerDef;
	const data = { type: 'FeatureCollection' as const, features: [{ ...feature(geometry), properties: { km: 100 } }] };
	return { index: 0, def, data, problems: [] };
}

/** What each of the three drawings makes of a layer whose manifest style sets nothing. */
function live(kind: LayerDef['kind'], style: LayerDef['style'] = {}) {
	const layers = styleLayersFor(layerSpec(loaded(kind, style), noCountries));
	return (part: string) =>
		layers.find((l) => l.id === `${kind}:${part}`) as LayerSpecification & { paint: Record<string, unknown>; layout: Record<string, unknown> };
}
/** The props of the deck.gl layer that draws a point layer. */
function deckPoint() {
	const map = { addControl() {}, getMaxZoom: () => 14, on() {} };
	void createDeckLayers(map as never, PAINT).set([layerSpec(loaded('point'), noCountries)], 'top', null, () => true);
	return overlays.at(-1)!.props.layers[0].props;
}
const svgOf = (kind: LayerDef['kind'], style: LayerDef['style'] = {}) =>
	staticMapSvg(
		{ countries: noCountries, borders: { type: 'MultiLineString', coordinates: [] }, layers: [loaded(kind, style)] },
		{ view: { center: [30.5, 49], zoom: 4, width: 800, height: 600 }, title: 'T' }
	).match(new RegExp(`<g data-layer="${kind}">.*?</g></g>`))![0];

const saved = structuredClone(PAINT);
/** The table with one value changed, as an editor of this file might change it. */
function setPaint(path: string, value: unknown) {
	const keys = path.split('.');
	const last = keys.pop()!;
	const at = keys.reduce((o: Record<string, unknown>, k) => o[k] as Record<string, unknown>, PAINT as unknown as Record<string, unknown>);
	at[last] = value;
}
afterEach(() => {
	for (const key of Object.keys(saved) as (keyof typeof PAINT)[]) Object.assign(PAINT[key], saved[key]);
});

describe('one table of rendering defaults, read by the live map, deck.gl and the static map', () => {
	it('draws with the table as it stands', () => {
		expect(live('point')('circle').paint['circle-radius']).toBe(6);
		expect(live('line')('line').paint['line-width']).toBe(2.5);
		expect(live('fill')('fill').paint['fill-opacity']).toBe(0.6);
		expect(live('zone')('fill').paint['fill-opacity']).toBe(0.18);
		expect(live('zone')('outline').paint['line-dasharray']).toEqual([3, 2]);
	});

	it('a point radius changed in the table moves all three', () => {
		setPaint('point.radius', 7.25);
		setPaint('point.ringWidth', 1.75);
		expect(live('point')('circle').paint).toMatchObject({ 'circle-radius': 7.25, 'circle-stroke-width': 1.75 });
		expect(live('point')('label').layout['icon-size']).toBe(9);
		expect(deckPoint()).toMatchObject({ getRadius: 7.25, getLineWidth: 1.75 });
		expect(svgOf('point')).toMatch(/stroke-width="1.75".* r="7.25"/);
	});

	it('a line width, casing and dash changed in the table move the live map and the static map', () => {
		setPaint('line.width', 3.5);
		setPaint('line.casingExtra', 3);
		setPaint('line.casingOpacity', 0.7);
		setPaint('dash', [4, 1]);
		expect(live('line', { dash: true })('line').paint).toMatchObject({ 'line-width': 3.5, 'line-dasharray': [4, 1] });
		expect(live('line')('casing').paint).toMatchObject({ 'line-width': 6.5, 'line-opacity': 0.7 });
		const svg = svgOf('line', { dash: true });
		expect(svg).toContain('stroke-width="6.5" stroke-opacity="0.7"');
		expect(svg).toContain('stroke-width="3.5" stroke-dasharray="14 3.5"');
	});

	it("a fill's and a zone's opacity and outline changed in the table move the live map and the static map", () => {
		setPaint('fill.opacity', 0.55);
		setPaint('fill.outlineWidth', 0.9);
		setPaint('zone.opacity', 0.2);
		setPaint('zone.outlineWidth', 2);
		setPaint('hatch.opacity', 0.65);
		expect(live('fill', { hatch: true })('fill').paint['fill-opacity']).toBe(0.55);
		expect(live('fill', { hatch: true })('hatch').paint['fill-opacity']).toBe(0.65);
		expect(live('fill')('outline').paint['line-width']).toBe(0.9);
		expect(live('zone')('fill').paint['fill-opacity']).toBe(0.2);
		expect(live('zone')('outline').paint['line-width']).toBe(2);
		expect(svgOf('fill', { hatch: true })).toMatch(/stroke-width="0.9".*fill-opacity="0.55".*fill-opacity="0.65"/);
		expect(svgOf('zone')).toMatch(/stroke-width="2".*stroke-dasharray="6 4".*fill-opacity="0.2"/);
	});
});
