// A small PMTiles v3 writer (vector tiles, no compression) for tests and small layers. Real
// archives come from tippecanoe or planetiler; this one exists so the atlas's vector-tile path is
// tested against a real archive that the pmtiles library reads, made on any machine.
// Format: https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
import GeoJSONVT from 'geojson-vt';
// @ts-expect-error vt-pbf ships no types
import vtpbf from 'vt-pbf';
import { zxyToTileId } from 'pmtiles';
import turfBbox from '@turf/bbox';
import type { FeatureCollection } from 'geojson';

export type ArchiveOptions = { layer: string; minZoom?: number; maxZoom?: number };

const HEADER_BYTES = 127;

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
	const index = new GeoJSONVT(data, { maxZoom, indexMaxZoom: maxZoom, indexMaxPoints: 0, tolerance: 3, extent: 4096, buffer: 64 });
	const tiles: { id: number; bytes: Uint8Array }[] = [];
	for (let z = minZoom; z <= maxZoom; z++)
		for (let x = 0; x < 2 ** z; x++)
			for (let y = 0; y < 2 ** z; y++) {
				const tile = index.getTile(z, x, y);
				if (tile && tile.features.length) tiles.push({ id: zxyToTileId(z, x, y), bytes: vtpbf.fromGeojsonVt({ [layer]: tile }, { version: 2 }) });
			}
	tiles.sort((a, b) => a.id - b.id);

	let offset = 0;
	const offsets = tiles.map((t) => ((offset += t.bytes.length), offset - t.bytes.length));
	// directory: count, tile id deltas, run lengths, lengths, offsets (0: right after the previous tile)
	const directory = Uint8Array.from([
		...varints([tiles.length]),
		...varints(tiles.map((t, i) => t.id - (i ? tiles[i - 1].id : 0))),
		...varints(tiles.map(() => 1)),
		...varints(tiles.map((t) => t.bytes.length)),
		...varints(tiles.map((_, i) => (i > 0 ? 0 : offsets[i] + 1)))
	]);
	const metadata = new TextEncoder().encode(JSON.stringify({ vector_layers: [{ id: layer, fields: {} }] }));
	const tileBytes = offset;

	const [w, s, e, n] = turfBbox(data);
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
	header.setUint8(97, 1); // directories: no compression
	header.setUint8(98, 1); // tiles: no compression
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
