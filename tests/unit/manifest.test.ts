import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAtlasData } from '../../src/lib/manifest/load';
import { formatProblem } from '../../src/lib/manifest/errors';

// Golden cases: each *.input.json holds the files of a geodata/ folder; *.output.json the
// problems an editor reads, in order, and the layers that still load. UPDATE=1 rewrites outputs.
const dir = 'tests/fixtures/manifest';
const cases = readdirSync(dir).filter((f) => f.endsWith('.input.json'));

describe('manifest and data validation (golden)', () => {
	it.each(cases)('%s', async (name) => {
		const files: Record<string, unknown> = JSON.parse(readFileSync(join(dir, name), 'utf8'));
		const result = await loadAtlasData(async (file) => {
			const content = files[file];
			if (content === undefined) return null;
			return typeof content === 'string' ? content : JSON.stringify(content, null, 2);
		});
		const actual = { problems: result.problems.map(formatProblem), layers: result.layers.map((l) => `${l.def.id}: ${l.data.features.length} features`) };
		const outPath = join(dir, name.replace('.input.json', '.output.json'));
		if (process.env.UPDATE) writeFileSync(outPath, JSON.stringify(actual, null, '\t') + '\n');
		expect(actual).toEqual(JSON.parse(readFileSync(outPath, 'utf8')));
	});
});
