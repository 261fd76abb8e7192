// Build step run before `vite dev` and `vite build`: makes the base map from Natural Earth with
// Crimea in Ukraine, checks every file in geodata/ the way the browser will, and copies them to
// static/ so the site serves them itself, with the content as the page reads it (data/content.json).
// Exits non-zero, printing every problem, on bad data.
import { readFile, writeFile, mkdir, cp, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { feature } from 'topojson-client';
import { recogniseCrimeaAsUkraine, type CountriesTopology } from '../src/lib/geo/recognisedBorders';
import { pruneTopology } from '../src/lib/geo/pruneTopology';
import type { BBox } from '../src/lib/geo/types';
import { labelPoints, type CountryProps } from '../src/lib/geo/labelPoints';
import { formatProblem } from '../src/lib/manifest/errors';
import { STALE_AFTER_DAYS, staleLayers } from '../src/lib/manifest/staleness';
import { checkGeodata } from './lib/checkGeodata';
import { builtContentFiles } from './lib/builtContent';
import { buildBasemapDetail } from './lib/basemapTiles';

/** Europe, the Black Sea and their neighbours: what the atlas ships of the world. */
const REGION: BBox = [-32, 25, 75, 82];
/** Where country labels are placed (the part of each country a reader of this map sees). */
const LABEL_VIEW: BBox = [-25, 30, 55, 71];

const root = new URL('..', import.meta.url).pathname;
const geodata = join(root, 'geodata');
const out = join(root, 'static');

async function buildBasemap() {
	const world = JSON.parse(await readFile(join(root, 'node_modules/world-atlas/countries-50m.json'), 'utf8')) as CountriesTopology;
	const recognised = recogniseCrimeaAsUkraine(world);
	const topology = pruneTopology(recognised, REGION);
	const countries = feature(topology, topology.objects.countries);
	const labels = labelPoints(
		{
			type: 'FeatureCollection',
			features: countries.features.map((f) => ({ ...f, properties: { name: f.properties!.name, id: f.id === undefined ? null : String(f.id) } }))
		} as never,
		LABEL_VIEW
	);
	// modern names (North Macedonia, Türkiye) in English and Ukrainian, from the reviewed table;
	// Northern Cyprus, which the UN does not recognise, gets no label
	const names = JSON.parse(await readFile(join(geodata, 'basemap/names.json'), 'utf8')) as { countries: Record<string, { en: string; uk: string }> };
	labels.features = labels.features.filter((l) => l.properties.name !== 'N. Cyprus');
	for (const l of labels.features) {
		l.geometry.coordinates = l.geometry.coordinates.map((c) => Math.round(c * 1e4) / 1e4);
		const row = names.countries[l.properties.id ?? l.properties.name];
		if (!row) throw new Error(`geodata/basemap/names.json: countries has no row for ${l.properties.id ?? l.properties.name} (${l.properties.name})`);
		Object.assign(l.properties, { name: row.en, name_uk: row.uk });
	}
	await mkdir(join(out, 'data'), { recursive: true });
	await writeFile(join(out, 'data/basemap.topo.json'), JSON.stringify(topology));
	await writeFile(join(out, 'data/labels.geojson'), JSON.stringify(labels satisfies { features: { properties: CountryProps }[] }));
	return { countries: topology.objects.countries.geometries.length, arcs: topology.arcs.length };
}

async function checkAndCopyGeodata() {
	const data = await checkGeodata(geodata);
	if (data.problems.length > 0) return data;
	await rm(join(out, 'geodata'), { recursive: true, force: true });
	await mkdir(join(out, 'geodata'), { recursive: true });
	// the layers' files, and their dated versions one folder down; notes (README.md, _research/) stay behind
	const served = (path: string) => {
		const name = basename(path);
		return name === '_research' || name === 'basemap' ? false : !name.includes('.') || /\.((geo)?json|pmtiles)$/.test(name);
	};
	await cp(geodata, join(out, 'geodata'), { recursive: true, filter: served });
	// the page reads this one file, already checked, instead of the eight above; the features'
	// Ukrainian comes apart, only to readers who ask for it
	for (const [path, text] of Object.entries(await builtContentFiles(geodata))) await writeFile(join(out, path), text);
	return data;
}

const basemap = await buildBasemap();
const detail = await buildBasemapDetail(geodata, out);
const data = await checkAndCopyGeodata();
if (data.problems.length > 0) {
	console.error(`geodata has ${data.problems.length} problem(s):`);
	for (const p of data.problems) console.error(`  ${formatProblem(p)}`);
	process.exit(1);
}
// an old layer does not stop the build, but its editors should know (the legend tells readers)
for (const l of staleLayers(
	data.layers.map((l) => l.def),
	new Date().toISOString().slice(0, 10),
	data.staleAfterDays
))
	console.warn(
		`warning: layer "${l.id}" is stale: as of ${l.asOf}, ${l.days} days ago (more than ${data.staleAfterDays ?? STALE_AFTER_DAYS}); check it and update its asOf`
	);
console.log(
	`base map: ${basemap.countries} countries, ${basemap.arcs} arcs, ${detail.places} towns, ${detail.water} rivers and lakes (${Math.round(detail.bytes / 1024)} KB of tiles); geodata: ${data.layers.length} layers, ` +
		`${data.layers.reduce((n, l) => n + l.data.features.length, 0)} features, ${Object.keys(data.citable).length} sources`
);
