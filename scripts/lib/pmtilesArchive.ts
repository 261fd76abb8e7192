// A small PMTiles v3 writer (vector tiles) for the base map's detail and for small layers. Real
// archives come from tippecanoe or planetiler; this one exists so that the build makes its tiles on
// any machine, and so the atlas's vector-tile path is tested against archives the pmtiles library reads.
// Format: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
import { gzipSync } from 'node:zlib';
import GeoJSONVT from 'geojson-vt';
// @ts-expect-error vt-pbf ships no types
import vtpbf from 'vt-pbf';
import { zxyToTileId } from 'pmtiles';
import turfBbox from '@turf/bbox';
import type { Feature, FeatureCollection } from 'geojson';

export type ArchiveOptions = { layer: string; minZoom?: number; maxZoom?: number };
/** One named layer of a multi-layer archive; `at` says which features a zoom's tiles carry (all, without it). */
export type ArchiveLayer = { name: string; data: FeatureCollection; at?: (feature: Feature, zoom: number) => boolean };
export type MultiOptions = { minZoom: number; maxZoom: number; gzip?: boolean; tolerance?: number };

const HEADER_BYTES = 127;
/** the pmtiles reader fetches the first 16 KiB and expects the root directory inside it */
const FIRST_READ = 16_384;

function varints(values: number[]): number[] {
	const out: number[] = [];
	for (let v of values) {
		while (v >= 0x80) {
			out.push((v % 0x80) | 0x80);
			v = Math.floor(v / 0x80);
		}
		out.push(v);
	}
	return out;
}

/** The features cut into Mapbox Vector Tiles from `minZoom` to `maxZoom`, as one PMTiles archive. */
export function pmtilesArchive(data: FeatureCollection, { layer, minZoom = 0, maxZoom = 6 }: ArchiveOptions): Uint8Array {
	return pmtilesLayers([{ name: layer, data }], { minZoom, maxZoom });
}

const lon2x = (lon: number, z: number) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat: number, z: number) => {
	const r = (lat * Math.PI) / 180;
	return Math.floor(((1 - Math.log(Math.tan(r) + 1 / Math.cos(r)) / Math.PI) / 2) * 2 ** z);
};

/**
 * Several named layers cut into tiles together, each zoom carrying the features `at` allows, so
 * that the first views fetch only what they draw. Tiles may be gzipped (the reader inflates them).
 */
export function pmtilesLayers(layers: ArchiveLayer[], { minZoom, maxZoom, gzip = false, tolerance = 3 }: MultiOptions): Uint8Array {
	const all: FeatureCollection = { type: 'FeatureCollection', features: layers.flatMap((l) => l.data.features) };
	const [w, s, e, n] = all.features.length ? turfBbox(all) : [0, 0, 0, 0];
	const tiles: { id: number; bytes: Uint8Array }[] = [];
	for (let z = minZoom; z <= maxZoom; z++) {
		const indexes = layers.map((l) => {
			const features = l.at ? l.data.features.filter((f) => l.at!(f, z)) : l.data.features;
			return features.length
				? new GeoJSONVT({ type: 'FeatureCollection', features }, { maxZoom: z, indexMaxZoom: z, indexMaxPoints: 0, tolerance, extent: 4096, buffer: 64 })
				: null;
		});
		for (let x = Math.max(0, lon2x(w, z)); x <= Math.min(2 ** z - 1, lon2x(e, z)); x++)
			for (let y = Math.max(0, lat2y(n, z)); y <= Math.min(2 ** z - 1, lat2y(s, z)); y++) {
				const parts: Record<string, unknown> = {};
				layers.forEach((l, i) => {
					const tile = indexes[i]?.getTile(z, x, y);
					if (tile && tile.features.length) parts[l.name] = tile;
				});
				if (Object.keys(parts).length === 0) continue;
				const raw = vtpbf.fromGeojsonVt(parts, { version: 2 }) as Uint8Array;
				tiles.push({ id: zxyToTileId(z, x, y), bytes: gzip ? gzipSync(raw, { level: 9 }) : raw });
			}
	}
	tiles.sort((a, b) => a.id - b.id);

	let offset = 0;
	const offsets = tiles.map((t) => ((offset += t.bytes.length), offset - t.bytes.length));
	// directory: count, tile id deltas, run lengths, lengths, offsets (0: right after the previous tile)
	const rawDirectory = Uint8Array.from([
		...varints([tiles.length]),
		...varints(tiles.map((t, i) => t.id - (i ? tiles[i - 1].id : 0))),
		...varints(tiles.map(() => 1)),
		...varints(tiles.map((t) => t.bytes.length)),
		...varints(tiles.map((_, i) => (i > 0 ? 0 : offsets[i] + 1)))
	]);
	const directory = gzip ? gzipSync(rawDirectory, { level: 9 }) : rawDirectory;
	if (HEADER_BYTES + directory.length > FIRST_READ)
		throw new Error(
			`pmtiles: the root directory (${directory.length} bytes for ${tiles.length} tiles) does not fit the reader's first 16 KiB; use fewer zooms`
		);
	const metadataJson = new TextEncoder().encode(JSON.stringify({ vector_layers: layers.map((l) => ({ id: l.name, fields: {} })) }));
	const metadata = gzip ? gzipSync(metadataJson) : metadataJson;
	const tileBytes = offset;

	const header = new DataView(new ArrayBuffer(HEADER_BYTES));
	new TextEncoder().encode('PMTiles').forEach((c, i) => header.setUint8(i, c));
	header.setUint8(7, 3);
	const u64 = (at: number, v: number) => header.setBigUint64(at, BigInt(v), true);
	u64(8, HEADER_BYTES); // root directory
	u64(16, directory.length);
	u64(24, HEADER_BYTES + directory.length); // metadata
	u64(32, metadata.length);
	u64(40, HEADER_BYTES + directory.length + metadata.length); // no leaf directories
	u64(48, 0);
	u64(56, HEADER_BYTES + directory.length + metadata.length); // tile data
	u64(64, tileBytes);
	u64(72, tiles.length);
	u64(80, tiles.length);
	u64(88, tiles.length);
	header.setUint8(96, 1); // clustered
	header.setUint8(97, gzip ? 2 : 1); // directories and metadata: gzip or none
	header.setUint8(98, gzip ? 2 : 1); // tiles: gzip or none
	header.setUint8(99, 1); // MVT
	header.setUint8(100, minZoom);
	header.setUint8(101, maxZoom);
	const e7 = (at: number, v: number) => header.setInt32(at, Math.round(v * 1e7), true);
	e7(102, w);
	e7(106, s);
	e7(110, e);
	e7(114, n);
	header.setUint8(118, minZoom);
	e7(119, (w + e) / 2);
	e7(123, (s + n) / 2);

	const out = new Uint8Array(HEADER_BYTES + directory.length + metadata.length + tileBytes);
	out.set(new Uint8Array(header.buffer), 0);
	out.set(directory, HEADER_BYTES);
	out.set(metadata, HEADER_BYTES + directory.length);
	tiles.forEach((t, i) => out.set(t.bytes, HEADER_BYTES + directory.length + metadata.length + offsets[i]));
	return out;
}
