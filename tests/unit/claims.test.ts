import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { feature } from 'topojson-client';
import { checkClaims, METRIC_LABELS, metricLabel, validateClaims, verdictFor } from '../../src/lib/manifest/claims';
import { comparisonLabel } from '../../src/lib/ui/comparisonLabel';
import { setLang } from '../../src/lib/i18n/i18n.svelte';
import { claimsFromAtlas } from '../../src/lib/content/claimsFromAtlas';
import { loadGeodata } from '../../src/lib/manifest/load';
import { recogniseCrimeaAsUkraine, type CountriesTopology } from '../../src/lib/geo/recognisedBorders';
import { formatProblem } from '../../src/lib/manifest/errors';
import { validateFrontFigures } from '../../src/lib/manifest/frontFigures';

describe('verdictFor', () => {
	it('holds within 5%, roughly within 20%, differs beyond', () => {
		expect(verdictFor(48_000, 50_000)).toBe('holds');
		expect(verdictFor(1_000, 1_218)).toBe('differs');
		expect(verdictFor(25_000, 30_000)).toBe('roughly');
	});
	it('an "at least" claim holds when met, and a lower bound below the claim cannot verify it', () => {
		expect(verdictFor(50, 55.4, { atLeast: true })).toBe('holds');
		expect(verdictFor(50, 48, { atLeast: true })).toBe('holds');
		expect(verdictFor(26, 5, { lowerBound: true })).toBe('unverified');
		expect(verdictFor(0, 0)).toBe('holds');
		expect(verdictFor(0, 3)).toBe('differs');
	});
});

describe("the articles' claims against the atlas", async () => {
	const data = await loadGeodata(async (name) => (existsSync(`geodata/${name}`) ? readFileSync(`geodata/${name}`, 'utf8') : null));
	const world = recogniseCrimeaAsUkraine(JSON.parse(readFileSync('node_modules/world-atlas/countries-50m.json', 'utf8')) as CountriesTopology);
	const decoded = feature(world, world.objects.countries);
	const countries = {
		type: 'FeatureCollection' as const,
		features: decoded.features.map((f) => ({ ...f, properties: { name: f.properties!.name, iso: f.id === undefined ? null : String(f.id) } }))
	};
	const file = validateClaims(JSON.parse(readFileSync('geodata/claims.json', 'utf8')), data.citable).claims!;
	const front = validateFrontFigures(JSON.parse(readFileSync('geodata/front/versions.json', 'utf8'))).figures;
	const checked = claimsFromAtlas(file, data.layers, countries as never, front)!;
	const byId = Object.fromEntries(checked.map((c) => [c.id, c]));

	it('computes Ukraine against Kosovo from the geometry: more than 50 times, so the claim holds', () => {
		expect(byId['ukraine-50x-kosovo'].against!.computed).toBe(true);
		expect(byId['ukraine-50x-kosovo'].against!.value).toBeGreaterThan(50);
		expect(byId['ukraine-50x-kosovo'].against!.value).toBeLessThan(60);
		expect(byId['ukraine-50x-kosovo'].verdict).toBe('holds');
	});

	it("checks the 1,000 km front against DeepState's front of the article's month, not the latest", () => {
		const claim = byId['front-length'];
		const march = front.find((f) => f.asOf.startsWith('2025-03'))!;
		expect(claim.against).toMatchObject({
			computed: true,
			metric: 'frontKm',
			month: '2025-03',
			value: march.frontKm,
			sources: ['deepstatemap-live', 'cyterat-deepstate-map-data']
		});
		expect(claim.against!.value).not.toBe(front.at(-1)!.frontKm);
		expect(claim.verdict).toBe('roughly'); // 1,125 km at DeepState's resolution: within 20%
		const smoothed = claim.also.find((c) => c.metric === 'frontSmoothedKm')!;
		expect(smoothed.value).toBe(march.frontSmoothedKm);
		const traced = claim.also.find((c) => c.metric === 'contactLineKm')!;
		expect(traced.value).toBeGreaterThan(800);
		expect(traced.value).toBeLessThan(1_400);
	});

	it('gives force sizes per km of front and KFOR per 100 km2 of Kosovo', () => {
		const perKm = byId['force-100000'].densities.find((d) => d.unit === 'per km')!;
		expect(perKm.value).toBeCloseTo(100_000 / 1_218, 1);
		const kfor = byId['kfor-48000'].densities[0];
		expect(kfor.value).toBeGreaterThan(400); // 48,000 over ~10,900 km2
		expect(kfor.value).toBeLessThan(460);
		expect(byId['kfor-48000'].verdict).toBe('holds');
	});

	it('the panel names the atlas’s own figures as claims.ts does in English, and in Ukrainian otherwise', async () => {
		const computed = [
			...checked.flatMap((c) => [c.against, ...c.also, ...c.densities]).filter((c) => c?.metric),
			...Object.entries(METRIC_LABELS).map(([metric, m]) => ({ ...m, label: metricLabel(metric), metric, value: 1, sources: [], computed: true }))
		];
		expect(new Set(computed.map((c) => c!.metric)).size).toBe(Object.keys(METRIC_LABELS).length + 3);
		for (const c of computed) expect(comparisonLabel(c!)).toBe(c!.label);
		await setLang('uk');
		try {
			const perKm = byId['force-100000'].densities.find((d) => d.unit === 'per km')!;
			expect(comparisonLabel(perKm)).toBe('Військових на км фронту (1\u00a0218 км)');
			expect(computed.filter((c) => comparisonLabel(c!) === c!.label)).toEqual([]);
		} finally {
			await setLang('en');
		}
	});

	it('does not pretend to verify what no one published', () => {
		expect(byId['coalition-26'].verdict).toBe('unverified');
		expect(byId['force-64000'].verdict).toBe('unverified');
		expect(checkClaims(file, { contactLineKm: 1 } as never).length).toBe(file.claims.length);
	});
});

describe('validateClaims', () => {
	it('hands out no claims when one names a figure that is not there, so nothing downstream throws', () => {
		const json = JSON.parse(readFileSync('geodata/claims.json', 'utf8'));
		json.densityFront = 'no-such-figure';
		const sources = JSON.parse(readFileSync('geodata/sources.json', 'utf8'));
		const { claims, problems } = validateClaims(json, sources);
		expect(claims).toBeNull();
		expect(problems.map(formatProblem)).toEqual(['geodata/claims.json: densityFront: "no-such-figure" is not in figures']);
	});
});
