import { afterEach, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyBundle } from '../../scripts/lib/applyBundle';
import { newSourceProblems, type NewSource } from '../../src/lib/editor/forgive';
import { makeBundle } from '../../src/lib/editor/bundle';
import { depots, depotsMeta } from '../lib/depots';
import { sourceKeyProblem } from '../../src/lib/manifest/schema';

// a new source's key is judged by one rule, in the editor's form and in `layer apply` (and the save)
const source = (key: string): NewSource => ({
	from: 'https://example.org/a',
	key,
	publisher: 'Example',
	title: 'A report',
	date: '2025-09-04',
	url: 'https://example.org/a',
	kind: 'news'
});
const BAD = ['Outlet 2025', '-outlet', 'outlet_2025', ''];
let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe("a new source's key", () => {
	it('a lowercase slug is one', () => {
		expect(sourceKeyProblem('outlet-2025-09-04-slug')).toBeNull();
		for (const key of BAD) expect(sourceKeyProblem(key), key).toBe(`a key like "outlet-2025-09-04-slug" expected, ${JSON.stringify(key)} found`);
	});

	it('the editor and `layer apply` refuse the same keys in the same words', async () => {
		for (const key of BAD) expect(newSourceProblems([source(key)], {}).map((p) => p.message)).toContain(sourceKeyProblem(key));
		expect(newSourceProblems([source('example-2025-09-04-report')], {})).toEqual([]);

		dir = mkdtempSync(join(tmpdir(), 'atlas-source-key-'));
		cpSync(new URL('../fixtures/layer/geodata', import.meta.url), join(dir, 'geodata'), { recursive: true });
		const bundle = makeBundle(depotsMeta, depots, { replace: false, editor: 'Olena' });
		const { key: _, from: __, ...entry } = source('x');
		bundle.sources = Object.fromEntries(BAD.map((key) => [key, entry]));
		const applied = await applyBundle(bundle, join(dir, 'geodata'), { name: 'bundle.json' });
		expect(applied.written).toEqual([]);
		for (const key of BAD)
			expect(applied.problems).toContainEqual(expect.objectContaining({ file: 'geodata/sources.json', field: key, message: sourceKeyProblem(key) }));
	});
});
