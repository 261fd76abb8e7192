import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { loadGeodata } from '../../src/lib/manifest/load';
import { ukrainianGaps, ukrainianWarnings } from '../../src/lib/manifest/ukrainianGaps';
import type { LayerDef } from '../../src/lib/manifest/schema';

// Every text of the atlas's own content has its Ukrainian: a reader of the Ukrainian atlas reads
// no English but citations and names that are the same in both.
const read = (name: string) => (existsSync(`geodata/${name}`) ? readFileSync(`geodata/${name}`, 'utf8') : null);
const data = await loadGeodata(async (name) => read(name));
const json = (name: string) => JSON.parse(read(name)!);
const missing = (record: Record<string, unknown>, keys: string[]) => keys.filter((k) => typeof record[k] === 'string' && !record[`${k}_uk`]);

describe('the atlas in Ukrainian', () => {
	it('gives every layer, category, card field and feature text its Ukrainian', () => {
		expect(data.layers.flatMap((l) => ukrainianGaps(l.def, l.data.features))).toEqual([]);
	});

	it('does so in every dated version of the front layers', () => {
		const gaps = data.layers.flatMap((l) =>
			(l.def.versions ?? []).flatMap((v) =>
				ukrainianGaps(l.def, json(v.file).features, `geodata/${v.file}`).filter((g) => !g.startsWith('geodata/layers.json'))
			)
		);
		expect(gaps).toEqual([]);
	});

	it('names what is missing, by file, feature and field', () => {
		const def = {
			id: 'summits',
			title: 'Summits',
			file: 'summits.geojson',
			style: { by: { property: 'kind', categories: [{ value: 'eu', label: 'EU summit', color: '#000000' }] } },
			tooltip: [{ property: 'host', label: 'Host' }],
			i18n: { uk: { title: 'Саміти', categories: {} } }
		} as unknown as LayerDef;
		const features = [{ type: 'Feature' as const, properties: { id: 'paris', name: 'Paris', name_uk: 'Париж', host: 'Macron', kind: 'eu' }, geometry: null }];
		expect(ukrainianGaps(def, features)).toEqual([
			'geodata/layers.json: layer "summits": no i18n.uk.categories["eu"] (EU summit)',
			'geodata/layers.json: layer "summits": no i18n.uk.fields["host"] (Host)',
			'geodata/summits.geojson: features[0] (paris): no host_uk'
		]);
	});

	it('`layer check --ukrainian` warns of them, the first few listed, and of nothing where all is translated', () => {
		const def = { id: 'bases', title: 'Bases', file: 'bases.geojson', style: {}, tooltip: [], i18n: { uk: { title: 'Бази' } } } as unknown as LayerDef;
		const named = (n: number) =>
			Array.from({ length: n }, (_, i) => ({ type: 'Feature' as const, properties: { id: `b${i}`, name: `Base ${i}` }, geometry: null }));
		expect(ukrainianWarnings([{ def, data: { features: named(3) } }], 2)).toEqual([
			'warning: 3 place(s) without Ukrainian (the Ukrainian atlas shows them in English):',
			'  geodata/bases.geojson: features[0] (b0): no name_uk',
			'  geodata/bases.geojson: features[1] (b1): no name_uk',
			'  … and 1 more'
		]);
		expect(ukrainianWarnings(data.layers)).toEqual([]);
	});

	it('translates the claims, the coverage presets, the tour and the sources’ notes', () => {
		const claims = json('claims.json');
		const gaps = [
			...Object.entries(claims.figures).flatMap(([k, f]) => missing(f as Record<string, unknown>, ['label', 'note']).map((m) => `figures.${k}.${m}`)),
			...claims.claims.flatMap((c: Record<string, unknown>) => missing(c, ['claim', 'quote', 'note']).map((m) => `claims.${c.id}.${m}`))
		];
		const coverage = json('coverage.json');
		gaps.push(...missing(coverage.standOff, ['label']).map((m) => `standOff.${m}`));
		coverage.aircraft.forEach((a: Record<string, unknown>, i: number) => gaps.push(...missing(a, ['note']).map((m) => `aircraft[${i}].${m}`)));
		for (const s of json('scenes.json').scenes) if (!s.i18n?.uk?.title || !s.i18n?.uk?.caption) gaps.push(`scenes.${s.id}`);
		for (const [key, source] of Object.entries(json('sources.json')))
			gaps.push(...missing(source as Record<string, unknown>, ['note']).map((m) => `sources.${key}.${m}`));
		expect(gaps).toEqual([]);
	});
});
