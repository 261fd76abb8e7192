import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseJson } from '../../src/lib/manifest/jsonSyntax';
import { validateLayerData } from '../../src/lib/manifest/data';
import { formatProblem } from '../../src/lib/manifest/errors';
import { prepareLayer } from '../../src/lib/editor/prepareLayer';
import { bundleText, makeBundle } from '../../src/lib/editor/bundle';
import { defaultMeta } from '../../src/lib/editor/draftLayer';
import { saveHandler } from '../../scripts/lib/saveEndpoint';

// Messages that named no place, or said what broke inside a library instead of what is wrong with
// the file: each now says where, in words an editor can act on.
let dir: string;
let root: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-messages-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function layer(args: string[]) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', root], {
		encoding: 'utf8',
		env: { ...process.env, INIT_CWD: process.cwd() }
	});
	const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
	return { status: run.status, out: lines(run.stdout), err: lines(run.stderr) };
}

const BARE = 'Unexpected word starting "N": JSON has no bare words (NaN, Infinity and undefined are not values; text goes in "double quotes")';
const withNaN = '{"type": "FeatureCollection",\n "features": [\n  {"type": "Feature", "properties": {"x": NaN}, "geometry": null}]}';

describe('JSON with a bare word', () => {
	it('names its line and column (V8 gives none for a bare word or NaN)', () => {
		expect(parseJson('NaN', 'x.geojson').problem).toMatchObject({ line: 1, column: 1, message: BARE });
		expect(parseJson('[1,\n hello]', 'x.geojson').problem).toMatchObject({ line: 2, column: 2 });
		expect(parseJson(withNaN, 'x.geojson').problem).toMatchObject({ line: 3, column: 43, message: BARE });
	});

	it('is placed the same in the build’s checks, not at 1:1', () => {
		expect(validateLayerData(withNaN, 'x.geojson', { kind: 'point' }, {}).problems.map(formatProblem)).toEqual([`geodata/x.geojson:3:43: ${BARE}`]);
	});

	it('is shown by `layer add` with its line and a caret', () => {
		writeFileSync(join(dir, 'nan.geojson'), withNaN);
		const run = layer(['add', join(dir, 'nan.geojson'), '--title', 'NaN', '--kind', 'point']);
		expect(run.status).toBe(1);
		expect(run.err.slice(1)).toEqual([
			`  ${join(dir, 'nan.geojson')}:3:43: ${BARE}`,
			'    3 |   {"type": "Feature", "properties": {"x": NaN}, "geometry": null}]}',
			'                                                  ^'
		]);
	});
});

describe('check-geojson’s own failures', () => {
	it('never reach an editor: a ring of no positions is named as such, once', () => {
		const text = JSON.stringify({
			type: 'FeatureCollection',
			features: [{ type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[]] } }]
		});
		for (const problems of [
			validateLayerData(text, 'x.geojson', { kind: 'fill' }, {}).problems,
			prepareLayer(text, 'x.geojson', { kind: 'fill', file: 'x.geojson' }, {}).problems
		])
			expect(problems.map((p) => p.message)).toEqual(['Expected to find four or more positions here.']);
	});

	it('never reach an editor from a large file either, checked in slices', () => {
		const points = Array.from({ length: 20_000 }, (_, i) => ({
			type: 'Feature',
			properties: {},
			geometry: { type: 'Point', coordinates: [22, 50 + i / 1e5] }
		}));
		const ring = { type: 'Feature', properties: {}, geometry: { type: 'Polygon', coordinates: [[]] } };
		const text = JSON.stringify({ type: 'FeatureCollection', features: [...points, ring] }, null, 2);
		expect(text.length).toBeGreaterThan(2_000_000);
		expect(validateLayerData(text, 'x.geojson', { kind: 'point' }, {}).problems.map((p) => p.message)).toEqual([
			'Expected to find four or more positions here.'
		]);
	});
});

describe('a bundle nested too deeply', { timeout: 30_000 }, () => {
	const depots = readFileSync('tests/fixtures/editor/depots.geojson', 'utf8');
	const meta = {
		...defaultMeta('depots.geojson', 'point', ['name']),
		title: 'Fuel depots',
		sources: ['insightnews-2025-09-declarations-vs-commitments'],
		asOf: '2025-09-04'
	};
	const where = expect.stringMatching(/^data\.features\[0\]\.properties\.deep(\[0\])+…$/);
	const message = 'nested too deeply: more than 256 levels of [ and { (GeoJSON needs fewer than 10; the atlas reads up to 256)';

	it('is refused by the save endpoint with 422 naming where, not a bare 500', async () => {
		const token = 'test-token-0123456789abcdef';
		let origin = '';
		const server = createServer(saveHandler({ root, ownOrigins: () => [origin], token }));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		try {
			// written by hand: JSON.stringify recurses, and this is deeper than it goes
			const body = JSON.stringify(makeBundle(meta, depots, { replace: false })).replace(
				'"properties":{',
				`"properties":{"deep":${'['.repeat(20_000)}1${']'.repeat(20_000)},`
			);
			const response = await fetch(`${origin}/`, { method: 'POST', body, headers: { origin, 'content-type': 'application/json', 'x-atlas-token': token } });
			expect(response.status).toBe(422);
			expect((await response.json()).problems).toEqual([{ file: 'the saved draft', field: where, message }]);
		} finally {
			server.close();
		}
	});

	it('is refused by `layer apply`, naming the file and where', () => {
		const text = bundleText(makeBundle(meta, depots, { replace: false })).replace(
			'"properties": {',
			`"properties": {"deep": ${'['.repeat(20_000)}1${']'.repeat(20_000)},`
		);
		expect(text).toContain('"deep"');
		writeFileSync(join(dir, 'deep.bundle.json'), text);
		const run = layer(['apply', join(dir, 'deep.bundle.json')]);
		expect(run.status).toBe(1);
		expect(run.err.at(-1)).toMatch(new RegExp(`^  ${join(dir, 'deep.bundle.json')}: data\\.features\\[0\\]\\.properties\\.deep(\\[0\\])+…: nested too deeply`));
	});
});
