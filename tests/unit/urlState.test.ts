import { describe, expect, it } from 'vitest';
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

	it('ignores what other tools add to the address', () => {
		expect(parse('initialWidth=600&childId=atlas&utm_source=x&fbclid=abc&layers=hubs')).toEqual({ state: { layers: ['hubs'] }, problems: [] });
	});
});
