// The one check of a geodata/ folder, shared by the build (scripts/prepare-data.ts) and the
// editors' `npm run layer -- check`, so that what passes one passes the other.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadGeodata, type Geodata, type ReadText } from '../../src/lib/manifest/load';
import { validateClaims } from '../../src/lib/manifest/claims';
import { validateCoverageSettings } from '../../src/lib/manifest/coverageSettings';
import { validateScenes } from '../../src/lib/manifest/scenes';
import type { Bibliography } from '../../src/lib/manifest/schema';
import type { Problem } from '../../src/lib/manifest/errors';
import { holdsJournal, JOURNAL, unfinishedWrite } from './atomicWrite';
import { isTiled } from '../../src/lib/manifest/files';
import { PMTiles } from 'pmtiles';
import { validateLayerData } from '../../src/lib/manifest/data';
import { safeJson } from '../../src/lib/content/read';
import { FRONT_FIGURES, validateFrontFigures } from '../../src/lib/manifest/frontFigures';

// the files beside the layers that the atlas reads, each with its own validator
const COMPANIONS: Record<string, (json: unknown, sources: Bibliography) => { problems: Problem[] }> = {
	'claims.json': validateClaims,
	'coverage.json': validateCoverageSettings
};

/** Reads the files of the geodata/ folder `dir` from disk: null for a file that is not there, as a fetch's 404. */
export const diskReader =
	(dir: string): ReadText =>
	async (name) =>
		existsSync(join(dir, name)) ? readFile(join(dir, name), 'utf8') : null;

/**
 * Checks the bibliography, the manifest, every layer file and the companion files in `dir`.
 * Never throws for bad content: every problem is in `problems`, each naming its file.
 * `overlay`: files (by name) to check as if they held this text, for a write not yet made.
 */
export async function checkGeodata(
	dir: string,
	overlay: Record<string, string> = {},
	options: { onRead?: (name: string, bytes: number) => void } = {}
): Promise<Geodata> {
	const disk = diskReader(dir);
	const read: ReadText = async (name) => {
		const text = Object.hasOwn(overlay, name) ? overlay[name] : await disk(name);
		if (text !== null) options.onRead?.(name, Buffer.byteLength(text));
		return text;
	};
	const data = await loadGeodata(read);
	for (const [name, validate] of Object.entries(COMPANIONS)) {
		const text = await read(name);
		if (text === null) {
			data.problems.push({ file: `geodata/${name}`, field: '', message: `geodata/${name} not found` });
			continue;
		}
		try {
			data.problems.push(...validate(JSON.parse(text), data.citable).problems);
		} catch (error) {
			data.problems.push({ file: `geodata/${name}`, field: '', message: `not valid JSON (${(error as Error).message})` });
		}
	}
	// every layer says how current it is: the legend shows it, and the build warns when it is old
	for (const layer of data.layers)
		if (!layer.def.asOf)
			data.problems.push({
				file: 'geodata/layers.json',
				field: `layers[${layer.index}].asOf`,
				message: 'required: the date this layer\'s content was last checked as a whole, like "2025-09-04"',
				layer: layer.def.id,
				fatal: false
			});
	// the front's figures, where the series is imported
	const figures = await read(FRONT_FIGURES);
	if (figures !== null) {
		const json = safeJson(figures);
		if (json === null) data.problems.push({ file: `geodata/${FRONT_FIGURES}`, field: '', message: 'not valid JSON' });
		else data.problems.push(...validateFrontFigures(json).problems);
	}
	// every dated version passes the rules its latest (loaded above) does: the page loads them on demand, unchecked
	for (const layer of data.layers)
		for (const version of layer.def.versions?.slice(0, -1) ?? []) {
			const text = await read(version.file);
			const where = { file: `geodata/${version.file}`, field: '', layer: layer.def.id, fatal: false };
			if (text === null) data.problems.push({ ...where, message: `geodata/${version.file} not found` });
			else
				data.problems.push(
					...validateLayerData(text, version.file, layer.def, data.citable).problems.map((p) => ({ ...p, layer: layer.def.id, fatal: false }))
				);
		}
	// an archive must be there, readable, and hold the layer the manifest names
	for (const layer of data.layers.filter((l) => isTiled(l.def))) {
		const problem = await checkArchive(join(dir, layer.def.file), layer.def.sourceLayer!);
		if (problem) data.problems.push({ file: `geodata/${layer.def.file}`, field: '', message: problem, layer: layer.def.id, fatal: true });
	}
	// the tour is optional; when there is one, its scenes must name real layers and sources
	const scenes = await read('scenes.json');
	if (scenes !== null) {
		try {
			data.problems.push(
				...validateScenes(
					JSON.parse(scenes),
					data.layers.map((l) => l.def.id),
					data.citable
				).problems
			);
		} catch (error) {
			data.problems.push({ file: 'geodata/scenes.json', field: '', message: `not valid JSON (${(error as Error).message})` });
		}
	}
	// the journal of this very process is its own lock (a save checking what it is about to write), not an interrupted write
	if (!holdsJournal(dir) && (await unfinishedWrite(dir)))
		data.problems.push({
			file: `geodata/${JOURNAL}`,
			field: '',
			message: 'a `npm run layer` write was interrupted: run `npm run layer -- check` to finish or undo it'
		});
	return data;
}

/** Why a PMTiles archive cannot be drawn as `sourceLayer`, or null when it can. */
export async function checkArchive(path: string, sourceLayer: string): Promise<string | null> {
	if (!existsSync(path)) return `${path.split('/').pop()} not found`;
	const bytes = await readFile(path);
	const source = {
		getKey: () => path,
		getBytes: async (offset: number, length: number) => ({ data: bytes.buffer.slice(bytes.byteOffset + offset, bytes.byteOffset + offset + length) })
	};
	try {
		const archive = new PMTiles(source);
		const header = await archive.getHeader();
		if (header.tileType !== 1) return `holds tile type ${header.tileType}, not vector tiles (MVT)`;
		const metadata = (await archive.getMetadata()) as { vector_layers?: { id: string }[] };
		const names = (metadata.vector_layers ?? []).map((l) => l.id);
		return names.includes(sourceLayer) ? null : `has no vector layer "${sourceLayer}" (it has ${names.map((n) => `"${n}"`).join(', ') || 'none'})`;
	} catch (error) {
		return `is not a PMTiles v3 archive (${(error as Error).message})`;
	}
}
