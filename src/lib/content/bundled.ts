import { loadGeodata, type Geodata } from '../manifest/load';
import { validateScenes, type Scene } from '../manifest/scenes';
import { FRONT_FIGURES, validateFrontFigures, type FrontFigures } from '../manifest/frontFigures';

// geodata/ as the build saw it, for pages rendered to plain HTML at build time (no fetch, no JS);
// the dated versions one folder down too (the server's bundle only: no page ships them)
const files = import.meta.glob(['../../../geodata/*.{json,geojson}', '../../../geodata/*/*.{json,geojson}'], {
	query: '?raw',
	import: 'default',
	eager: true
}) as Record<string, string>;

export function loadBundledGeodata(): Promise<Geodata> {
	return loadGeodata(async (name) => files[`../../../geodata/${name}`] ?? null);
}

/** The occupied area's and the front's figures by snapshot, as the build saw them. */
export function bundledFrontFigures(): FrontFigures[] {
	return validateFrontFigures(JSON.parse(files[`../../../geodata/${FRONT_FIGURES}`] ?? '[]')).figures;
}

/** The tour's scenes as the build saw them, checked against the manifest and the bibliography. */
export function bundledScenes(): Scene[] {
	const read = (name: string) => JSON.parse(files[`../../../geodata/${name}`] ?? 'null');
	const layerIds = (read('layers.json')?.layers ?? []).map((l: { id: string }) => l.id);
	return validateScenes(read('scenes.json'), layerIds, read('sources.json') ?? {}).scenes;
}
