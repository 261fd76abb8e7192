import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHONE_MAX_PX, SHEET_SHARE, SHEET_STOPS, SIDE_PANEL_REM, TOUR_SHEET_SHARE } from '../../src/lib/design/layout';

// A stylesheet cannot import design/layout.ts: the CSS writes its numbers, and this test holds every
// copy to the module, so a phone is the same width to the camera's code and to the panels' CSS.
const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts|css|html)$/.test(name) ? [path] : [];
	});
const sources = files('src').map((file) => ({ file, text: readFileSync(file, 'utf8') }));
const read = (file: string) => sources.find((s) => s.file === file)!.text;

describe('the layout constants, once for TS and CSS', () => {
	it('every media query on width (CSS or matchMedia) breaks at the phone width', () => {
		const queries = sources.flatMap(({ file, text }) =>
			[...text.matchAll(/\((max|min)-width:\s*(\d+(?:\.\d+)?)px\)/g)].map((m) => ({ file, query: m[0], edge: m[1], px: Number(m[2]) }))
		);
		expect(queries.length).toBeGreaterThanOrEqual(6);
		expect(queries.filter((q) => q.px !== (q.edge === 'max' ? PHONE_MAX_PX : PHONE_MAX_PX + 1)).map((q) => `${q.file}: ${q.query}`)).toEqual([]);
	});

	it('no code writes the phone width as a number of its own', () => {
		const literal = new RegExp(`[<>]=?\\s*${PHONE_MAX_PX}\\b`);
		expect(sources.filter(({ file, text }) => !file.endsWith('design/layout.ts') && literal.test(text)).map((s) => s.file)).toEqual([]);
	});

	it("the card on a phone takes at least the sheet's opening share, as the camera leaves it", () => {
		const [, fallback, least] = read('src/lib/atlas/MapBox.svelte').match(/max\(var\(--sheet-share, ([\d.]+)\), ([\d.]+)\)/) ?? [];
		expect([Number(fallback), Number(least)]).toEqual([SHEET_SHARE, SHEET_SHARE]);
		expect(SHEET_STOPS).toContain(SHEET_SHARE);
		expect(SHEET_STOPS).toContain(TOUR_SHEET_SHARE);
	});

	it("the side panel's CSS is the width the camera keeps clear of", () => {
		const sheet = read('src/lib/ui/BottomSheet.svelte').match(/\.sheet \{[^}]*\}/)![0];
		expect(sheet).toContain(`right: ${SIDE_PANEL_REM.right}rem;`);
		expect(sheet).toContain(`width: min(${SIDE_PANEL_REM.width}rem, calc(100% - ${SIDE_PANEL_REM.margin}rem));`);
	});
});
