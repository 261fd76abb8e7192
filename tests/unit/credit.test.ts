import { afterEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { setLang } from '../../src/lib/i18n/i18n.svelte';
import { baseMapCredit } from '../../src/lib/atlas/credit';
import { BASE_MAP_CREDIT } from '../../src/lib/design/credit';
import { staticMapSvg } from '../../src/lib/render/staticMap';

// the base map's credit is one wording: the live map's, the embed's, the PNG's and the static map's
afterEach(() => setLang('en'));

describe("the base map's credit", () => {
	it("a page's, in English, is the build's images'; in Ukrainian it is translated", async () => {
		await setLang('en');
		expect(baseMapCredit()).toBe(BASE_MAP_CREDIT);
		await setLang('uk');
		expect(baseMapCredit()).toMatch(/^Основа мапи: Natural Earth .*GeoNames.*Крим/);
	});

	it('the static map writes it', () => {
		const svg = staticMapSvg(
			{ countries: { type: 'FeatureCollection', features: [] }, borders: { type: 'MultiLineString', coordinates: [] }, layers: [] },
			{ view: { center: [30, 49], zoom: 4, width: 1200, height: 630 }, title: 'T' }
		);
		expect(svg).toContain(BASE_MAP_CREDIT);
	});

	it('no other code writes a credit of its own', () => {
		const users = [
			'src/lib/atlas/Atlas.svelte',
			'src/lib/atlas/EmbedChrome.svelte',
			'src/lib/atlas/exportView.ts',
			'src/lib/map/atlasMap.ts',
			'src/lib/render/staticMap.ts'
		];
		for (const file of users) expect(readFileSync(file, 'utf8'), file).not.toMatch(/Natural Earth/);
	});
});
