import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadGeodata } from '../../src/lib/manifest/load';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateClaims } from '../../src/lib/manifest/claims';

// The atlas's own content passes every rule an editor's would: the build runs the same check.
const data = await loadGeodata(async (name) => (existsSync(`geodata/${name}`) ? readFileSync(`geodata/${name}`, 'utf8') : null));

describe('geodata/', () => {
	it('has no problems: every feature sourced, graded, dated, in range', () => {
		expect(data.problems.map(formatProblem)).toEqual([]);
	});

	it('draws every layer in the manifest', () => {
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8'));
		expect(data.layers.map((l) => l.def.id)).toEqual(manifest.layers.map((l: { id: string }) => l.id));
	});

	it('cites the articles it started from, as news, and every key it cites resolves', () => {
		const cited = new Set(data.layers.flatMap((l) => [...l.def.sources, ...l.data.features.flatMap((f) => f.properties?.sources ?? [])]));
		expect(data.sources['news-2025-03-ironclad-guarantees']?.kind).toBe('news');
		expect(cited.has('insightnews-2025-09-declarations-vs-commitments')).toBe(true);
		for (const key of cited) expect(data.sources[key], key).toBeDefined();
	});
});

describe('geodata/claims.json', () => {
	it('names only sources, figures and metrics that exist', () => {
		const { claims, problems } = validateClaims(JSON.parse(readFileSync('geodata/claims.json', 'utf8')), data.citable);
		expect(problems.map(formatProblem)).toEqual([]);
		expect(claims!.claims.map((c) => c.id)).toEqual(
			expect.arrayContaining(['front-length', 'force-100000', 'kfor-48000', 'ukraine-50x-kosovo', 'coalition-35', 'coalition-26', 'force-64000', 'force-25000'])
		);
	});

	it('reports a figure that does not exist, by path', () => {
		const file = JSON.parse(readFileSync('geodata/claims.json', 'utf8'));
		file.claims[0].checkAgainst = { figure: 'nowhere' };
		expect(validateClaims(file, data.citable).problems.map(formatProblem)).toEqual([
			'geodata/claims.json: claims[0].checkAgainst.figure: "nowhere" is not in figures'
		]);
	});
});
