// What the atlas shows besides the base map, read and checked. The build does this once and
// writes the result to data/content.json (scripts/prepare-data.ts), which the page reads as it
// is; where that file is missing, a worker (workers/content.worker.ts) does it from the files, and
// the page itself only where no worker can start. What the address asks of it is read apart
// (atlas/link.ts): it changes with every link, the content does not.
import { loadGeodata, type Geodata, type ReadText } from '../manifest/load';
import { validateClaims, type ClaimsFile } from '../manifest/claims';
import { validateCoverageSettings } from '../manifest/coverageSettings';
import { validateScenes, type Scene } from '../manifest/scenes';
import { FRONT_FIGURES, validateFrontFigures, type FrontFigures } from '../manifest/frontFigures';
import type { Problem } from '../manifest/errors';
import { safeJson } from './read';

/** The site's content, checked: the same for every reader and every address. */
export type Content = {
	data: Geodata;
	claims: ClaimsFile | null;
	coverage: ReturnType<typeof validateCoverageSettings>['settings'];
	scenes: Scene[];
	/** the occupied area and the front by snapshot (empty where the series is not imported) */
	front: FrontFigures[];
	/** every problem found in the files */
	problems: Problem[];
	/** the day the content was read and checked (the build's date): layers are stale relative to it */
	builtOn: string;
};

/** Reads the manifest's layers, the claims, the coverage settings and the tour side by side, and checks them. */
export async function readContent(read: ReadText, today = new Date().toISOString().slice(0, 10)): Promise<Content> {
	const readJson = (name: string) =>
		read(name)
			.then(safeJson)
			.catch(() => null);
	const [data, claimsJson, coverageJson, scenesJson, frontJson] = await Promise.all([
		loadGeodata(read),
		readJson('claims.json'),
		readJson('coverage.json'),
		readJson('scenes.json'),
		readJson(FRONT_FIGURES)
	]);
	const checked = validateClaims(claimsJson, data.citable);
	const coverage = validateCoverageSettings(coverageJson, data.citable);
	const tour =
		scenesJson === null
			? { scenes: [], problems: [] }
			: validateScenes(
					scenesJson,
					data.layers.map((l) => l.def.id),
					data.citable
				);
	const front = frontJson === null ? { figures: [], problems: [] } : validateFrontFigures(frontJson);
	return {
		data,
		claims: checked.claims,
		coverage: coverage.settings,
		scenes: tour.scenes,
		front: front.figures,
		builtOn: today,
		problems: [...data.problems, ...checked.problems, ...coverage.problems, ...tour.problems, ...front.problems]
	};
}
