import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Feature } from 'geojson';
import { monthEnd, monthlyCounts, shownAt, timeCutoff, timelineOf, versionInForce, yearlyCounts, monthLabel } from '../../src/lib/time/timeline';
import { validateScenes } from '../../src/lib/manifest/scenes';
import { formatProblem } from '../../src/lib/manifest/errors';

const at = (date?: string): Feature => ({ type: 'Feature', geometry: null as never, properties: date ? { date } : {} });

describe('the timeline', () => {
	it('counts every month from the first event to the last, empty ones included', () => {
		expect(monthlyCounts(['2025-11-02', '2025-09-10', '2025-09-30'])).toEqual([
			{ month: '2025-09', count: 2 },
			{ month: '2025-10', count: 0 },
			{ month: '2025-11', count: 1 }
		]);
		expect(monthlyCounts(['2024-12-31', '2025-01-01']).map((m) => m.month)).toEqual(['2024-12', '2025-01']);
		expect(monthlyCounts([])).toEqual([]);
	});

	it('widens the months to the as-of dates of dated versions without counting them as events', () => {
		expect(monthlyCounts(['2025-02-10'], ['2024-12-01', '2025-03-31'])).toEqual([
			{ month: '2024-12', count: 0 },
			{ month: '2025-01', count: 0 },
			{ month: '2025-02', count: 1 },
			{ month: '2025-03', count: 0 }
		]);
		// only dated versions, no events: the slider still spans them
		const line = { features: [at()], versions: [{ asOf: '2024-08-01' }, { asOf: '2025-11-15' }] };
		expect(timelineOf([line]).map((m) => m.month)).toHaveLength(16);
		expect(timelineOf([line]).every((m) => m.count === 0)).toBe(true);
		// a layer's own as-of date does not stretch the slider
		expect(timelineOf([{ features: [at('2025-09-10')], asOf: '2020-01-01' } as never]).map((m) => m.month)).toEqual(['2025-09']);
	});

	it('shows events up to the end of the chosen month, and undated features always', () => {
		expect(shownAt(at('2025-09-30'), '2025-09')).toBe(true);
		expect(shownAt(at('2025-10-01'), '2025-09')).toBe(false);
		expect(shownAt(at(), '2022-01')).toBe(true);
		expect(shownAt(at('2030-01-01'), null)).toBe(true);
	});

	it('counts the real incursions by year: the rise in 2025', () => {
		const data = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8'));
		const years = yearlyCounts(monthlyCounts(data.features.map((f: Feature) => f.properties!.date)));
		const y2025 = years.find((y) => y.year === '2025')!.count;
		expect(y2025).toBeGreaterThan(Math.max(...years.filter((y) => y.year !== '2025').map((y) => y.count)));
		expect(years.reduce((s, y) => s + y.count, 0)).toBe(data.features.length);
	});

	it('picks the dated version of a layer in force at a month', () => {
		const versions = [
			{ asOf: '2024-08-01', v: 'a' },
			{ asOf: '2025-11-15', v: 'c' },
			{ asOf: '2025-09-01', v: 'b' }
		];
		expect(versionInForce(versions, null)?.v).toBe('c');
		expect(versionInForce(versions, '2025-09')?.v).toBe('b');
		expect(versionInForce(versions, '2025-08')?.v).toBe('a');
		// before the first version nothing is in force: no later state is drawn as an earlier one
		expect(versionInForce(versions, '2020-01')).toBeUndefined();
	});

	it('labels months', () => {
		expect(monthLabel('2025-09')).toBe('Sep 2025');
	});
});

describe('geodata/scenes.json', () => {
	const sources = JSON.parse(readFileSync('geodata/sources.json', 'utf8'));
	const layerIds = JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers.map((l: { id: string }) => l.id);

	it('is a valid tour of the seven stories, each citing real sources and layers', () => {
		const { scenes, problems } = validateScenes(JSON.parse(readFileSync('geodata/scenes.json', 'utf8')), layerIds, sources);
		expect(problems).toEqual([]);
		expect(scenes.map((s) => s.id)).toEqual(['coalition', 'hubs', 'line', 'front-since-summit', 'incursions', 'air', 'coverage']);
		expect(scenes.every((s) => s.i18n?.uk.title)).toBe(true);
	});

	it('names the scene, layer and source that are wrong, and keeps the rest', () => {
		const scene = (over: object) => ({
			id: 'a',
			title: 'A',
			caption: 'c',
			camera: { center: [30, 49], zoom: 4 },
			layers: ['hubs'],
			sources: ['news-2025-09-04-allies-gather-paris'],
			...over
		});
		const { scenes, problems } = validateScenes(
			{ version: 1, scenes: [scene({}), scene({ id: 'b', layers: ['nope'] }), scene({ id: 'a', sources: ['missing'] })] },
			layerIds,
			sources
		);
		expect(scenes.map((s) => s.id)).toEqual(['a']);
		expect(problems.map(formatProblem)).toEqual([
			'geodata/scenes.json: scenes[1].layers[0]: no layer called "nope" in geodata/layers.json',
			'geodata/scenes.json: scenes[2].sources[0]: "missing" is not in geodata/sources.json',
			'geodata/scenes.json: scenes[2].id: "a" is already used by another scene'
		]);
		expect(validateScenes({ version: 1, scenes: [scene({ camera: { center: [30, 49], zoom: 40 } })] }, layerIds, sources).problems.map(formatProblem)).toEqual([
			'geodata/scenes.json: scenes[0].camera.zoom: a zoom from 1 to 11 expected'
		]);
	});
});

describe('dated versions in the manifest', () => {
	it('lists versions oldest first, one a date, and draws the latest by default', async () => {
		const { validateManifest } = await import('../../src/lib/manifest/validate');
		const version = (asOf: string) => ({ asOf, file: `front/f-${asOf}.geojson` });
		const layer = (versions: object[], file: string) => ({
			id: 'front',
			title: 'Front',
			kind: 'line',
			file,
			style: {},
			sources: ['s'],
			asOf: '2025-10-01',
			versions
		});
		const check = (l: object) =>
			validateManifest({ version: 1, layers: [l] }, { sources: { s: { publisher: 'P', title: 'T', kind: 'news' } } }).problems.map(formatProblem);
		expect(check(layer([version('2025-09-04'), version('2025-10-01')], 'front/f-2025-10-01.geojson'))).toEqual([]);
		expect(check(layer([version('2025-10-01'), version('2025-09-04')], 'front/f-2025-09-04.geojson'))).toEqual([
			'geodata/layers.json: layers[0].versions[1].asOf: 2025-09-04 is not after 2025-10-01: versions go oldest first, one a date'
		]);
		expect(check(layer([version('2025-09-04'), version('2025-10-01')], 'front/f-2025-09-04.geojson'))).toEqual([
			"geodata/layers.json: layers[0].file: the latest version's file (front/f-2025-10-01.geojson) expected, front/f-2025-09-04.geojson found: it is what the map draws when no month is chosen"
		]);
		expect(check(layer([{ asOf: 'Oct 2025', file: '../x.geojson' }], '../x.geojson'))).toEqual([
			'geodata/layers.json: layers[0].file: a file name in geodata/ ending in .geojson or .pmtiles expected, "../x.geojson" found',
			'geodata/layers.json: layers[0].versions[0].asOf: a date like "2025-09-04" expected, "Oct 2025" found',
			'geodata/layers.json: layers[0].versions[0].asOf: Oct 2025 is not a real date',
			'geodata/layers.json: layers[0].versions[0].file: a file name in geodata/ ending in .geojson or .pmtiles expected, "../x.geojson" found'
		]);
	});
});

describe('each events layer counts its own', () => {
	const at = (date: string) => ({ type: 'Feature' as const, properties: { date }, geometry: { type: 'Point' as const, coordinates: [0, 0] } });
	it('counts dated features up to the month, and leaves out layers with none', async () => {
		const { layerCounts } = await import('../../src/lib/time/timeline');
		const layers = [
			{ title: 'Airspace incursions', features: [at('2025-09-10'), at('2025-10-01'), at('2026-10-31')] },
			{ title: 'Logistics points', features: [at('2026-11-02')] },
			{ title: 'Hubs', features: [{ ...at('x'), properties: {} }] }
		];
		expect(layerCounts(layers, '2026-10')).toEqual([
			{ title: 'Airspace incursions', shown: 3, total: 3 },
			{ title: 'Logistics points', shown: 0, total: 1 }
		]);
		expect(layerCounts(layers, '2025-09')[0]).toEqual({ title: 'Airspace incursions', shown: 1, total: 3 });
		expect(layerCounts(layers, null)[1]).toEqual({ title: 'Logistics points', shown: 1, total: 1 });
	});
});

describe("the time filter's bound", () => {
	const incursions: Feature[] = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8')).features;
	const months = timelineOf([{ features: incursions }]).map((m) => m.month);
	const shown = (bound: string) => incursions.filter((f) => String(f.properties?.date ?? '') <= bound).map((f) => f.properties?.id);

	it('shows what the end of the month shows, in every month of the incursions', () => {
		for (const month of months) expect(shown(timeCutoff(incursions, month)!), month).toEqual(shown(monthEnd(month)));
	});

	it('is the same bound through months with no new incursion, and moves with one', () => {
		const counts = monthlyCounts(incursions.map((f) => String(f.properties?.date ?? '')).filter(Boolean));
		const quiet = counts.filter((m, i) => i > 0 && m.count === 0);
		expect(quiet.length).toBeGreaterThan(0);
		for (const m of quiet) {
			const before = counts[counts.indexOf(m) - 1].month;
			expect(timeCutoff(incursions, m.month), m.month).toBe(timeCutoff(incursions, before));
		}
		const busy = counts.filter((m, i) => i > 0 && m.count > 0);
		for (const m of busy) expect(timeCutoff(incursions, m.month)!.slice(0, 7), m.month).toBe(m.month);
		expect(timeCutoff(incursions, null)).toBeNull();
		expect(timeCutoff(incursions, '1999-01')).toBe('');
	});
});
