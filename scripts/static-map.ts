// Build step run after prepare-data.ts: the default view as a static SVG and PNG, for readers
// without WebGL or JavaScript and for link previews, and an oEmbed document for CMSs.
// URLs are absolute when SITE_URL is set (oEmbed wants them so); otherwise root-relative.
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { decodeBasemap } from '../src/lib/map/basemap';
import { loadAtlasData } from '../src/lib/manifest/load';
import { escapeXml, staticMapSvg } from '../src/lib/render/staticMap';
import { DEFAULT_VIEW } from '../src/lib/view';

export const PREVIEW_SIZE = { width: 1200, height: 630 };
export const EMBED_SIZE = { width: 800, height: 600 };
export const TITLE = "Ukraine's security guarantees: the atlas";
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
const data = await loadAtlasData(async (name) => {
	const path = join(root, 'geodata', name);
	return existsSync(path) ? readFile(path, 'utf8') : null;
});
// prepare-data.ts has already failed the build on any problem; a broken layer is simply left out here
const svg = staticMapSvg(
	{ countries: basemap.countries, borders: basemap.borders, layers: data.layers },
	{ view: { ...DEFAULT_VIEW, ...PREVIEW_SIZE }, title: TITLE }
);
await writeFile(join(root, 'static/data/static-map.svg'), svg);

const fontFiles = FONT_FILES.filter((f) => existsSync(f));
const png = new Resvg(svg, {
	fitTo: { mode: 'width', value: PREVIEW_SIZE.width },
	font: { loadSystemFonts: true, fontFiles, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' }
})
	.render()
	.asPng();
await writeFile(join(root, 'static/data/preview.png'), png);

const iframe =
	`<iframe src="${escapeXml(url('/embed'))}" title="${escapeXml(TITLE)}" width="100%" height="${EMBED_SIZE.height}" ` +
	`style="border:0;max-width:100%" loading="lazy" allowfullscreen></iframe>`;
const oembed = {
	version: '1.0',
	type: 'rich',
	provider_name: PROVIDER,
	...(process.env.SITE_URL ? { provider_url: url('/') } : {}),
	title: TITLE,
	...EMBED_SIZE,
	html: iframe,
	thumbnail_url: url('/data/preview.png'),
	thumbnail_width: PREVIEW_SIZE.width,
	thumbnail_height: PREVIEW_SIZE.height
};
await writeFile(join(root, 'static/oembed.json'), JSON.stringify(oembed, null, '\t') + '\n');
console.log(
	`static map: static-map.svg ${svg.length} bytes, preview.png ${png.length} bytes` +
		`${fontFiles.length ? '' : ' (no DejaVu font found: text depends on system fonts)'}; oembed.json (${site ? site : 'root-relative URLs, set SITE_URL'})`
);
