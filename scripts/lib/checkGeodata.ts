// The one check of a geodata/ folder, shared by the build (scripts/prepare-data.ts) and the
// editors' `npm run layer -- check`, so that what passes one passes the other.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadAtlasData, type AtlasData } from '../../src/lib/manifest/load';
import { validateClaims } from '../../src/lib/manifest/claims';
import { validateCoverageSettings } from '../../src/lib/manifest/coverageSettings';
import { validateScenes } from '../../src/lib/manifest/scenes';
import type { Bibliography } from '../../src/lib/manifest/schema';
import type { Problem } from '../../src/lib/manifest/errors';
import { JOURNAL } from './atomicWrite';

// the files beside the layers that the atlas reads, each with its own validator
const COMPANIONS: Record<string, (json: unknown, sources: Bibliography) => { problems: Problem[] }> = {
	'claims.json': validateClaims,
	'coverage.json': validateCoverageSettings
};

/**
 * Checks the bibliography, the manifest, every layer file and the companion files in `dir`.
 * Never throws for bad content: every problem is in `problems`, each naming its file.
 */
export async function checkGeodata(dir: string): Promise<AtlasData> {
	const read = async (name: string) => (existsSync(join(dir, name)) ? readFile(join(dir, name), 'utf8') : null);
	const data = await loadAtlasData(read);
	for (const [name, validate] of Object.entries(COMPANIONS)) {
		const text = await read(name);
		if (text === null) {
			data.problems.push({ path: `geodata/${name}`, message: `geodata/${name} not found` });
			continue;
		}
		try {
			data.problems.push(...validate(JSON.parse(text), data.citable).problems);
		} catch (error) {
			data.problems.push({ path: `geodata/${name}`, message: `not valid JSON (${(error as Error).message})` });
		}
	}
	// the tour is optional; when there is one, its scenes must name real layers and sources
	const scenes = await read('scenes.json');
	if (scenes !== null) {
		try {
			data.problems.push(...validateScenes(JSON.parse(scenes), data.layers.map((l) => l.def.id), data.citable).problems);
		} catch (error) {
			data.problems.push({ path: 'geodata/scenes.json', message: `not valid JSON (${(error as Error).message})` });
		}
	}
	if (existsSync(join(dir, JOURNAL)))
		data.problems.push({ path: `geodata/${JOURNAL}`, message: 'a `npm run layer` write was interrupted: run `npm run layer -- check` to finish or undo it' });
	return data;
}
