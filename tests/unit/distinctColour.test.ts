import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { difference, distinctColour, manifestColours, oklab } from '../../src/lib/editor/distinctColour';
import { DARK, LIGHT } from '../../src/lib/map/theme';

const manifest = JSON.parse(readFileSync(new URL('../../geodata/layers.json', import.meta.url), 'utf8'));

describe('distinctColour', () => {
	it('converts to OKLab as Ottosson’s reference values say', () => {
		const close = (a: number[], b: number[]) => a.forEach((v, i) => expect(v).toBeCloseTo(b[i], 3));
		close(oklab('#ffffff'), [1, 0, 0]);
		close(oklab('#000000'), [0, 0, 0]);
		close(oklab('#ff0000'), [0.628, 0.2249, 0.1258]);
		close(oklab('#0000ff'), [0.452, -0.0325, -0.3115]);
	});

	it('gives a new layer a colour plainly unlike every layer’s and the map’s, in both themes', () => {
		const taken = manifestColours(manifest);
		expect(taken.length).toBeGreaterThan(20);
		const colour = distinctColour(taken);
		// the old default was the hubs' own orange
		expect(taken).toContain('#c05621');
		const nearestLayer = Math.min(...taken.map((c) => difference(colour, c)));
		// 0.02 is about the smallest difference a reader notices; the atlas's own closest pair is 0.037 apart
		expect(nearestLayer).toBeGreaterThan(0.1);
		for (const theme of [LIGHT, DARK]) for (const ground of [theme.land, theme.sea, theme.ukraine]) expect(difference(colour, ground)).toBeGreaterThan(0.15);
		// a second new layer gets another colour again, plainly unlike the first
		expect(difference(distinctColour([...taken, colour]), colour)).toBeGreaterThan(0.1);
	});
});
