import { describe, expect, it } from 'vitest';
import { mergeMeta } from '../../src/lib/editor/draftMerge';
import { defaultMeta } from '../../src/lib/editor/draftLayer';

// Two tabs' edits of one draft: what each changed since the version both started from.
const base = defaultMeta('depots.geojson', 'point');

describe('mergeMeta', () => {
	it('takes a change from each side when they changed different fields', () => {
		const mine = { ...base, title: 'Fuel depots' };
		const theirs = { ...base, description: 'Where the fuel is kept.', sources: ['a-source'] };
		expect(mergeMeta(base, mine, theirs)).toEqual({
			meta: { ...base, title: 'Fuel depots', description: 'Where the fuel is kept.', sources: ['a-source'] },
			conflicts: []
		});
	});

	it('names a field both changed differently, and keeps mine there', () => {
		const merged = mergeMeta(base, { ...base, title: 'A', color: '#000000' }, { ...base, title: 'B', color: '#000000' });
		expect(merged).toEqual({ meta: { ...base, title: 'A', color: '#000000' }, conflicts: ['title'] });
	});

	it('drops a field the other side removed, and keeps one only mine added', () => {
		const withOpacity = { ...base, opacity: 0.5 };
		expect(mergeMeta(withOpacity, withOpacity, base).meta).toEqual(base);
		expect(mergeMeta(base, withOpacity, base).meta).toEqual(withOpacity);
	});
});
