// The editor's problems in an editor's words: the control that mends each, never "undefined".
import { describe, expect, it } from 'vitest';
import { inWords } from '../../src/lib/editor/problems';

const at = (field: string, message: string) => inWords({ field: `features[0] (lviv-1).properties.${field}`, message });

describe('a problem in words', () => {
	it('names the control for what the form can give every feature', () => {
		expect(at('confidence', 'one of confirmed, reported, uncertain expected, undefined found').text).toBe(
			'No confidence given: choose one under “Confidence where a feature gives none”, below'
		);
		expect(at('asOf', 'a date like "2025-09-04" expected, undefined found').text).toBe('No date given: set “As of”, below, for every feature that gives none');
		expect(at('sources', 'at least one source key expected (no source, no feature)').text).toBe(
			'No source given: add a web address or a key under “Sources”, below'
		);
		expect(at('name', 'must not be empty').text).toBe('No name given: choose a column under “Names from”, below');
	});

	it('keeps the checker’s path and words as the detail', () => {
		expect(at('asOf', 'a date like "2025-09-04" expected, undefined found').detail).toBe(
			'features[0] (lviv-1).properties.asOf a date like "2025-09-04" expected, undefined found'
		);
	});

	it('says a wrong value as the checker does, and "nothing" for undefined', () => {
		expect(at('confidence', 'one of confirmed, reported, uncertain expected, "sure" found').text).toBe(
			'one of confirmed, reported, uncertain expected, "sure" found'
		);
		expect(inWords({ field: 'features[2].properties.radiusKm', message: 'a number expected, undefined found' }).text).toBe('a number expected, nothing found');
	});

	it('offers the web address for a key the bibliography lacks', () => {
		expect(at('sources[0]', '"ft-2026" is not in geodata/sources.json').text).toBe(
			'"ft-2026" is not in geodata/sources.json: give its web address instead, in the file or under “Sources”, below'
		);
	});
});
