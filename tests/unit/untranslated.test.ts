// The check the Ukrainian atlas's every surface passes (tests/e2e/ukrainian.e2e.ts) can fail: it
// knows the atlas's English, and finds it, or mostly English words, where they are left.
import { describe, expect, it } from 'vitest';
import { ENGLISH, untranslated } from '../lib/untranslated';

describe('the check for English left in the Ukrainian atlas', () => {
	it('the dictionary of English texts is built from the atlas (the check can fail)', () => {
		expect(ENGLISH.size).toBeGreaterThan(600);
		expect(untranslated(['Coalition of the willing'])).toEqual(['Coalition of the willing']);
		expect(untranslated(['Four Russian warplanes violate Swedish airspace east of Gotland'])).toHaveLength(1);
		expect(untranslated(['Коаліція охочих', 'Операція «Східний вартовий» (Eastern Sentry)', 'DeepStateMap.Live'])).toEqual([]);
	});
});
