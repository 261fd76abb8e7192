import { loadAtlasData, type AtlasData } from './load';

// geodata/ as the build saw it, for pages rendered to plain HTML at build time (no fetch, no JS)
const files = import.meta.glob('../../../geodata/*.{json,geojson}', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

export function loadBundledAtlasData(): Promise<AtlasData> {
	return loadAtlasData(async (name) => files[`../../../geodata/${name}`] ?? null);
}
