import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bboxClip from '@turf/bbox-clip';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { dateOf, nameParts, readFeed, roleOf } from '../../scripts/lib/deepstateFeed';
import { importFront, km2 } from '../../scripts/lib/importFront';
import { checkGeodata } from '../../scripts/lib/checkGeodata';

// `npm run update` as a newsroom runs it, in a child process, against a local server in DeepState's
// API's shape and a copy of geodata/ whose series holds two snapshots (5 and 10 October 2026), never
// the real geodata/ and never the network. The map served is 10 October's occupied area cut into
// named polygons (its largest piece split in two at 35.5° E, to be unioned back), with a grey area,
// points, a liberated area, an "occupied" box in Karelia and Transnistria mixed in.
const SHARED = new URL('../../../shared/data/deepstate', import.meta.url).pathname;
// the summit's snapshot too: without it the manifest's "since the summit" layer would name no file
const BASE = ['deepstatemap_data_20250904.geojson', 'deepstatemap_data_20261005.geojson', 'deepstatemap_data_20261010.geojson'];
const OTHERS = JSON.parse(readFileSync('tests/fixtures/update/others.json', 'utf8')).features as Feature[];
/** 11 October 2026, 06:00 UTC: the API's `id` is the version's Unix time */
const ID = Date.UTC(2026, 9, 11, 6) / 1000;

const withZ = (rings: number[][][]) => rings.map((ring) => ring.map(([x, y]) => [x, y, 0]));
const named = (name: string, coordinates: number[][][]): Feature => ({
	type: 'Feature',
	properties: { name, fill: '#a52714' },
	geometry: { type: 'Polygon', coordinates: withZ(coordinates) }
});
const october10 = (JSON.parse(readFileSync(join(SHARED, BASE[2]), 'utf8')) as FeatureCollection<MultiPolygon>).features[0].geometry;

function occupiedFeatures(): Feature[] {
	const [main, ...rest] = october10.coordinates;
	const half = (box: [number, number, number, number]) => bboxClip({ type: 'Polygon', coordinates: main } as Polygon, box).geometry as Polygon;
	return [
		named('Окуповано /// Occupied /// geoJSON.status.occupied', half([20, 40, 35.5, 56]).coordinates),
		named('ОРДЛО /// CADR and CALR\n/// geoJSON.territories.ordlo', half([35.5, 40, 45, 56]).coordinates),
		...rest.map((p, i) =>
			named(i % 2 ? 'Окупований Крим /// Occupied Crimea /// geoJSON.territories.crimea {{at:01.01}}' : 'Окуповано /// Occupied /// geoJSON.status.occupied', p)
		)
	];
}
const box = (w: number, s: number, e: number, n: number) => [
	[
		[w, s],
		[e, s],
		[e, n],
		[w, n],
		[w, s]
	]
];
const answer = (features: Feature[]) => JSON.stringify({ id: ID, map: { type: 'FeatureCollection', features } });
const ROUTES: Record<string, () => { status: number; body: string } | null> = {
	'/last': () => ({ status: 200, body: answer([...occupiedFeatures(), ...OTHERS]) }),
	'/hang': () => null,
	'/500': () => ({ status: 500, body: 'Internal Server Error' }),
	'/broken': () => ({ status: 200, body: answer(occupiedFeatures()).slice(0, 5000) }),
	'/empty': () => ({ status: 200, body: answer(OTHERS) }),
	// 8,400 km² more, around Kharkiv: over 7% in a day
	'/jump': () => ({
		status: 200,
		body: answer([...occupiedFeatures(), named('Окуповано /// Occupied /// geoJSON.status.occupied', box(35.5, 49.5, 37, 50.2)), ...OTHERS])
	}),
	'/mirror/0123abc/data/deepstatemap_data_20261011.geojson': () => ({ status: 200, body: readFileSync(join(SHARED, BASE[2]), 'utf8') })
};

let server: Server;
let url: string;
let tmp: string;
/** geodata/ with the series of two snapshots, made once; each test works on its own copy */
let template: string;

beforeAll(async () => {
	server = createServer((request, response) => {
		const route = ROUTES[request.url ?? ''];
		const reply = route ? route() : { status: 404, body: 'Not Found' };
		if (reply) response.writeHead(reply.status, { 'content-type': 'application/json' }).end(reply.body);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
	tmp = mkdtempSync(join(tmpdir(), 'atlas-update-test-'));
	mkdirSync(join(tmp, 'base'));
	for (const name of BASE) copyFileSync(join(SHARED, name), join(tmp, 'base', name));
	template = join(tmp, 'geodata');
	cpSync('geodata', template, { recursive: true, filter: (src) => !/geodata\/(basemap|_research|front)(\/|$)/.test(src) });
	await importFront(join(tmp, 'base'), template);
}, 120_000);

afterAll(() => {
	server?.closeAllConnections();
	server?.close();
	if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function copyOfGeodata(name: string): string {
	const root = join(tmp, name);
	cpSync(template, root, { recursive: true });
	return root;
}

/** Every file under `dir`, by path, with its bytes' hash: to see that nothing was written. */
function tree(dir: string, into: Record<string, string> = {}): Record<string, string> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) tree(path, into);
		else into[path] = createHash('sha256').update(readFileSync(path)).digest('hex');
	}
	return into;
}

/** The command, as `npm run update` runs it; async, so the server in this process can answer. */
function update(root: string, ...args: string[]): Promise<{ status: number | null; out: string; err: string }> {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/update.ts', ...args, '--root', root], {
		env: { ...process.env, INIT_CWD: process.cwd() }
	});
	let out = '';
	let err = '';
	child.stdout.setEncoding('utf8').on('data', (t) => (out += t));
	child.stderr.setEncoding('utf8').on('data', (t) => (err += t));
	return new Promise((resolve) => child.on('close', (status) => resolve({ status, out, err })));
}

const versionsOf = (root: string) =>
	JSON.parse(readFileSync(join(root, 'front/versions.json'), 'utf8')) as { asOf: string; areaKm2: number; frontKm: number }[];

describe('update: reading DeepState', () => {
	it('splits names, and picks the occupied polygons as cyterat does', () => {
		expect(nameParts('Статус невідомий /// Unknown status\u00a0/// geoJSON.status.unknown')).toEqual({
			uk: 'Статус невідомий',
			en: 'Unknown status',
			key: 'geoJSON.status.unknown'
		});
		expect(roleOf('Окупований Крим /// Occupied Crimea /// geoJSON.territories.crimea {{at:01.01}}')).toBe('occupied');
		expect(roleOf('X /// Reworded /// geoJSON.status.occupied')).toBe('occupied');
		expect(roleOf('Звільнено /// Liberated /// geoJSON.status.dismissed')).toBe('other');
		expect(roleOf('Статус невідомий /// Unknown status /// geoJSON.status.unknown')).toBe('unknown');
		expect(roleOf(undefined)).toBe('other');
	});

	it("dates a map by the answer's own date, in Kyiv", () => {
		expect(dateOf({ id: ID })).toEqual({ asOf: '2026-10-11', from: 'id' });
		expect(dateOf({ datetime: '2026-10-11T22:30:00Z', id: ID })).toEqual({ asOf: '2026-10-12', from: 'datetime' });
		expect(dateOf({ createdAt: '2026-10-09T10:00:00.000Z' })).toEqual({ asOf: '2026-10-09', from: 'createdAt' });
		expect(dateOf({ map: {} })).toBeNull();
	});

	it('keeps the occupied area inside Ukraine and the grey areas, and drops the rest', () => {
		const { feed, problems } = readFeed(JSON.parse(ROUTES['/last']()!.body), 'last', [22, 44, 40.5, 52.5]);
		expect(problems).toEqual([]);
		expect(feed!.counts).toMatchObject({
			'occupied polygon(s)': 22,
			'occupied polygon(s) outside Ukraine left out': 1,
			'unknown-status polygon(s)': 1,
			'Point feature(s) left out': 2,
			'other area(s) left out (Liberated)': 1,
			'other area(s) left out (Transnistria)': 1
		});
		// the two halves are one again: the same area as the snapshot's, and no third coordinate
		expect(km2(feed!.occupied)).toBeCloseTo(km2(october10), 0);
		expect(feed!.occupied.coordinates.length).toBe(october10.coordinates.length);
		expect(feed!.occupied.coordinates.flat(2).every((p) => p.length === 2)).toBe(true);
		expect(km2(feed!.unknown!)).toBeGreaterThan(50);
	});
});

describe('npm run update', { timeout: 240_000 }, () => {
	it('adds the day from the API to a copy of geodata/, grey areas beside it, and says what changed; a second run changes nothing', async () => {
		const root = copyOfGeodata('success');
		const before = tree(root);
		const run = await update(root, '--from', `${url}/last`, '--snapshots', join(tmp, 'base'));
		expect(run.err).toBe('');
		expect(run.status).toBe(0);
		expect(run.out).toMatch(/dated 2026-10-11 \(id\)/);
		expect(run.out).toMatch(/against 2026-10-10: [+−]0\.\d km²/);
		expect(run.out).toMatch(/front [\d,.]+ km at DeepState's resolution \([+−]\d\.\d\)/);

		const versions = versionsOf(root);
		expect(versions.map((v) => v.asOf)).toEqual(['2025-09-04', '2026-10-05', '2026-10-10', '2026-10-11']);
		const [, , tenth, eleventh] = versions;
		expect(Math.abs(eleventh.areaKm2 - tenth.areaKm2)).toBeLessThan(1);
		expect(Math.abs(eleventh.frontKm - tenth.frontKm)).toBeLessThan(5);
		// the versions the atlas had are the same bytes
		for (const name of ['occupied-2026-10-05.geojson', 'front-2026-10-10.geojson', 'change-2026-10-10.geojson'])
			expect(readFileSync(join(root, 'front', name), 'utf8')).toBe(readFileSync(join(template, 'front', name), 'utf8'));
		const grey = JSON.parse(readFileSync(join(root, 'front/unknown-2026-10-11.geojson'), 'utf8')) as FeatureCollection;
		expect(grey.features[0].properties).toMatchObject({
			sources: ['deepstatemap-live', 'cyterat-deepstate-map-data'],
			confidence: 'reported',
			asOf: '2026-10-11'
		});
		const manifest = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')) as { layers: { id: string; file: string; asOf: string }[] };
		expect(manifest.layers.find((l) => l.id === 'occupied')).toMatchObject({ file: 'front/occupied-2026-10-11.geojson', asOf: '2026-10-11' });
		expect(readdirSync(join(root, 'front/snapshots')).sort()).toEqual([
			'deepstatemap_data_20250904.geojson.gz',
			'deepstatemap_data_20261005.geojson.gz',
			'deepstatemap_data_20261010.geojson.gz',
			'deepstatemap_data_20261011.geojson.gz'
		]);
		const added = Object.keys(tree(root)).filter((p) => !(p in before));
		expect(added.map((p) => p.slice(root.length + 1)).sort()).toEqual(
			expect.arrayContaining(['front/occupied-2026-10-11.geojson', 'front/front-2026-10-11.geojson'])
		);
		expect((await checkGeodata(root)).problems).toEqual([]);

		// the store alone now remakes the series: no --snapshots, same answer, nothing to write
		const after = tree(root);
		const quiet = await update(root, '--from', `${url}/last`, '--snapshots', 'tests/fixtures/update');
		expect(quiet.err).toBe('');
		expect(quiet.out).toMatch(/nothing changed/);
		expect(tree(root)).toEqual(after);
	});

	it('--dry-run says what would change and writes nothing', async () => {
		const root = copyOfGeodata('dry-run');
		const before = tree(root);
		const run = await update(root, '--from', `${url}/last`, '--snapshots', join(tmp, 'base'), '--dry-run');
		expect(run.status).toBe(0);
		expect(run.out).toMatch(/2026-10-11 .*occupied [\d,.]+ km²/);
		expect(run.out).toMatch(/gained [\d,.]+ km², lost [\d,.]+ km²/);
		expect(run.out).toMatch(/unknown status \(grey\): [\d,.]+ km²/);
		expect(run.out).toMatch(/dry run: nothing written/);
		expect(tree(root)).toEqual(before);
	});

	it.each([
		['a server that never answers', ['--from', `/hang`, '--timeout-ms', '300'], /\/hang: no answer within 300 ms \(--timeout-ms\)/],
		['HTTP 500', ['--from', '/500'], /\/500: HTTP 500 Internal Server Error/],
		['JSON cut short', ['--from', '/broken'], /\/broken: Unexpected end of JSON input/],
		['a map with no occupied polygon', ['--from', '/empty'], /\/empty: map\.features: no occupied polygon inside Ukraine/],
		[
			'an occupied area 7% larger than the day before',
			['--from', '/jump'],
			/\/jump: map: the occupied area, [\d,.]+ km², is 7\.\d% more than 2026-10-10's [\d,.]+ km²: .*--force/
		],
		['a mirror day without its --date', ['--mirror-commit', '0123abc'], /--date: which days to read from the mirror/],
		[
			"snapshots that miss the atlas's versions",
			['--from', '/last', '--snapshots', 'tests/fixtures/update'],
			/versions\.json: 3 version\(s\) of the atlas \(2025-09-04, 2026-10-05, 2026-10-10\) have no deepstatemap_data_YYYYMMDD\.geojson/
		]
	])('refuses %s, saying why, and writes nothing', async (_what, args, message) => {
		const root = copyOfGeodata(`refused-${_what.replace(/\W+/g, '-')}`);
		const before = tree(root);
		const withUrl = args.map((a) => (a.startsWith('/') ? `${url}${a}` : a));
		const run = await update(root, ...withUrl, ...(args.includes('--snapshots') ? [] : ['--snapshots', join(tmp, 'base')]));
		expect(run.status).toBe(1);
		expect(run.err).toMatch(message);
		expect(run.err).toMatch(/nothing was (fetched or )?written/);
		expect(tree(root)).toEqual(before);
	});

	it('takes a jump with --force, and reads the mirror at a pinned commit', async () => {
		const root = copyOfGeodata('force-and-mirror');
		const forced = await update(root, '--from', `${url}/jump`, '--snapshots', join(tmp, 'base'), '--force', '--dry-run');
		expect(forced.status).toBe(0);
		expect(forced.out).toMatch(/warning: .*is 7\.\d% more .*imported anyway \(--force\)/);
		const mirror = await update(
			root,
			'--mirror-commit',
			'0123abc',
			'--mirror-base',
			`${url}/mirror/`,
			'--date',
			'2026-10-11',
			'--snapshots',
			join(tmp, 'base'),
			'--dry-run'
		);
		expect(mirror.err).toBe('');
		expect(mirror.out).toContain(`read ${url}/mirror/0123abc/data/deepstatemap_data_20261011.geojson: 21 occupied polygon(s); dated 2026-10-11 (--date)`);
		expect(mirror.out).toMatch(/against 2026-10-10: [+−]0\.0 km² \(gained 0\.0 km², lost 0\.0 km²\)/);
	});

	it('--help names the licence and the options', async () => {
		const run = await update(tmp, '--help');
		expect(run.status).toBe(0);
		expect(run.out).toContain('https://deepstatemap.live/license-en.html');
		expect(run.out).toMatch(/must check its own terms with\s+DeepState/);
		for (const option of [
			'--from',
			'--from-folder',
			'--mirror-commit',
			'--mirror-base',
			'--date',
			'--snapshots',
			'--timeout-ms',
			'--dry-run',
			'--force',
			'--root'
		])
			expect(run.out).toContain(option);
		expect(existsSync(join(tmp, 'front'))).toBe(false);
	});
});
