import { describe, expect, it } from 'vitest';
import { datesLine, pictureDates } from '../../src/lib/content/dating';
import { ENGLISH } from '../../src/lib/content/summary';
import { UK } from '../../src/lib/i18n/uk';
import { UK_MONTHS } from '../../src/lib/i18n/i18n.svelte';
import type { LayerDef } from '../../src/lib/manifest/schema';

// What every published picture says of its dates (issue 32): each date named for what it dates.
const sources = { deepstate: { publisher: 'DeepStateMap.Live', title: 'DeepState', date: '2026-10-10', kind: 'dataset' as const } };
const layer = (def: Partial<LayerDef>): LayerDef => ({ kind: 'fill', file: 'x.geojson', style: {}, sources: ['deepstate'], ...def }) as LayerDef;
const front = layer({
	id: 'occupied',
	title: 'Occupied areas',
	dateLabel: 'Front',
	i18n: { uk: { title: 'Окуповані', dateLabel: 'Фронт' } },
	asOf: '2026-10-10',
	versions: [
		{ asOf: '2025-03-01', file: 'a' },
		{ asOf: '2026-08-22', file: 'b' },
		{ asOf: '2026-10-10', file: 'c' }
	]
});
const line = layer({ ...front, id: 'front-line', title: 'Front line' });
const coalition = layer({ id: 'coalition', title: 'Coalition', dateLabel: 'Coalition roles', asOf: '2026-12-07', sources: ['x'] });
const hubs = layer({ id: 'hubs', title: 'Hubs', asOf: '2026-12-07', sources: ['x'] });
const traced = layer({ id: 'contact-line', title: 'Contact line (Nov 2025)', asOf: '2025-11-15', sources: ['x'] });
const options = { lang: 'en' as const, sources, today: '2026-12-07', latestMonth: '2026-10' };
const uk = { lang: 'uk' as const, t: (s: string) => UK[s] ?? s, months: UK_MONTHS, number: String };

describe('the dates of a picture', () => {
	it('names the front’s snapshot and its publisher, and the day the other layers were checked, told once', () => {
		const dates = pictureDates([front, line, coalition, hubs], null, options);
		expect(dates.month).toBeNull();
		expect(datesLine(dates, ENGLISH)).toBe('Front: 10 Oct 2026 (DeepStateMap.Live) · Coalition roles and Hubs checked 7 Dec 2026');
	});

	it('a month before the latest: that month, and the snapshot in force then, never a later one', () => {
		const dates = pictureDates([front, coalition], '2025-03', options);
		expect(datesLine(dates, ENGLISH)).toBe('Showing Mar 2025 · Front: 1 Mar 2025 (DeepStateMap.Live) · Coalition roles checked 7 Dec 2026');
		// the latest month is today's picture: no month named
		expect(pictureDates([front], '2026-10', options).month).toBeNull();
	});

	it('says on the picture that a layer has not been updated for longer than the limit', () => {
		const old = pictureDates([front, traced], null, { ...options, today: '2027-02-01' });
		expect(datesLine(old, ENGLISH)).toBe(
			'Front: 10 Oct 2026 (DeepStateMap.Live), not updated for over 90 days · Contact line (Nov 2025) checked 15 Nov 2025, not updated for over 90 days'
		);
		// a past month's snapshot is not stale: it is that month's picture
		expect(datesLine(pictureDates([front], '2025-03', { ...options, today: '2027-02-01' }), ENGLISH)).toBe(
			'Showing Mar 2025 · Front: 1 Mar 2025 (DeepStateMap.Live)'
		);
	});

	it('before a series’ first snapshot, says nothing of it', () => {
		expect(pictureDates([front], '2024-01', options).notes).toEqual([]);
	});

	it('in Ukrainian: the labels, months and words, no ISO date', () => {
		const line = datesLine(pictureDates([front, coalition], '2025-03', { ...options, lang: 'uk' }), uk);
		expect(line).toContain('Показано бер 2025 · Фронт: 1 бер 2025 (DeepStateMap.Live)');
		expect(line).not.toMatch(/\d{4}-\d{2}/);
		expect(line).not.toMatch(/Front|Showing|checked/);
	});
});
