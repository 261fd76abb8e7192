import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, Polygon } from 'geojson';
import { validateLayerData } from '../../src/lib/manifest/data';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateBibliography } from '../../src/lib/manifest/validate';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { normalise } from '../../src/lib/geo/normalise';

// One feature of 2 million positions (44 MB) ran `layer add` out of memory after a minute, naming
// nothing, while the editor took the same file; one of 200,000 and more was written as given,
// neither rewound nor rounded (the normaliser overflowed the stack and gave up quietly).
const sources = validateBibliography(JSON.parse(readFileSync('tests/fixtures/layer/geodata/sources.json', 'utf8'))).citable;
const layer = { kind: 'fill' as const, file: 'area.geojson' };

/** A circle of `n` positions around Kyiv, drawn clockwise, to 9 decimals: work for the normaliser. */
function area(id: string, n: number): Feature<Polygon> {
	const ring = Array.from({ length: n - 1 }, (_, i) => {
		const a = (-2 * Math.PI * i) / (n - 1);
		return [30.5 + Math.cos(a) * 1.123456789, 50.45 + Math.sin(a) * 0.987654321];
	});
	return {
		type: 'Feature',
		properties: { id, name: id, sources: ['news-2025-03-ironclad-guarantees'], confidence: 'reported', asOf: '2025-09-04' },
		geometry: { type: 'Polygon', coordinates: [[...ring, ring[0]]] }
	};
}
const text = (...features: Feature[]) => JSON.stringify({ type: 'FeatureCollection', features });
const LIMIT =
	"300,000 positions: at most 250,000 in one feature (past that the checks and the map run out of memory); simplify it (mapshaper's -simplify, QGIS's Simplify) or split it into several features";

let dir: string;
let big: string;
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-big-feature-'));
	big = text(area('small', 5), area('huge', 300_000));
	writeFileSync(join(dir, 'area.geojson'), big);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('one feature with very many positions', { timeout: 60_000 }, () => {
	it('under the limit (200,000) is normalised like any other: rewound and rounded', () => {
		const { data, warnings } = normalise(JSON.parse(text(area('large', 200_000))));
		expect(warnings.map((w) => w.message)).toEqual([expect.stringMatching(/^1 ring rewound to the right-hand rule/)]);
		const [x, y] = (data.features[0].geometry as Polygon).coordinates[0][1];
		expect([x, y]).toEqual([Math.round(x * 1e6) / 1e6, Math.round(y * 1e6) / 1e6]);
	});

	it('past the limit is refused by the editor’s check and the build’s, naming the feature and what to do', () => {
		const edited = checkLayerText(big, 'area.geojson', layer, sources);
		expect(edited.problems.map(formatProblem)).toEqual([
			`area.geojson:1:${big.lastIndexOf('{"type":"Feature"') + 1}: features[1] (huge).geometry.coordinates: ${LIMIT}`
		]);
		expect(edited.rejected).toEqual([1]);
		const built = validateLayerData(big, 'area.geojson', layer, sources);
		expect(built.problems.map((p) => [p.feature, p.field, p.message])).toEqual([[{ index: 1, id: 'huge' }, 'geometry.coordinates', LIMIT]]);
	});

	it('past the limit is refused by `layer add` the same way, in seconds', () => {
		const root = join(dir, 'geodata');
		cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
		const started = Date.now();
		const run = spawnSync(
			process.execPath,
			['--import', 'tsx', 'scripts/layer.ts', 'add', join(dir, 'area.geojson'), '--title', 'Area', '--kind', 'fill', '--root', root],
			{ encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } }
		);
		expect(run.status).toBe(1);
		expect(run.stderr).toContain(`features[1] (huge).geometry.coordinates: ${LIMIT}`);
		expect(Date.now() - started).toBeLessThan(30_000);
	});
});
