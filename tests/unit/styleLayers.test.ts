import { describe, expect, it } from 'vitest';
import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import type { StyleSpecification } from 'maplibre-gl';
import { basemapStyle, type Basemap } from '../../src/lib/map/basemap';
import { sourceId, styleLayersFor } from '../../src/lib/map/styleLayers';
import { LIGHT } from '../../src/lib/map/theme';
import { KINDS, type LayerDef } from '../../src/lib/manifest/schema';
import type { LayerSpec } from '../../src/lib/manifest/specs';

const empty: Basemap = { countries: { type: 'FeatureCollection', features: [] }, borders: { type: 'MultiLineString', coordinates: [] }, labels: { type: 'FeatureCollection', features: [] } };

function specOf(def: Partial<LayerDef>): LayerSpec {
	const full = { id: 'x', title: 'X', file: 'x.geojson', kind: 'point', style: {}, sources: ['s'], ...def } as LayerDef;
	return { id: full.id, def: full, display: { type: 'FeatureCollection', features: [] }, offMap: [], legend: [], color: '#2b6cb0' };
}

describe('generated styles', () => {
	it('the base style is valid and has no glyph, sprite or tile address', () => {
		const style = basemapStyle(LIGHT, empty);
		expect(validateStyleMin(style)).toEqual([]);
		expect(JSON.stringify(style)).not.toMatch(/https?:|glyphs|sprite|"tiles"/);
	});

	it.each(KINDS)('a %s layer, plain and by category, is valid style', (kind) => {
		for (const style of [
			{ color: '#123456', dash: true, hatch: true },
			{ by: { property: 'role', categories: [{ value: 'a', label: 'A', color: '#ff0000' }] } }
		]) {
			const spec = specOf({ id: `l-${kind}`, kind, style, visible: false });
			const full = basemapStyle(LIGHT, empty) as StyleSpecification;
			full.sources[sourceId(spec)] = { type: 'geojson', data: spec.display };
			full.layers.push(...styleLayersFor(spec));
			const errors = validateStyleMin(full).filter((e) => !/fill-pattern|image/.test(e.message));
			expect(errors).toEqual([]);
			expect(styleLayersFor(spec).every((l) => l.layout?.visibility === 'none')).toBe(true);
		}
	});
});
