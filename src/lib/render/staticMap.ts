// Renders the build's static map as SVG text: drawing, not geo math, so it lives apart from src/lib/geo.
import type { FeatureCollection, Geometry, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { layerSpec, type LayerSpec } from '../manifest/specs';
import { colorOf } from '../manifest/legend';
import type { LoadedLayer } from '../manifest/load';
import { LIGHT, type Theme } from '../design/theme';
import { areaDefaults, PAINT } from '../design/defaults';
import { BASE_MAP_CREDIT } from '../design/credit';
import { UKRAINE_ID } from '../geo/recognisedBorders';
import { mercator, WORLD_PX } from '../geo/mercator';

/** A map view in maplibre's convention: 512 px tiles, so the world is 512 * 2^zoom px wide. */
export type StaticView = { center: [lng: number, lat: number]; zoom: number; width: number; height: number };
export type StaticMapInput = {
	countries: FeatureCollection<Polygon | MultiPolygon, { name: string; iso: string | null }>;
	/** land borders only, as the live base map draws them */
	borders: MultiLineString;
	/** every loaded manifest layer; only those visible by default are drawn */
	layers: LoadedLayer[];
	/** names to write on the map, most important first: each is written where it fits (see labelsMarkup) */
	labels?: MapLabel[];
};
/** A name on the map: a data point's (written beside its circle), a town's (with a dot) or a country's (centred). */
export type MapLabel = { text: string; at: Position; kind: 'point' | 'place' | 'country' };
/** `dates`: what each date of the picture is for (content/dating's line), under the title. */
export type StaticMapOptions = { view: StaticView; title: string; dates?: string; theme?: Theme; tolerance?: number };

export const CREDIT = BASE_MAP_CREDIT;
export const SOURCES_NOTE = 'Sources: see /sources';

type Px = [number, number];
type Box = [x0: number, y0: number, x1: number, y1: number];

/** how far past the edges geometry is kept, so clipped outlines and strokes fall outside the view */
const CLIP_MARGIN = 16;
const FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif";
// the base map's border width by zoom (src/lib/map/basemap.ts), which this image copies
const borderWidth = (zoom: number) => 0.6 + (Math.min(7, Math.max(3, zoom)) - 3) * 0.2;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for XML content and attributes: entities escaped, characters XML forbids dropped. */
export function escapeXml(text: unknown): string {
	return (
		String(text)
			// eslint-disable-next-line no-control-regex
			.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
			.replace(/[&<>"']/g, (c) => ENTITIES[c])
	);
}

/**
 * Web Mercator from longitude/latitude to pixels of `view`, its centre at (width/2, height/2).
 *
 * @example
 * projectView({ center: [30.5, 49], zoom: 3.9, width: 1200, height: 630 })([30.5, 49]) // [600, 315]
 */
export function projectView(view: StaticView): (lngLat: Position) => Px {
	const world = WORLD_PX * 2 ** view.zoom;
	const [cx, cy] = mercator(view.center);
	return (lngLat) => {
		const [x, y] = mercator(lngLat);
		return [(x - cx) * world + view.width / 2, (y - cy) * world + view.height / 2];
	};
}

/**
 * The default view as a standalone SVG string (no DOM): sea, countries with Ukraine in its own
 * colour, borders, then the manifest layers visible by default in manifest order, coloured by the
 * manifest as the live map colours them, with a title, a legend and the credits. Text from data
 * is escaped; geometry is clipped to the view and rounded to 0.1 px.
 *
 * @example
 * const svg = staticMapSvg({ countries, borders, layers }, { view: { center: [30.5, 49], zoom: 3.9, width: 1200, height: 630 }, title: 'Atlas' });
 */
export function staticMapSvg(input: StaticMapInput, options: StaticMapOptions): string {
	const theme = options.theme ?? LIGHT;
	const tolerance = options.tolerance ?? 0.5;
	const { view } = options;
	const { width, height } = view;
	const project = projectView(view);
	const box: Box = [-CLIP_MARGIN, -CLIP_MARGIN, width + CLIP_MARGIN, height + CLIP_MARGIN];
	const areaPath = (g: Geometry) =>
		polygonsOf(g)
			.flatMap((p) => p.map((ring) => clipRing(ring.map(project), box)))
			.map((r) => pathData(r, true, tolerance))
			.join('');
	const linePath = (g: Geometry) =>
		linesOf(g)
			.flatMap((l) => clipLine(l.map(project), box))
			.map((r) => pathData(r, false, tolerance))
			.join('');
	const specs = input.layers.filter((l) => l.def.visible !== false).map((l) => layerSpec(l, input.countries));

	const countries = input.countries.features
		.map((c) => [areaPath(c.geometry), c.properties.iso === UKRAINE_ID ? ` fill="${escapeXml(theme.ukraine)}"` : ''])
		.filter(([d]) => d)
		.map(([d, fill]) => `<path d="${d}"${fill}/>`);
	const borders = linePath(input.borders);
	const legend = legendMarkup(specs, height);
	// the title band, taller where it also dates the picture
	const band = options.dates ? 72 : 52;
	return [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="map-title map-desc" font-family="${FONT}">`,
		`<title id="map-title">${escapeXml(options.title)}</title>`,
		`<desc id="map-desc">${escapeXml(describe(specs, view))}</desc>`,
		`<defs><pattern id="hatch" width="8" height="8" patternUnits="userSpaceOnUse"><path d="M-2 2 2-2M0 8 8 0M6 10 10 6" stroke="${PAINT.hatch.color}" stroke-width="1.4"/></pattern></defs>`,
		`<rect width="${width}" height="${height}" fill="${escapeXml(theme.sea)}"/>`,
		`<g fill="${escapeXml(theme.land)}" fill-rule="evenodd" stroke="${escapeXml(theme.coast)}" stroke-width="0.6">${countries.join('')}</g>`,
		borders
			? `<path d="${borders}" fill="none" stroke="${escapeXml(theme.border)}" stroke-width="${round(borderWidth(view.zoom), 100)}" stroke-linejoin="round"/>`
			: '',
		...specs.map((spec) => layerMarkup(spec, { project, areaPath, linePath, view })),
		labelsMarkup(input.labels ?? [], project, view, [
			// the title band, the key and the credit line, and every data point's circle
			[0, 0, width, band],
			legend.box,
			[width - 12 - textWidth(`${CREDIT} · ${SOURCES_NOTE}`, 12), height - 28, width, height],
			...pointBoxes(specs, project)
		]),
		`<rect width="${width}" height="${band}" fill="#ffffff" fill-opacity="0.88"/><text x="20" y="35" font-size="24" font-weight="bold" fill="#1a202c">${escapeXml(options.title)}</text>`,
		options.dates ? `<text x="20" y="60" font-size="14" fill="#2d3748">${escapeXml(options.dates)}</text>` : '',
		legend.markup,
		creditMarkup(width, height),
		'</svg>'
	].join('\n');
}

type Drawing = { project: (p: Position) => Px; areaPath: (g: Geometry) => string; linePath: (g: Geometry) => string; view: StaticView };

/** One manifest layer drawn as styleLayers.ts draws it live: casings, outlines, dashes, hatching. */
function layerMarkup(spec: LayerSpec, { project, areaPath, linePath, view }: Drawing): string {
	const { def } = spec;
	const { style, kind } = def;
	const features = spec.display.features.filter((f) => f.geometry);
	const colour = (f: (typeof features)[number]) => escapeXml(colorOf(def, f.properties));
	let body: string;
	if (kind === 'point') {
		const r = style.radius ?? PAINT.point.radius;
		const inView = ([x, y]: Px) => x >= -r && y >= -r && x <= view.width + r && y <= view.height + r;
		const circles = features.flatMap((f) =>
			pointsOf(f.geometry)
				.map(project)
				.filter(inView)
				.map(([x, y]) => `<circle cx="${round(x, 10)}" cy="${round(y, 10)}" r="${r}" fill="${colour(f)}"/>`)
		);
		body = `<g stroke="${PAINT.point.ringColor}" stroke-width="${PAINT.point.ringWidth}" opacity="${style.opacity ?? PAINT.point.opacity}">${circles.join('')}</g>`;
	} else if (kind === 'line') {
		const w = style.width ?? PAINT.line.width;
		const lines = features.map((f) => [linePath(f.geometry), colour(f)]).filter(([d]) => d);
		const dash = style.dash ? dashArray(w) : '';
		body =
			`<g fill="none" stroke-linejoin="round" stroke-linecap="round">` +
			`<g stroke="${PAINT.line.casingColor}" stroke-width="${w + PAINT.line.casingExtra}" stroke-opacity="${PAINT.line.casingOpacity}">${lines.map(([d]) => `<path d="${d}"/>`).join('')}</g>` +
			`<g stroke-width="${w}"${dash}>${lines.map(([d, c]) => `<path d="${d}" stroke="${c}"/>`).join('')}</g></g>`;
	} else {
		const w = style.width ?? areaDefaults(kind).outlineWidth;
		const dashed = kind === 'zone' || style.dash;
		const areas = features.map((f) => [areaPath(f.geometry), colour(f)]).filter(([d]) => d);
		const opacity = style.opacity ?? areaDefaults(kind).opacity;
		body =
			`<g fill-rule="evenodd" stroke-width="${w}" stroke-linejoin="round"${dashed ? dashArray(w) : ''}>` +
			areas.map(([d, c]) => `<path d="${d}" fill="${c}" fill-opacity="${opacity}" stroke="${c}"/>`).join('') +
			(style.hatch ? areas.map(([d]) => `<path d="${d}" fill="url(#hatch)" fill-opacity="${PAINT.hatch.opacity}" stroke="none"/>`).join('') : '') +
			'</g>';
	}
	return `<g data-layer="${escapeXml(def.id)}">${body}</g>`;
}

/** maplibre's dashes are in line widths; SVG's in pixels. */
const dashArray = (width: number) => ` stroke-dasharray="${PAINT.dash[0] * width} ${PAINT.dash[1] * width}"`;

/** The credits with a white halo, drawn as a stroked copy under the text (not every renderer knows paint-order). */
function creditMarkup(width: number, height: number): string {
	const text = (paint: string) => `<text x="${width - 12}" y="${height - 12}" ${paint}>${escapeXml(`${CREDIT} · ${SOURCES_NOTE}`)}</text>`;
	return `<g text-anchor="end" font-size="12">${text('fill="none" stroke="#ffffff" stroke-width="3" stroke-linejoin="round"')}${text('fill="#4a5568"')}</g>`;
}

/** One row a layer: a swatch for each category drawn, then the layer's title; and the box it takes. */
function legendMarkup(specs: LayerSpec[], height: number): { markup: string; box: Box } {
	const [row, size, font, pad] = [20, 12, 13, 10];
	const rows = specs.map((spec) => ({ spec, entries: spec.legend.filter((e) => e.count > 0 || spec.legend.length === 1) }));
	const boxWidth = Math.max(0, ...rows.map(({ spec, entries }) => entries.length * (size + 2) + 6 + textWidth(spec.def.title, font))) + 2 * pad;
	const top = height - 34 - rows.length * row - 2 * pad;
	const body = rows.map(({ spec, entries }, i) => {
		const y = top + pad + i * row;
		const swatches = entries.map((e, j) => swatch(spec, escapeXml(e.color), pad + j * (size + 2), y + (row - size) / 2, size));
		const x = pad + entries.length * (size + 2) + 4;
		return `${swatches.join('')}<text x="${x}" y="${y + row / 2 + font * 0.35}" font-size="${font}" fill="#2d3748">${escapeXml(spec.def.title)}</text>`;
	});
	return {
		markup: `<g transform="translate(12 0)"><rect y="${top}" width="${Math.ceil(boxWidth)}" height="${rows.length * row + 2 * pad}" rx="4" fill="#ffffff" fill-opacity="0.9"/>${body.join('')}</g>`,
		box: [12, top, 12 + boxWidth, top + rows.length * row + 2 * pad]
	};
}

/** A text's width at a font size, by DejaVu Sans's average advance (a label's box need not be exact, only not too small). */
const textWidth = (text: string, size: number, bold = false) => text.length * size * (bold ? 0.64 : 0.6);

/** The circles the point layers draw, as boxes no label may cover. */
function pointBoxes(specs: LayerSpec[], project: (p: Position) => Px): Box[] {
	return specs
		.filter((s) => s.def.kind === 'point')
		.flatMap((s) => {
			const r = (s.def.style.radius ?? PAINT.point.radius) + 2;
			return s.display.features.flatMap((f) => (f.geometry ? pointsOf(f.geometry) : []).map(project).map(([x, y]): Box => [x - r, y - r, x + r, y + r]));
		});
}

const LABEL_STYLE = {
	point: { size: 13, bold: true, fill: '#1a202c' },
	place: { size: 12, bold: false, fill: '#2d3748' },
	country: { size: 11, bold: false, fill: '#718096' }
} as const;

/**
 * The names that fit, in the order given: a name is written only where its box lies inside the
 * image and clear of every box already taken (the title, the key, the credit, the data points and
 * the names written before it). A point's or a town's name goes right of it, else left; a
 * country's is centred. Each has a white halo, drawn as a stroked copy under the text.
 */
function labelsMarkup(labels: MapLabel[], project: (p: Position) => Px, view: StaticView, taken: Box[]): string {
	const clear = (b: Box) =>
		b[0] >= 4 && b[1] >= 4 && b[2] <= view.width - 4 && b[3] <= view.height - 4 && taken.every((t) => b[2] < t[0] || b[0] > t[2] || b[3] < t[1] || b[1] > t[3]);
	const out: string[] = [];
	for (const label of labels) {
		const style = LABEL_STYLE[label.kind];
		const [x, y] = project(label.at);
		const w = textWidth(label.text, style.size, style.bold);
		const h = style.size * 1.2;
		const gap = label.kind === 'point' ? 12 : label.kind === 'place' ? 5 : 0;
		const tries: [Box, number, 'start' | 'end' | 'middle'][] =
			label.kind === 'country'
				? [[[x - w / 2, y - h / 2, x + w / 2, y + h / 2], x, 'middle']]
				: [
						[[x + gap, y - h / 2, x + gap + w, y + h / 2], x + gap, 'start'],
						[[x - gap - w, y - h / 2, x - gap, y + h / 2], x - gap, 'end']
					];
		const fit = tries.find(([box]) => clear(box));
		if (!fit) continue;
		const [box, tx, anchor] = fit;
		// a town's dot must be clear too
		if (label.kind === 'place' && !clear([x - 3, y - 3, x + 3, y + 3])) continue;
		taken.push(box, ...(label.kind === 'place' ? [[x - 3, y - 3, x + 3, y + 3] as Box] : []));
		const attributes = `x="${round(tx, 10)}" y="${round(y + style.size * 0.35, 10)}" text-anchor="${anchor}" font-size="${style.size}"${style.bold ? ' font-weight="bold"' : ''}`;
		const text = escapeXml(label.text);
		out.push(
			(label.kind === 'place' ? `<circle cx="${round(x, 10)}" cy="${round(y, 10)}" r="2.5" fill="#4a5568" stroke="#ffffff"/>` : '') +
				`<text ${attributes} fill="none" stroke="#ffffff" stroke-width="3" stroke-linejoin="round">${text}</text>` +
				`<text ${attributes} fill="${style.fill}">${text}</text>`
		);
	}
	return out.length ? `<g data-labels="">${out.join('')}</g>` : '';
}

function swatch(spec: LayerSpec, colour: string, x: number, y: number, size: number): string {
	const { kind, style } = spec.def;
	if (kind === 'point') return `<circle cx="${x + size / 2}" cy="${y + size / 2}" r="${size / 2 - 1}" fill="${colour}" stroke="#ffffff"/>`;
	if (kind === 'line') return `<path d="M${x} ${y + size / 2}h${size}" stroke="${colour}" stroke-width="${Math.min(4, style.width ?? PAINT.line.width)}"/>`;
	const rect = `x="${x}" y="${y}" width="${size}" height="${size}"`;
	const hatch = style.hatch ? `<rect ${rect} fill="url(#hatch)" fill-opacity="${PAINT.hatch.opacity}"/>` : '';
	return `<rect ${rect} fill="${colour}" fill-opacity="${style.opacity ?? PAINT.fill.opacity}" stroke="${colour}"/>${hatch}`;
}

/** The text alternative: where the map is and what it shows, with each category's count. */
function describe(specs: LayerSpec[], view: StaticView): string {
	const [lng, lat] = view.center;
	const where = `${Math.abs(lat).toFixed(1)}° ${lat >= 0 ? 'N' : 'S'}, ${Math.abs(lng).toFixed(1)}° ${lng >= 0 ? 'E' : 'W'}`;
	const layers = specs.map((s) => {
		const counted = s.legend.filter((e) => e.count > 0).map((e) => `${e.label}: ${e.count}`);
		return s.def.style.by && counted.length > 0 ? `${s.def.title} (${counted.join(', ')})` : s.def.title;
	});
	return `Static map centred on ${where}, Ukraine highlighted, showing ${layers.join('; ')}. ${CREDIT}. ${SOURCES_NOTE}.`;
}

const round = (n: number, by: number) => Math.round(n * by) / by;

const polygonsOf = (g: Geometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : []);
const linesOf = (g: Geometry): Position[][] => (g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : []);
const pointsOf = (g: Geometry): Position[] => (g.type === 'Point' ? [g.coordinates] : g.type === 'MultiPoint' ? g.coordinates : []);

/** Sutherland-Hodgman against the box: exact for a rectangle, and the box's edges lie off screen. */
function clipRing(ring: Px[], [x0, y0, x1, y1]: Box): Px[] {
	const outside = [(p: Px) => p[0] < x0, (p: Px) => p[0] > x1, (p: Px) => p[1] < y0, (p: Px) => p[1] > y1];
	if (outside.some((beyond) => ring.every(beyond))) return [];
	let out = ring;
	for (const [axis, edge, side] of [
		[0, x0, -1],
		[0, x1, 1],
		[1, y0, -1],
		[1, y1, 1]
	] as const) {
		const input = out;
		out = [];
		const inside = (p: Px) => (p[axis] - edge) * side <= 0;
		const cross = (a: Px, b: Px): Px => {
			const t = (edge - a[axis]) / (b[axis] - a[axis]);
			return [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])];
		};
		input.forEach((cur, i) => {
			const prev = input[(i + input.length - 1) % input.length];
			if (inside(cur) !== inside(prev)) out.push(cross(prev, cur));
			if (inside(cur)) out.push(cur);
		});
	}
	return out;
}

/** Liang-Barsky on each segment; a line leaving and re-entering the box becomes several runs. */
function clipLine(line: Px[], [x0, y0, x1, y1]: Box): Px[][] {
	const runs: Px[][] = [];
	let run: Px[] = [];
	for (let i = 1; i < line.length; i++) {
		const [a, b] = [line[i - 1], line[i]];
		const [dx, dy] = [b[0] - a[0], b[1] - a[1]];
		let [t0, t1] = [0, 1];
		const edges = [
			[-dx, a[0] - x0],
			[dx, x1 - a[0]],
			[-dy, a[1] - y0],
			[dy, y1 - a[1]]
		];
		const missed = edges.some(([p, q]) => {
			if (p === 0) return q < 0;
			const r = q / p;
			if (p < 0) t0 = Math.max(t0, r);
			else t1 = Math.min(t1, r);
			return t0 > t1;
		});
		if (missed) continue;
		const start: Px = t0 === 0 ? a : [a[0] + t0 * dx, a[1] + t0 * dy];
		if (run.at(-1) !== start) {
			if (run.length > 1) runs.push(run);
			run = [start];
		}
		run.push(t1 === 1 ? b : [a[0] + t1 * dx, a[1] + t1 * dy]);
	}
	if (run.length > 1) runs.push(run);
	return runs;
}

/** Path data in tenths of a pixel, relative after the first point, dropping steps under `tolerance`. */
function pathData(run: Px[], closed: boolean, tolerance: number): string {
	const minStep = Math.max(1, (tolerance * 10) ** 2);
	const tenths = run.map(([x, y]): Px => [Math.round(x * 10), Math.round(y * 10)]);
	const kept: Px[] = [];
	for (const p of tenths) {
		const last = kept.at(-1);
		if (!last || (p[0] - last[0]) ** 2 + (p[1] - last[1]) ** 2 >= minStep) kept.push(p);
	}
	const [end, last] = [tenths.at(-1)!, kept.at(-1)!];
	if (!closed && (end[0] !== last[0] || end[1] !== last[1])) kept.push(end);
	if (kept.length < (closed ? 3 : 2)) return '';
	const steps = kept.slice(1).flatMap((p, i) => [p[0] - kept[i][0], p[1] - kept[i][1]]);
	return `M${numbers(kept[0])}l${numbers(steps)}${closed ? 'z' : ''}`;
}

function numbers(tenths: number[]): string {
	let out = '';
	for (const n of tenths) {
		const text = String(n / 10).replace(/^(-?)0\./, '$1.');
		out += out && text[0] !== '-' ? ` ${text}` : text;
	}
	return out;
}
