import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { contentOf } from '../../scripts/lib/builtContent';
import { readContent } from '../../src/lib/content/content';
import { packBuiltContent, reviveBuiltContent } from '../../src/lib/content/built';
import { linkOf } from '../../src/lib/atlas/link';
import { formatProblem } from '../../src/lib/manifest/errors';

// The page reads the build's copy of the content (static/data/content.json) instead of reading
// and checking geodata/ itself: the copy must be what the page's own read would have given.
describe('the content the build writes for the page', () => {
	it('is, once sent as JSON, what the page would read and check from the files', async () => {
		const fromFiles = await readContent(async (name) => readFileSync(`geodata/${name}`, 'utf8'));
		const built = reviveBuiltContent(JSON.parse(packBuiltContent(await contentOf('geodata'))));
		expect(built).toStrictEqual(fromFiles);
		// keyed by source id with no prototype: "constructor" is no source
		expect('constructor' in built.data.citable).toBe(false);
		expect('constructor' in built.data.sources).toBe(false);
		expect(built.data.layers.length).toBeGreaterThan(5);
	});

	it('writes the bibliography once where every entry is valid, and both where one is not', async () => {
		const content = await contentOf('geodata');
		const packed = packBuiltContent(content);
		expect(packed.length).toBeLessThan(JSON.stringify(content).length - JSON.stringify(content.data.citable).length + 100);

		const dir = mkdtempSync(join(tmpdir(), 'content-'));
		cpSync('geodata', dir, { recursive: true });
		const sources = JSON.parse(readFileSync(join(dir, 'sources.json'), 'utf8'));
		writeFileSync(join(dir, 'sources.json'), JSON.stringify({ ...sources, 'no-title': { publisher: 'Nobody' } }));
		const broken = await contentOf(dir);
		const revived = reviveBuiltContent(JSON.parse(packBuiltContent(broken)));
		expect('no-title' in revived.data.citable).toBe(true);
		expect('no-title' in revived.data.sources).toBe(false);
		expect(revived.problems.map(formatProblem)).toContain('geodata/sources.json: no-title.title: required');
	});

	it('keeps the problems of a broken file, named as the page would name them', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'content-'));
		cpSync('geodata', dir, { recursive: true });
		writeFileSync(join(dir, 'hubs.geojson'), '{"type": "FeatureCollection", "features": [');
		const problems = (await contentOf(dir)).problems.map(formatProblem);
		expect(
			problems.some((p) => p.startsWith('geodata/hubs.geojson') && /JSON/i.test(p)),
			problems.join('\n')
		).toBe(true);
	});

	it('takes the address apart from the content: a link naming no layer is a problem, the rest of it holds', async () => {
		const content = await contentOf('geodata');
		const linked = linkOf(content, new URLSearchParams('layers=hubs,no-such-layer'));
		expect(linked.link.layers).toEqual(['hubs']);
		expect(linked.problems.map(formatProblem)).toEqual([expect.stringContaining('no-such-layer')]);
	});
});

describe("the features' Ukrainian, apart from the content", () => {
	it('takes every <property>_uk out by layer and id, keeping what the map labels read and features without an id', async () => {
		const { splitUkrainian } = await import('../../src/lib/content/splitUk');
		const point = (properties: Record<string, unknown>) => ({
			type: 'Feature' as const,
			properties,
			geometry: { type: 'Point' as const, coordinates: [22, 50] }
		});
		const hubs = [
			point({ id: 'rzeszow', name: 'Rzeszów hub', name_uk: 'Хаб у Ряшеві', role: 'Transit', role_uk: 'Транзит' }),
			point({ name: 'No id', name_uk: 'Без id' })
		];
		const out = splitUkrainian([{ id: 'hubs', label: 'name', features: hubs }]);
		expect(out).toEqual({ hubs: { rzeszow: { role_uk: 'Транзит' } } });
		expect(hubs[0].properties).toEqual({ id: 'rzeszow', name: 'Rzeszów hub', name_uk: 'Хаб у Ряшеві', role: 'Transit' });
		expect(hubs[1].properties).toEqual({ name: 'No id', name_uk: 'Без id' });
	});
});
