// Build step run after prepare-data.ts: the default view as a static SVG and PNG, for readers
// without WebGL or JavaScript and for link previews, and an oEmbed document for CMSs.
// URLs are absolute when SITE_URL is set (oEmbed wants them so); otherwise root-relative.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { decodeBasemap } from '../src/lib/map/basemap';
import { loadGeodata } from '../src/lib/manifest/load';
import { escapeXml, staticMapSvg, type MapLabel } from '../src/lib/render/staticMap';
import type { LoadedLayer } from '../src/lib/manifest/load';
import { DEFAULT_VIEW } from '../src/lib/map/view';
import { validateScenes } from '../src/lib/manifest/scenes';
import { countsAsEvents, shownIn, timelineOf, type Month } from '../src/lib/time/timeline';
import { datesLine, pictureDates } from '../src/lib/content/dating';
import { ENGLISH } from '../src/lib/content/summary';
import { mkdir } from 'node:fs/promises';

const PREVIEW_SIZE = { width: 1200, height: 630 };
// the embed's content measures 642 px at 640 wide and 683 px at 375: the iframe starts taller than both
const EMBED_SIZE = { width: 800, height: 720 };
const TITLE = "Ukraine's security guarantees: the atlas";
// the live tour frames a scene for a 1280 px screen; the 1200 x 630 card shows a little more around it
const ZOOM_FOR_PREVIEW = 0.3;
const PROVIDER = "Ukraine's security guarantees atlas";
/** fonts resvg is given by path, so text renders even where fontconfig finds nothing */
const FONT_FILES = ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf'];

const root = new URL('..', import.meta.url).pathname;
const site = (process.env.SITE_URL ?? process.env.BASE_PATH ?? '').replace(/\/+$/, '');
const url = (path: string) => `${site}${path}`;

const topologyPath = join(root, 'static/data/basemap.topo.json');
if (!existsSync(topologyPath)) {
	console.error('static/data/basemap.topo.json is missing: run `tsx scripts/prepare-data.ts` first');
	process.exit(1);
}
const basemap = decodeBasemap(JSON.parse(await readFile(topologyPath, 'utf8')), { type: 'FeatureCollection', features: [] });
const data = await loadGeodata(async (name) => {
	const path = join(root, 'geodata', name);
	return existsSync(path) ? readFile(path, 'utf8') : null;
});

// the names a card writes, most important first: the data points' own (hubs, bases), then the
// countries by size, then the towns the live map labels at the card's zoom (capitals first)
type Named = { type: 'FeatureCollection'; features: { properties: Record<string, unknown>; geometry: { coordinates: [number, number] } }[] };
const readNamed = async (path: string): Promise<Named> => JSON.parse(await readFile(join(root, path), 'utf8'));
const countryNames = (await readNamed('static/data/labels.geojson')).features.toSorted((a, b) => Number(b.properties.area) - Number(a.properties.area));
const towns = (await readNamed('geodata/basemap/places.geojson')).features;
function labelsFor(layers: LoadedLayer[], zoom: number): MapLabel[] {
	const points = layers
		.filter((l) => l.def.visible !== false && l.def.kind === 'point' && l.def.style.label)
		.flatMap((l) =>
			l.data.features
				.filter((f) => f.geometry?.type === 'Point' && typeof f.properties?.[l.def.style.label!] === 'string')
				.map((f): MapLabel => ({ text: String(f.properties![l.def.style.label!]), at: (f.geometry as { coordinates: number[] }).coordinates, kind: 'point' }))
		);
	const countries = countryNames
		.filter((c) => Number(c.properties.area) > 20000)
		.map((c): MapLabel => ({ text: String(c.properties.name), at: c.geometry.coordinates, kind: 'country' }));
	const places = towns
		.filter((t) => Number(t.properties.z) <= zoom)
		.map((t): MapLabel => ({ text: String(t.properties.name), at: t.geometry.coordinates, kind: 'place' }));
	return [...points, ...countries, ...places];
}

// every card dates what it draws, as the live map does: the front's snapshot, the layers' checks
const today = new Date().toISOString().slice(0, 10);
const latestMonth =
	timelineOf(data.layers.map((l) => ({ features: countsAsEvents(l.def) ? l.data.features : [], versions: l.def.versions }))).at(-1)?.month ?? null;
const datesOf = (layers: LoadedLayer[], until: Month | null) =>
	datesLine(
		pictureDates(
			layers.filter((l) => l.def.visible !== false).map((l) => l.def),
			until,
			{ lang: 'en', sources: data.sources, today, latestMonth, staleAfterDays: data.staleAfterDays }
		),
		ENGLISH
	);

// prepare-data.ts has already failed the build on any problem; a broken layer is simply left out here
const svg = staticMapSvg(
	{ countries: basemap.countries, borders: basemap.borders, layers: data.layers, labels: labelsFor(data.layers, DEFAULT_VIEW.zoom) },
	{ view: { ...DEFAULT_VIEW, ...PREVIEW_SIZE }, title: TITLE, dates: datesOf(data.layers, null) }
);
await writeFile(join(root, 'static/data/static-map.svg'), svg);

const fontFiles = FONT_FILES.filter((f) => existsSync(f));
const toPng = (svgText: string) =>
	new Resvg(svgText, {
		fitTo: { mode: 'width', value: PREVIEW_SIZE.width },
		font: { loadSystemFonts: true, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
	})
		.render()
		.asPng();
const png = toPng(svg);
await writeFile(join(root, 'static/data/preview.png'), png);

/**
 * An oEmbed "rich" document whose iframe shows `embedPath`, with `thumbnail` as its card image.
 * The iframe starts tall enough for the embed's content at any article width (642 px at 640 wide,
 * 683 at 375) and carries the atlas's resize script, as the Embed dialog's snippet does, so a CMS
 * that pastes it shows the whole graphic, credit included, and keeps it fitted as the key opens.
 */
const oembedFor = (title: string, embedPath: string, thumbnail: string) => ({
	version: '1.0',
	type: 'rich',
	provider_name: PROVIDER,
	...(process.env.SITE_URL ? { provider_url: url('/') } : {}),
	title,
	...EMBED_SIZE,
	html:
		`<iframe src="${escapeXml(url(embedPath))}" title="${escapeXml(title)}" width="100%" height="${EMBED_SIZE.height}" ` +
		`style="width:100%;height:${EMBED_SIZE.height}px;border:0;max-width:100%" loading="lazy" allowfullscreen data-ukraine-atlas></iframe>` +
		`<script src="${escapeXml(url('/embed.js'))}" async></script>`,
	thumbnail_url: url(thumbnail),
	thumbnail_width: PREVIEW_SIZE.width,
	thumbnail_height: PREVIEW_SIZE.height
});
const json = (value: unknown) => JSON.stringify(value, null, '\t') + '\n';
await writeFile(join(root, 'static/oembed.json'), json(oembedFor(TITLE, '/embed', '/data/preview.png')));

// each scene of the tour: its own static map, card image and oEmbed document
const scenesPath = join(root, 'geodata/scenes.json');
const { scenes } = existsSync(scenesPath)
	? validateScenes(
			JSON.parse(await readFile(scenesPath, 'utf8')),
			data.layers.map((l) => l.def.id),
			data.citable
		)
	: { scenes: [] };
await mkdir(join(root, 'static/data/scenes'), { recursive: true });
await mkdir(join(root, 'static/oembed'), { recursive: true });
for (const scene of scenes) {
	const layers = data.layers.map((l) => ({
		...l,
		def: { ...l.def, visible: scene.layers.includes(l.def.id) },
		data: { ...l.data, features: l.data.features.filter((f) => shownIn(l.def, f, scene.time ?? null)) }
	}));
	const view = { center: scene.camera.center, zoom: scene.camera.zoom - ZOOM_FOR_PREVIEW, ...PREVIEW_SIZE };
	const sceneSvg = staticMapSvg(
		{ countries: basemap.countries, borders: basemap.borders, layers, labels: labelsFor(layers, view.zoom) },
		{ view, title: scene.title, dates: datesOf(layers, scene.time ?? null) }
	);
	await writeFile(join(root, `static/data/scenes/${scene.id}.svg`), sceneSvg);
	await writeFile(join(root, `static/data/scenes/${scene.id}.png`), toPng(sceneSvg));
	await writeFile(join(root, `static/oembed/${scene.id}.json`), json(oembedFor(scene.title, `/embed?scene=${scene.id}`, `/data/scenes/${scene.id}.png`)));
}
console.log(
	`static map: static-map.svg ${svg.length} bytes, preview.png ${png.length} bytes, ${scenes.length} scenes` +
		`${fontFiles.length ? '' : ' (no DejaVu font found: text depends on system fonts)'}; oembed.json (${process.env.SITE_URL ? site : 'relative addresses: a local build; publish with npm run build:site'})`
);
