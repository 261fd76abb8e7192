import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStyle, type Basemap } from '../../src/lib/map/basemap';
import { blend, countryFills, drawnData, sourceId, styleLayersFor } from '../../src/lib/map/styleLayers';
import { DARK, LIGHT } from '../../src/lib/map/theme';
import { KINDS, type LayerDef } from '../../src/lib/manifest/schema';
import type { LayerSpec } from '../../src/lib/manifest/specs';

const empty: Basemap = {
	countries: { type: 'FeatureCollection', features: [] },
	borders: { type: 'MultiLineString', coordinates: [] },
	labels: { type: 'FeatureCollection', features: [] }
};

function specOf(def: Partial<LayerDef>, rows: Record<string, unknown>[] = []): LayerSpec {
	const full = { id: 'x', title: 'X', file: 'x.geojson', kind: 'point', style: {}, sources: ['s'], ...def } as LayerDef;
	const features = rows.map((properties, _i) => ({
		type: 'Feature' as const,
		geometry: { type: 'Point' as const, coordinates: [0, 0] },
		properties: { ...properties, _i }
	}));
	return { id: full.id, def: full, display: { type: 'FeatureCollection', features }, offMap: [], legend: [], color: '#2b6cb0' };
}

describe('generated styles', () => {
	it('the base style is valid and has no glyph, sprite or tile address', () => {
		const style = basemapStyle(LIGHT, empty);
		expect(validateStyleMin(style)).toEqual([]);
		expect(JSON.stringify(style)).not.toMatch(/https?:|glyphs|sprite|"tiles"/);
		// no paint transitions: each would redraw the whole map every frame for 300 ms after a layer is added
		expect(style.transition).toEqual({ duration: 0, delay: 0 });
	});

	it.each(KINDS)('a %s layer, plain and by category, is valid style', (kind) => {
		for (const style of [
			{ color: '#123456', dash: true, hatch: true, label: 'name' },
			{ by: { property: 'role', categories: [{ value: 'a', label: 'A', color: '#ff0000' }] } }
		]) {
			const spec = specOf({ id: `l-${kind}`, kind, style });
			const full = basemapStyle(LIGHT, empty) as StyleSpecification;
			full.sources[sourceId(spec)] = { type: 'geojson', data: spec.display };
			full.layers.push(...styleLayersFor(spec, false));
			const errors = validateStyleMin(full).filter((e) => !/fill-pattern|image/.test(e.message));
			expect(errors).toEqual([]);
			expect(styleLayersFor(spec, false).every((l) => l.layout?.visibility === 'none')).toBe(true);
			expect(styleLayersFor(spec).every((l) => l.layout?.visibility === 'visible')).toBe(true);
		}
	});
});

describe('the data maplibre is given', () => {
	it('keeps what the style reads (colour, name in both languages, date), the id and the index; the card reads the rest', () => {
		const spec = specOf({ style: { label: 'name', by: { property: 'what', categories: [{ value: 'drone', label: 'Drone', color: '#ff0000' }] } } }, [
			{ id: 'a', name: 'Rzeszów', name_uk: 'Жешув', what: 'drone', date: '2025-09-10', note: 'a long note', note_uk: 'довга примітка', sources: ['s'] },
			{ id: 'b', name: 'Constanța', what: 'drone' }
		]);
		expect(drawnData(spec).features.map((f) => f.properties)).toEqual([
			{ id: 'a', _i: 0, date: '2025-09-10', what: 'drone', name: 'Rzeszów', name_uk: 'Жешув' },
			{ id: 'b', _i: 1, what: 'drone', name: 'Constanța' }
		]);
		expect(drawnData(spec).features[0].geometry).toBe(spec.display.features[0].geometry);
		// the layer's own data keeps everything
		expect(spec.display.features[0].properties!.note).toBe('a long note');
	});
});

describe('choropleths drawn into the land', () => {
	const all = () => true;
	const roles = { property: 'role', categories: [{ value: 'troops', label: 'Troops', color: '#1d4e89' }] };
	const coalition = specOf({ id: 'coalition', kind: 'choropleth', joinProperty: 'iso', style: { opacity: 0.6, by: roles } }, [
		{ iso: '616', role: 'troops' },
		{ iso: '250', role: 'something else' },
		{ iso: '804', role: 'troops' }
	]);

	it('blends a colour over another as a translucent fill draws it', () => {
		expect(blend('#ff0000', '#ffffff', 0.6)).toBe('#ff6666');
		expect(blend('#1d4e89', '#f4f1ea', 1)).toBe('#1d4e89');
		expect(blend('#1d4e89', '#f4f1ea', 0)).toBe('#f4f1ea');
	});

	it('colours each joined country by its category over the land, Ukraine over its own colour', () => {
		const fills = countryFills([coalition], LIGHT, null, all);
		expect(fills.get('616')).toEqual({ color: blend('#1d4e89', LIGHT.land, 0.6), layerId: 'coalition', index: 0 });
		expect(fills.get('250')?.color).toBe(blend('#9aa5b1', LIGHT.land, 0.6)); // unclassified grey, as the legend says
		expect(fills.get('804')?.color).toBe(blend('#1d4e89', LIGHT.ukraine, 0.6));
		expect(countryFills([coalition], DARK, null, all).get('616')?.color).toBe(blend('#1d4e89', DARK.land, 0.6));
		// no style layer draws the fill a second time; a hatch or an outline the manifest asks for still does
		expect(styleLayersFor(coalition)).toEqual([]);
		const outlined = specOf({ id: 'c', kind: 'choropleth', joinProperty: 'iso', style: { width: 1, hatch: true } });
		expect(styleLayersFor(outlined).map((l) => l.id)).toEqual(['c:hatch', 'c:outline']);
	});

	it('stacks choropleths in layer order, the top one answering a pick; hidden layers and later rows add nothing', () => {
		const second = specOf({ id: 'draft', kind: 'choropleth', joinProperty: 'code', style: { color: '#ff0000', opacity: 0.5 } }, [
			{ code: '616' },
			{ code: '276', date: '2025-10-02' }
		]);
		const both = countryFills([coalition, second], LIGHT, null, all);
		expect(both.get('616')).toEqual({ color: blend('#ff0000', blend('#1d4e89', LIGHT.land, 0.6), 0.5), layerId: 'draft', index: 0 });
		expect(both.get('276')).toEqual({ color: blend('#ff0000', LIGHT.land, 0.5), layerId: 'draft', index: 1 });
		expect(countryFills([coalition, second], LIGHT, '2025-09', all).has('276')).toBe(false);
		expect(countryFills([coalition, second], LIGHT, '2025-10', all).has('276')).toBe(true);
		const notDraft = (id: string) => id !== 'draft';
		expect(countryFills([coalition, second], LIGHT, null, notDraft).get('616')?.layerId).toBe('coalition');
		expect(countryFills([second], LIGHT, null, notDraft).size).toBe(0);
		expect(countryFills([second], LIGHT, null, all).size).toBe(2);
	});
});
