import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Feature } from 'geojson';
import { Viewer } from '../../src/lib/atlas/viewer.svelte';
import { AtlasSession } from '../../src/lib/atlas/session.svelte';
import { linkOf } from '../../src/lib/atlas/link';
import { serializeState } from '../../src/lib/state/urlState';
import type { Content } from '../../src/lib/content/content';
import type { LayerDef } from '../../src/lib/manifest/schema';
import type { Scene } from '../../src/lib/manifest/scenes';
import type { Basemap } from '../../src/lib/map/basemap';

// the viewer's state as a reader meets it, without a map: what is on, the month, the card, the tour, the address

// camera moves ask whether the reader wants less motion
beforeAll(() => vi.stubGlobal('matchMedia', () => ({ matches: false })));

const point = (id: string, coordinates: [number, number], properties: Record<string, unknown> = {}): Feature => ({
	type: 'Feature',
	properties: { id, name: id, ...properties },
	geometry: { type: 'Point', coordinates }
});
const square = (id: string, [x, y]: [number, number]): Feature => ({
	type: 'Feature',
	properties: { id },
	geometry: {
		type: 'Polygon',
		coordinates: [
			[
				[x, y],
				[x + 1, y],
				[x + 1, y + 1],
				[x, y + 1],
				[x, y]
			]
		]
	}
});
const layer = (index: number, def: Partial<LayerDef> & { id: string; kind: LayerDef['kind'] }, features: Feature[]) => ({
	index,
	def: { title: def.id, file: `${def.id}.geojson`, style: {}, sources: ['s'], ...def } as LayerDef,
	data: { type: 'FeatureCollection' as const, features },
	problems: []
});

const SCENES: Scene[] = [
	{ id: 'hubs-only', title: 'Hubs', caption: 'The hubs', camera: { center: [22, 50], zoom: 6 }, layers: ['hubs'], panel: 'coverage', sources: ['s'] },
	{
		id: 'autumn',
		title: 'Autumn',
		caption: 'Incursions to September',
		camera: { center: [25, 52], zoom: 5 },
		layers: ['incursions', 'occupied'],
		time: '2025-09',
		sources: ['s']
	}
];

function content(): Content {
	return {
		data: {
			sources: { s: { title: 'A source', publisher: 'Publisher', kind: 'report' } } as unknown as Content['data']['sources'],
			citable: {},
			problems: [],
			layers: [
				layer(0, { id: 'hubs', kind: 'point' }, [point('rzeszow', [22.0, 50.1]), point('campia', [23.9, 46.5])]),
				layer(1, { id: 'incursions', kind: 'point', visible: false }, [
					point('i1', [23.5, 51.0], { date: '2025-08-12' }),
					point('i2', [23.6, 51.2], { date: '2025-09-10' }),
					point('i3', [24.0, 54.0], { date: '2025-10-03' })
				]),
				layer(
					2,
					{
						id: 'occupied',
						kind: 'fill',
						versions: [
							{ asOf: '2025-06-30', file: 'occupied-2025-06.geojson' },
							{ asOf: '2025-09-30', file: 'occupied-2025-09.geojson' }
						]
					},
					[square('now', [37, 47])]
				)
			]
		},
		claims: null,
		coverage: null as unknown as Content['coverage'],
		scenes: SCENES,
		front: [],
		problems: [],
		builtOn: '2025-11-01'
	};
}
const BASEMAP: Basemap = {
	countries: { type: 'FeatureCollection', features: [] },
	borders: { type: 'MultiLineString', coordinates: [] },
	labels: { type: 'FeatureCollection', features: [] }
};

/** The viewer a page opens at `address` (the query string), as start-up makes it. */
function open(address = '', pageScene?: string): Viewer {
	const c = content();
	return new Viewer(c, linkOf(c, new URLSearchParams(address)).link, BASEMAP, pageScene);
}
const on = (v: Viewer) => v.layers.filter((l) => v.visible[l.id]).map((l) => l.id);

describe('what is on', () => {
	it('opens with the layers the manifest shows, and a layer toggled on or off is drawn or not', () => {
		const v = open();
		expect(on(v)).toEqual(['hubs', 'occupied']);
		expect([...v.drawnIds]).toEqual(['hubs', 'occupied']);
		v.toggle('incursions', true);
		v.toggle('hubs', false);
		expect([...v.drawnIds]).toEqual(['incursions', 'occupied']);
		expect(v.drawnLayers.map((l) => l.id)).toEqual(['incursions', 'occupied']);
	});

	it('opens with the layers the address names instead', () => {
		expect(on(open('layers=incursions'))).toEqual(['incursions']);
	});
});

describe('the month chosen', () => {
	it('puts the dated version in force at that month on the map, and none before the first', () => {
		const v = open();
		expect(v.inForce.get('occupied')?.asOf).toBe('2025-09-30');
		v.until = '2025-08';
		expect(v.inForce.get('occupied')?.asOf).toBe('2025-06-30');
		v.until = '2025-09';
		expect(v.inForce.get('occupied')?.asOf).toBe('2025-09-30');
		v.until = '2025-05';
		expect(v.inForce.get('occupied')).toBeNull();
		expect(v.drawn('occupied')).toBe(false);
		expect(v.drawnIds.has('occupied')).toBe(false);
	});

	it("counts the events shown up to it, and the slider's months run from the first event to the last version", () => {
		const v = open('layers=incursions');
		expect(v.series.map((m) => m.month)).toEqual(expect.arrayContaining(['2025-06', '2025-08', '2025-09', '2025-10']));
		expect(v.layerCounts).toEqual([{ title: 'incursions', shown: 3, total: 3 }]);
		v.until = '2025-09';
		expect(v.layerCounts).toEqual([{ title: 'incursions', shown: 2, total: 3 }]);
		expect(v.timedVisible).toBe(true);
		v.toggle('incursions', false);
		expect(v.timedVisible).toBe(false);
	});

	it('says which undated layers are drawn as they stand now while the month is before their first fact', () => {
		const c = content();
		c.data.layers[0].data.features.forEach((f) => (f.properties!.asOf = '2025-10-15'));
		const v = new Viewer(c, {}, BASEMAP, undefined);
		expect(v.undatedAhead).toEqual([]);
		v.until = '2025-09';
		expect(v.undatedAhead.map((x) => [x.layer.id, x.from])).toEqual([['hubs', '2025-10-15']]);
		v.until = '2025-10';
		expect(v.undatedAhead).toEqual([]);
	});
});

describe('the card', () => {
	it('a click on one mark opens its card; on overlapping marks, offers the choice; a point beats an area under it', () => {
		const v = open();
		v.onPick(
			[
				{ layerId: 'occupied', index: 0 },
				{ layerId: 'hubs', index: 1 }
			],
			'click'
		);
		expect(v.pinned).toEqual({ layerId: 'hubs', index: 1 });
		expect(v.shown?.properties.id).toBe('campia');
		expect(v.pinnedAt).toEqual([23.9, 46.5]);
		expect(v.pinnedId).toEqual({ layer: 'hubs', id: 'campia' });

		v.onPick(
			[
				{ layerId: 'hubs', index: 0 },
				{ layerId: 'hubs', index: 1 }
			],
			'click'
		);
		expect(v.pinned).toBeNull();
		expect(v.choices).toHaveLength(2);
		v.choose({ layerId: 'hubs', index: 0 });
		expect([v.choices, v.shown?.properties.id]).toEqual([null, 'rzeszow']);
	});

	it('a hover previews the mark until a click pins one; the pinned card wins over the hover', () => {
		const v = open();
		v.onPick([{ layerId: 'hubs', index: 0 }], 'hover');
		expect([v.pinned, v.shown?.properties.id]).toEqual([null, 'rzeszow']);
		v.onPick([{ layerId: 'hubs', index: 1 }], 'click');
		v.onPick([{ layerId: 'hubs', index: 0 }], 'hover');
		expect(v.shown?.properties.id).toBe('campia');
	});

	it('opens the card an address names, and ignores one naming nothing', () => {
		expect(open('feature=hubs/campia').pinnedId).toBeUndefined(); // start-up pins it, once the layers are in
		const v = open();
		v.pin({ layer: 'hubs', id: 'campia' });
		expect(v.pinnedId).toEqual({ layer: 'hubs', id: 'campia' });
		v.pin({ layer: 'hubs', id: 'nowhere' });
		expect(v.pinnedId).toEqual({ layer: 'hubs', id: 'campia' });
	});
});

describe('the tour', () => {
	it('a scene sets its layers, its month, its panel and its camera, and closes the card', () => {
		const v = open();
		v.pin({ layer: 'hubs', id: 'rzeszow' });
		v.showScene(1, false);
		expect(v.sceneIndex).toBe(1);
		expect(on(v)).toEqual(['incursions', 'occupied']);
		expect(v.until).toBe('2025-09');
		expect(v.tab).toBe('layers');
		expect(v.pinned).toBeNull();
		expect(v.camera).toMatchObject({ center: [25, 52], zoom: 5, animate: false });
		v.showScene(0, false);
		expect([on(v), v.until, v.tab]).toEqual([['hubs'], null, 'coverage']);
	});

	it('opens at the scene the address or the page names', () => {
		expect(open('scene=autumn').sceneIndex).toBe(1);
		expect(open('', 'hubs-only').sceneIndex).toBe(0);
		expect(open().sceneIndex).toBe(-1);
	});
});

describe('the address', () => {
	it('what the reader set (layers, month, scene, open card) comes back from the link it makes', () => {
		const session = new AtlasSession();
		const v = open();
		session.lib = { serializeState } as unknown as AtlasSession['lib'];
		session.viewer = v;
		v.showScene(1, false);
		v.toggle('hubs', true);
		v.until = '2025-08';
		v.pin({ layer: 'hubs', id: 'campia' });
		const query = session.shareQuery;
		expect(query).toContain('scene=autumn');

		const back = open(query);
		expect(on(back)).toEqual(['hubs', 'incursions', 'occupied']);
		expect(back.sceneIndex).toBe(1);
		// the month and the card come back through the link, which start-up applies
		const link = linkOf(content(), new URLSearchParams(query)).link;
		expect(link.time).toBe('2025-08');
		expect(link.feature).toEqual({ layer: 'hubs', id: 'campia' });
	});
});

describe('the search', () => {
	it('a place found turns its layer on, opens its card and flies to it', () => {
		const v = open();
		v.choosePlace({ layerId: 'incursions', index: 2, label: 'i3', kind: 'Incursion', anchor: [24, 54], bbox: [24, 54, 24, 54] } as never, 'search');
		expect(v.visible.incursions).toBe(true);
		expect(v.pinnedId).toEqual({ layer: 'incursions', id: 'i3' });
		expect(v.camera).toEqual({ bbox: [24, 54, 24, 54], animate: true });
	});

	it('a town found is marked with its name and framed at its label zoom, at least 8', () => {
		const v = open();
		v.choosePlace({ layerId: null, label: 'Lviv', kind: 'Town', zoom: 6, anchor: [24.03, 49.84], bbox: [24, 49.8, 24.1, 49.9] } as never, 'search');
		expect(v.found).toEqual({ at: [24.03, 49.84], name: 'Lviv' });
		expect(v.camera).toEqual({ center: [24.03, 49.84], zoom: 8, animate: true });
	});
});
