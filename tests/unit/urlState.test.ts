import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseState, serializeState } from '../../src/lib/state/urlState';
import { formatProblem } from '../../src/lib/manifest/errors';

const ids = ['coalition', 'hubs', 'incursions'];
const parse = (q: string) => parseState(new URLSearchParams(q), ids);

describe('the address as state', () => {
	it('round-trips layers and view', () => {
		const state = { layers: ['hubs', 'incursions'], view: { lng: 30.5, lat: 49, zoom: 3.9 } };
		const query = serializeState(state);
		expect(query).toBe('layers=hubs,incursions&view=30.50,49.00,3.9');
		expect(parse(query)).toEqual({ state, problems: [] });
	});

	it('an empty layer list means every layer hidden, not the default', () => {
		expect(parse('layers=').state.layers).toEqual([]);
	});

	it('drops unknown layers and a malformed view, and says so', () => {
		const { state, problems } = parse('layers=hubs,nope&view=30,,4');
		expect(state).toEqual({ layers: ['hubs'] });
		expect(problems.map(formatProblem)).toEqual([
			'address: layers: no layer called "nope"; the default is used',
			'address: view: "30,,4" is not longitude,latitude,zoom; the default is used'
		]);
		expect(parse('view=200,50,4').state.view).toBeUndefined();
		expect(parse('view=,,').state.view).toBeUndefined();
	});

	it('a malformed address part falls back to the default with a notice naming it, and nothing else changes', () => {
		// what a newsletter's link carries: a view someone typed, and a tracker's parameter
		const { state, problems } = parseState(new URLSearchParams('view=north&utm_source=newsletter'), [...ids, 'air-bases']);
		// no layers named: the viewer draws the manifest's default layers (the coalition among them)
		expect(state).toEqual({});
		expect(problems.map(formatProblem)).toEqual(['address: view: "north" is not longitude,latitude,zoom; the default is used']);
		const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8')) as { layers: { id: string; visible?: boolean }[] };
		expect(manifest.layers.find((l) => l.id === 'coalition')!.visible).not.toBe(false);
	});

	it('ignores what other tools add to the address', () => {
		expect(parse('initialWidth=600&childId=atlas&utm_source=x&fbclid=abc&layers=hubs')).toEqual({ state: { layers: ['hubs'] }, problems: [] });
	});
});

describe('time, scene, feature, language and theme in the address', () => {
	const known = {
		layers: ids,
		scenes: ['coalition', 'hubs'],
		months: { first: '2022-03', last: '2025-11' },
		hasFeature: (layer: string, id: string) => layer === 'hubs' && id === 'hub-rzeszow-jasionka'
	};
	const parseAll = (q: string) => parseState(new URLSearchParams(q), known);

	it('round-trips every part', () => {
		const state = {
			layers: ['hubs'],
			view: { lng: 22, lat: 50, zoom: 5 },
			time: '2025-09',
			scene: 'hubs',
			feature: { layer: 'hubs', id: 'hub-rzeszow-jasionka' },
			lang: 'uk' as const,
			theme: 'dark' as const
		};
		const query = serializeState(state);
		expect(query).toBe('layers=hubs&view=22.00,50.00,5.0&time=2025-09&scene=hubs&feature=hubs:hub-rzeszow-jasionka&lang=uk&theme=dark');
		expect(parseAll(query)).toEqual({ state, problems: [] });
	});

	it('falls back part by part, naming what was wrong', () => {
		const { state, problems } = parseAll('time=2025-13&scene=nope&feature=hubs&lang=fr&theme=pink&layers=hubs');
		expect(state).toEqual({ layers: ['hubs'] });
		expect(problems.map(formatProblem)).toEqual([
			'address: time: "2025-13" is not a month like 2025-09; the default is used',
			'address: scene: no scene called "nope"; the default is used',
			'address: feature: "hubs" is not layer:id; the default is used',
			'address: lang: "fr" is not a language of the atlas (en, uk); the default is used',
			'address: theme: "pink" is not a theme (light, dark); the default is used'
		]);
	});

	it('rejects a month outside the data and a feature that is not there', () => {
		expect(parseAll('time=2019-01').problems.map(formatProblem)).toEqual([
			'address: time: 2019-01 is outside the data (2022-03 to 2025-11); the default is used'
		]);
		expect(parseAll('feature=hubs:nope').state.feature).toBeUndefined();
		expect(parseAll('feature=coalition:hub-rzeszow-jasionka').state.feature).toBeUndefined();
	});
});
