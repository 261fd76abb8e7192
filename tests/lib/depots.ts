// The editor's fixture layer, fuel depots, and the form an editor fills in for it: what the save
// tests (the endpoint, the page's client, the source-key rule) publish.
import { readFileSync } from 'node:fs';
import { defaultMeta } from '../../src/lib/editor/draftLayer';

export const depots = readFileSync(new URL('../fixtures/editor/depots.geojson', import.meta.url), 'utf8');
export const depotsMeta = {
	...defaultMeta('depots.geojson', 'point', ['name']),
	title: 'Fuel depots',
	sources: ['insightnews-2025-09-declarations-vs-commitments'],
	asOf: '2025-09-04'
};
