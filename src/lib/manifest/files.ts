import type { LayerDef } from './schema';

/** A layer served as vector tiles from a PMTiles archive rather than read as GeoJSON. */
export const isTiled = (layer: Pick<LayerDef, 'file'>) => layer.file.endsWith('.pmtiles');
