import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { CREDIT, SOURCES_NOTE, projectView, staticMapSvg, type StaticMapInput, type StaticView } from '../../src/lib/render/staticMap';
import { loadGeodata, type LoadedLayer } from '../../src/lib/manifest/load';
import type { LayerDef } from '../../src/lib/manifest/schema';

const VIEW: StaticView = { center: [30.5, 49], zoom: 3.9, width: 1200, height: 630 };
const KYIV = [30.52, 50.45];
const LVIV = [24.03, 49.84];
const noCountries: StaticMapInput['countries'] = { type: 'FeatureCollection', features: [] };
const noBorders: StaticMapInput['borders'] = { type: 'MultiLineString', coordinates: [] };

function layer(def: Partial<LayerDef>, features: Feature[]): LoadedLayer {
	const full = { id: 'test', title: 'Test', kind: 'point', file: 'test.geojson', style: {}, sources: ['s'], ...def } as LayerDef;
	return { index: 0, def: full, data: { type: 'FeatureCollection', features }, problems: [] };
}
const point = (coordinates: number[], properties: Record<string, unknown> = {}): Feature => ({
	type: 'Feature',
	properties,
	geometry: { type: 'Point', coordinates }
});
const render = (layers: LoadedLayer[], countries = noCountries, title = 'Atlas') =>
	staticMapSvg({ countries, borders: noBorders, layers }, { view: VIEW, title });
const groupOf = (svg: string, id: string) => svg.match(new RegExp(`<g data-layer="${id}">.*?</g></g>`))?.[0] ?? '';

/** Every tag closed in order under one <svg> root, and no bare < or > left in the text between. */
function tagBalance(svg: string): string[] {
	const problems: string[] = [];
	const open: string[] = [];
	let roots = 0;
	for (const [tag, closing, name, , selfClosing] of svg.matchAll(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g)) {
		if (open.length === 0 && !closing) roots++;
		if (closing) {
			if (open.pop() !== name) problems.push(`${tag} closes nothing open`);
		} else if (!selfClosing) open.push(name);
	}
	if (roots !== 1) problems.push(`${roots} roots`);
	if (open.length > 0) problems.push(`unclosed: ${open.join(', ')}`);
	const text = svg.replace(/<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"<>]*")*)\s*(\/?)>/g, '');
	if (/[<>]/.test(text)) problems.push('a bare < or > outside a tag');
	if (/&(?!(amp|lt|gt|quot|#39);)/.test(svg)) problems.push('a bare &');
	return problems;
}

/** The absolute points of a path written as M x y l dx dy ... z. */
function pathPoints(d: string): number[][] {
	const points: number[][] = [];
	let [command, pending, x, y] = ['', [] as number[], 0, 0];
	for (const token of d.match(/[Mlz]|-?\d*\.?\d+/g) ?? []) {
		if (/[Mlz]/.test(token)) command = token;
		else if (pending.push(Number(token)) === 2) {
			[x, y] = command === 'M' ? [pending[0], pending[1]] : [x + pending[0], y + pending[1]];
			points.push([x, y]);
			pending = [];
		}
	}
	return points;
}

describe('projectView', () => {
	const project = projectView(VIEW);

	it('puts the centre of the view at the centre of the image', () => {
		const [x, y] = project(VIEW.center);
		expect(x).toBeCloseTo(600, 6);
		expect(y).toBeCloseTo(315, 6);
	});

	it('uses 512 px tiles: at zoom 0 the world is 512 px wide', () => {
		const world = projectView({ center: [0, 0], zoom: 0, width: 512, height: 512 });
		expect(world([-180, 0])[0]).toBeCloseTo(0, 6);
		expect(world([180, 0])[0]).toBeCloseTo(512, 6);
		expect(world([0, 0])[1]).toBeCloseTo(256, 6);
	});

	it('puts Kyiv east and a little north of Lviv', () => {
		expect(project(KYIV)[0]).toBeGreaterThan(project(LVIV)[0]);
		expect(project(KYIV)[1]).toBeLessThan(project(LVIV)[1]);
	});

	it('doubles every distance one zoom level in', () => {
		const closer = projectView({ ...VIEW, zoom: VIEW.zoom + 1 });
		const distance = (p: (lngLat: number[]) => number[]) => Math.hypot(p(KYIV)[0] - p(LVIV)[0], p(KYIV)[1] - p(LVIV)[1]);
		expect(distance(closer) / distance(project)).toBeCloseTo(2, 9);
	});
});

describe('staticMapSvg', () => {
	it('is one balanced <svg> root with a title, a description, the image role and the credits', () => {
		const svg = render([layer({}, [point(KYIV)])]);
		expect(tagBalance(svg)).toEqual([]);
		expect(svg).toMatch(/^<svg [^>]*role="img"/);
		expect(svg).toMatch(/<title id="map-title">Atlas<\/title>/);
		expect(svg).toMatch(/<desc id="map-desc">[^<]*Test[^<]*<\/desc>/);
		expect(svg).toContain(CREDIT);
		expect(svg).toContain(SOURCES_NOTE);
	});

	it('dates what it draws under the title (a social card, the static fallback), as text', () => {
		const dates = 'Front: 10 Oct 2026 (DeepStateMap.Live) · Coalition roles checked 7 Dec 2026 <b>';
		const svg = staticMapSvg({ countries: noCountries, borders: noBorders, layers: [layer({}, [point(KYIV)])] }, { view: VIEW, title: 'Atlas', dates });
		expect(tagBalance(svg)).toEqual([]);
		expect(svg).toContain('>Front: 10 Oct 2026 (DeepStateMap.Live) · Coalition roles checked 7 Dec 2026 &lt;b&gt;</text>');
		expect(render([layer({}, [point(KYIV)])])).not.toContain('Front:');
	});

	it('escapes every text from data, so none of it becomes markup', () => {
		const hostile = layer(
			{
				id: 'hostile',
				title: '<script>alert("x")</script> & co',
				style: { by: { property: 'kind', categories: [{ value: 'a', label: "<img src=x onerror='y'>", color: '#123456' }] } }
			},
			[point(KYIV, { kind: 'a' })]
		);
		const svg = render([hostile], noCountries, 'Guarantees & <b>bold</b>');
		expect(tagBalance(svg)).toEqual([]);
		expect(svg).not.toMatch(/<script|<img|<b>/);
		expect(svg).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co');
		expect(svg).toContain('&lt;img src=x onerror=&#39;y&#39;&gt;');
		expect(svg).toContain('Guarantees &amp; &lt;b&gt;bold&lt;/b&gt;');
	});

	it('skips features outside the view and draws only layers visible by default', () => {
		const far = layer({ id: 'far', style: { color: '#123456' } }, [point(KYIV), point([-100, 40]), point([30.5, -60])]);
		const farArea = layer({ id: 'far-area', kind: 'fill' }, [
			{
				type: 'Feature',
				properties: {},
				geometry: {
					type: 'Polygon',
					coordinates: [
						[
							[-100, 40],
							[-90, 40],
							[-90, 45],
							[-100, 40]
						]
					]
				}
			}
		]);
		const hidden = layer({ id: 'hidden', visible: false }, [point(KYIV)]);
		const svg = render([far, farArea, hidden]);
		expect(groupOf(svg, 'far').match(/<circle /g)).toHaveLength(1);
		expect(groupOf(svg, 'far-area')).not.toContain('<path');
		expect(svg).not.toContain('data-layer="hidden"');
	});

	it('clips shapes larger than the view to just past its edges, in tenths of a pixel', () => {
		const world: FeatureCollection<Polygon | MultiPolygon, { name: string; iso: string | null }> = {
			type: 'FeatureCollection',
			features: [
				{
					type: 'Feature',
					properties: { name: 'Everywhere', iso: '804' },
					geometry: {
						type: 'Polygon',
						coordinates: [
							[
								[-170, -80],
								[170, -80],
								[170, 80],
								[-170, 80],
								[-170, -80]
							]
						]
					}
				}
			]
		};
		const svg = render([], world);
		const d = svg.match(/<path d="([^"]+)" fill="#fbf6df"\/>/)![1];
		expect(d).not.toMatch(/\d\.\d\d/);
		for (const [x, y] of pathPoints(d)) {
			expect(x).toBeGreaterThanOrEqual(-16);
			expect(x).toBeLessThanOrEqual(1216);
			expect(y).toBeGreaterThanOrEqual(-16);
			expect(y).toBeLessThanOrEqual(646);
		}
	});

	it('draws the Rzeszów hub as a circle in the hub colour the manifest gives', async () => {
		const data = await loadGeodata(async (name) => (existsSync(`geodata/${name}`) ? readFileSync(`geodata/${name}`, 'utf8') : null));
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8')) as { layers: LayerDef[] };
		const hubStyle = manifest.layers.find((l) => l.id === 'hubs')!.style;
		const rzeszow = data.layers.find((l) => l.def.id === 'hubs')!.data.features.find((f) => /Rzesz/.test(f.properties?.name))!;
		const [x, y] = projectView(VIEW)((rzeszow.geometry as GeoJSON.Point).coordinates).map((n) => Math.round(n * 10) / 10);
		const svg = render(data.layers);
		expect(tagBalance(svg)).toEqual([]);
		expect(groupOf(svg, 'hubs')).toContain(`<circle cx="${x}" cy="${y}" r="${hubStyle.radius}" fill="${hubStyle.color}"/>`);
	});
});

describe('the names on a static map (the social cards)', () => {
	const labelled = (labels: StaticMapInput['labels'], layers: LoadedLayer[] = []) =>
		staticMapSvg({ countries: noCountries, borders: noBorders, layers, labels }, { view: VIEW, title: 'Atlas' });
	/** Each written name's box, from its text's position, anchor and size (the halo copy skipped). */
	const boxes = (svg: string) =>
		[...svg.matchAll(/<text x="([\d.-]+)" y="([\d.-]+)" text-anchor="(\w+)" font-size="(\d+)"( font-weight="bold")? fill="#[0-9a-f]+">([^<]*)<\/text>/g)].map(
			([, x, y, anchor, size, bold, text]) => {
				const w = text.length * Number(size) * (bold ? 0.64 : 0.6);
				const left = anchor === 'start' ? Number(x) : anchor === 'end' ? Number(x) - w : Number(x) - w / 2;
				return { text, box: [left, Number(y) - Number(size), left + w, Number(y) + 0.3 * Number(size)] };
			}
		);
	const overlap = (a: number[], b: number[]) => !(a[2] < b[0] || a[0] > b[2] || a[3] < b[1] || a[1] > b[3]);

	it('writes a point’s name beside it, a town with its dot, a country centred, in that order of importance', () => {
		const hubs = layer({ id: 'hubs', style: { color: '#c05621', radius: 8, label: 'name' } }, [point(LVIV, { name: 'Lviv hub' })]);
		const svg = labelled(
			[
				{ text: 'Lviv hub', at: LVIV, kind: 'point' },
				{ text: 'Kyiv', at: KYIV, kind: 'place' },
				{ text: 'Ukraine', at: [31.2, 48.9], kind: 'country' }
			],
			[hubs]
		);
		expect(boxes(svg).map((b) => b.text)).toEqual(['Lviv hub', 'Kyiv', 'Ukraine']);
		expect(svg).toContain('r="2.5" fill="#4a5568"');
	});

	it('writes no name over another, over a data point, over the title or outside the image; the less important give way', () => {
		const hubs = layer({ id: 'hubs', style: { color: '#c05621', radius: 8, label: 'name' } }, [point(LVIV, { name: 'Lviv hub' })]);
		const crowd = Array.from({ length: 40 }, (_, i) => ({
			text: `Town ${i}`,
			at: [24 + (i % 8) * 0.4, 49.2 + Math.floor(i / 8) * 0.3],
			kind: 'place' as const
		}));
		const svg = labelled(
			[
				{ text: 'Lviv hub', at: LVIV, kind: 'point' },
				...crowd,
				{ text: 'Off the map', at: [80, 10], kind: 'place' },
				{ text: 'Under the title', at: [30.5, 57.5], kind: 'place' }
			],
			[hubs]
		);
		expect(projectView(VIEW)([30.5, 57.5])[1]).toBeLessThan(52);
		const written = boxes(svg);
		expect(written[0].text).toBe('Lviv hub');
		expect(written.length).toBeGreaterThan(3);
		expect(written.length).toBeLessThan(40);
		for (const [i, a] of written.entries()) {
			for (const b of written.slice(i + 1)) expect(overlap(a.box, b.box), `${a.text} / ${b.text}`).toBe(false);
			expect(a.box[1], `${a.text} below the title`).toBeGreaterThan(52);
		}
		expect(svg).not.toContain('Off the map');
		expect(svg).not.toContain('Under the title');
	});

	it('escapes a name from data', () => {
		expect(labelled([{ text: '<b>Kyiv</b> & co', at: KYIV, kind: 'place' }])).toContain('&lt;b&gt;Kyiv&lt;/b&gt; &amp; co');
	});
});
