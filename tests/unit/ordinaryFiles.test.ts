import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLayer } from '../../scripts/lib/addLayer';
import { checkGeodata } from '../../scripts/lib/checkGeodata';
import { formatProblem } from '../../src/lib/manifest/errors';

// A journalist's ordinary files reach the atlas with layer-level choices only (issue 33): an Excel
// CSV with a BOM and a source column, a semicolon CSV with a url column, geojson.io's polygons with
// no names and simplestyle colours, its points and lines. Never by editing the file.
const FIXTURES = 'tests/fixtures/ordinary';
let root: string;
beforeEach(() => {
	root = mkdtempSync(join(tmpdir(), 'atlas-ordinary-'));
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const json = (name: string) => JSON.parse(readFileSync(join(root, name), 'utf8'));
const entryOf = (id: string) => json('layers.json').layers.find((l: { id: string }) => l.id === id);
const add = (file: string, options: Partial<Parameters<typeof addLayer>[0]>) =>
	addLayer({ input: join(FIXTURES, file), inputName: file, kind: 'point', ...options }, root);

/** What the build would say of the folder now: nothing, for a file that reached the atlas. */
async function buildProblems(): Promise<string[]> {
	return (await checkGeodata(root)).problems.map(formatProblem);
}

describe('ordinary files, with layer-level choices only', { timeout: 60_000 }, () => {
	it('an Excel CSV (BOM, CRLF): each row’s source becomes an entry dated by its row, the date column its date, and no incidents', async () => {
		const result = await add('excel-points.csv', { title: 'Logistics points', confidence: 'reported', asOf: '2026-12-01' });
		expect(result.problems.map(formatProblem)).toEqual([]);
		const features = json('excel-points.geojson').features;
		expect(features).toHaveLength(4);
		expect(features[0].properties).toMatchObject({ name: 'Lviv logistics centre', date: '2026-11-02', confidence: 'reported', asOf: '2026-12-01' });
		const sources = json('sources.json');
		const lviv = sources[features[0].properties.sources[0]];
		// the publisher is the site's name where the bibliography does not know the site; the date the row's
		expect(lviv).toMatchObject({ publisher: 'ft.com', url: 'https://www.ft.com/content/lviv-logistics-centre', date: '2026-11-02', kind: 'news' });
		// the address's own date wins over the row's
		expect(sources[features[2].properties.sources[0]].date).toBe('2026-10-15');
		// dated places, not incursions: the slider leaves them alone
		expect(entryOf('excel-points')).toMatchObject({ events: false, asOf: '2026-12-01' });
		expect(result.warnings.map((w) => w.field)).toContain('--events');
		expect(await buildProblems()).toEqual([]);
	});

	it('a semicolon CSV with a url column: named from a chosen column; a row without an address takes the layer’s source', async () => {
		const result = await add('semicolons.csv', {
			title: 'Rear facilities',
			nameFrom: 'place',
			confidence: 'uncertain',
			asOf: '2026-11-30',
			sources: ['https://www.ukrinform.net/rubric-defense/rear-facilities-overview.html']
		});
		expect(result.problems.map(formatProblem)).toEqual([]);
		const features = json('semicolons.geojson').features;
		expect(features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual([
			'Vinnytsia repair workshop',
			'Dnipro field hospital',
			'Poltava fuel store'
		]);
		const sources = json('sources.json');
		expect(sources[features[0].properties.sources[0]].url).toBe('https://www.ukrinform.net/rubric-defense/vinnytsia-repair-workshop.html');
		expect(sources[features[2].properties.sources[0]].url).toBe('https://www.ukrinform.net/rubric-defense/rear-facilities-overview.html');
		// the layer cites the address it was given
		expect(entryOf('semicolons').sources).toEqual([features[2].properties.sources[0]]);
		expect(await buildProblems()).toEqual([]);
	});

	it('geojson.io polygons with no names or ids: readable names with a warning, the fill colour the layer’s', async () => {
		const result = await add('geojsonio-zones.geojson', {
			title: 'Proposed buffer zones',
			kind: 'fill',
			confidence: 'uncertain',
			asOf: '2026-11-30',
			sources: ['https://www.ft.com/content/proposed-buffer-zones']
		});
		expect(result.problems.map(formatProblem)).toEqual([]);
		const features = json('geojsonio-zones.geojson').features;
		expect(features.map((f: { properties: { name: string } }) => f.properties.name)).toEqual(['Proposed buffer zones 1', 'Proposed buffer zones 2']);
		expect(result.warnings.map((w) => w.message).join('\n')).toContain('2 features had no name');
		expect(entryOf('geojsonio-zones').style.color).toBe('#e0a23a');
		expect(await buildProblems()).toEqual([]);
	});

	it('geojson.io points and lines in one file: a line layer names the point it cannot hold (a layer is one kind of geometry)', async () => {
		const result = await add('geojsonio-mixed.geojson', {
			title: 'Checkpoints',
			kind: 'line',
			confidence: 'reported',
			asOf: '2026-11-30',
			sources: ['https://kyivindependent.com/checkpoints-kyiv/']
		});
		expect(result.problems.map(formatProblem)).toEqual([
			expect.stringMatching(
				/^geojsonio-mixed\.geojson:4:\d+: features\[0\] \(checkpoint-\w+\)\.geometry\.type: LineString or MultiLineString expected for a line layer, Point found$/
			)
		]);
	});

	it('--only-kind takes a mixed file’s lines, then its points, as two layers', async () => {
		const lines = await add('geojsonio-mixed.geojson', {
			id: 'checkpoint-roads',
			title: 'Checkpoint roads',
			kind: 'line',
			onlyKind: true,
			confidence: 'reported',
			asOf: '2026-11-30',
			sources: ['https://kyivindependent.com/checkpoints-kyiv/']
		});
		expect(lines.problems).toEqual([]);
		expect(lines.warnings.map((w) => w.message)).toContain('1 feature (Point) left out: a line layer does not draw them; add the file again with their kind');
		const points = await add('geojsonio-mixed.geojson', {
			id: 'checkpoints',
			title: 'Checkpoints',
			kind: 'point',
			onlyKind: true,
			confidence: 'reported',
			asOf: '2026-11-30',
			sources: ['https://kyivindependent.com/checkpoints-kyiv/']
		});
		expect(points.problems).toEqual([]);
		const manifest = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')) as { layers: { id: string; kind: string }[] };
		expect(manifest.layers.filter((l) => l.id.startsWith('checkpoint')).map((l) => [l.id, l.kind])).toEqual([
			['checkpoint-roads', 'line'],
			['checkpoints', 'point']
		]);
		expect(JSON.parse(readFileSync(join(root, 'checkpoints.geojson'), 'utf8')).features.map((f: { geometry: { type: string } }) => f.geometry.type)).toEqual([
			'Point'
		]);
	});

	it('without a layer-level choice the same file is judged as it is: refused, nothing written', async () => {
		const before = readFileSync(join(root, 'layers.json'), 'utf8');
		const result = await add('geojsonio-zones.geojson', { title: 'Proposed buffer zones', kind: 'fill' });
		expect(result.problems.length).toBeGreaterThan(0);
		expect(readFileSync(join(root, 'layers.json'), 'utf8')).toBe(before);
	});

	it('the command takes the same choices: --source <address> --confidence --as-of --name-from', () => {
		const run = spawnSync(
			process.execPath,
			[
				'--import',
				'tsx',
				'scripts/layer.ts',
				'add',
				join(FIXTURES, 'semicolons.csv'),
				'--title',
				'Rear facilities',
				'--kind',
				'point',
				'--name-from',
				'place',
				'--confidence',
				'uncertain',
				'--as-of',
				'2026-11-30',
				'--source',
				'https://www.ukrinform.net/rubric-defense/rear-facilities-overview.html',
				'--root',
				root
			],
			{ encoding: 'utf8', env: { ...process.env, INIT_CWD: process.cwd() } }
		);
		expect(run.stderr).toBe('');
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('added "ukrinform-');
		expect(json('semicolons.geojson').features[1].properties.name).toBe('Dnipro field hospital');
	});

	it('`npm run editor -- --help` and `npm run layer -- --help` print their options, no stack trace', () => {
		const help = (script: string) => spawnSync(process.execPath, ['--import', 'tsx', script, '--help'], { encoding: 'utf8', timeout: 20_000 });
		const editor = help('scripts/editor.ts');
		expect(editor.status).toBe(0);
		expect(editor.stdout).toContain('--origin <url>');
		expect(editor.stderr).not.toMatch(/at .*\.ts:\d+/);
		const layer = help('scripts/layer.ts');
		expect(layer.status).toBe(0);
		expect(layer.stdout).toContain('--name-from <column>');
		expect(layer.stdout).toContain('--confidence <level>');
	});
});
