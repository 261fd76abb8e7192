// The time slider's counts and chart, as the explorer renders them over the atlas's own data (the
// viewer's series: every events layer's dates and every layer's dated versions). That the slider
// filters what the map draws is the browser's to show: tests/e2e/viewer.e2e.ts.
import { readFileSync } from 'node:fs';
import { render } from 'svelte/server';
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import TimeSlider from '../../src/lib/ui/TimeSlider.svelte';
import { countsAsEvents, layerCounts, monthLabel, shownIn, timelineOf, type Month } from '../../src/lib/time/timeline';

type Def = { id: string; title: string; file: string; events?: boolean; versions?: { asOf: string }[] };
const manifest = JSON.parse(readFileSync('geodata/layers.json', 'utf8')) as { layers: Def[] };
const featuresOf = (def: Def): Feature[] => JSON.parse(readFileSync(`geodata/${def.file}`, 'utf8')).features;
const series = timelineOf(manifest.layers.map((def) => ({ features: countsAsEvents(def) ? featuresOf(def) : [], versions: def.versions })));
const incursionsDef = manifest.layers.find((l) => l.id === 'incursions')!;
const incursions = featuresOf(incursionsDef) as Feature<GeoJSON.Point, { date: string }>[];

/** The slider as the explorer shows it with only the incursions on (`?layers=incursions`), at a month (null: the last). */
function slider(until: Month | null) {
	const layers = layerCounts([{ title: incursionsDef.title, features: incursions }], until);
	const { body } = render(TimeSlider, { props: { series, layers, until } });
	const text = (html: string) => html.replace(/<!--.*?-->/g, '').replace(/<[^>]+>/g, '');
	return {
		readout: text(/<p class="readout[^>]*>(.*?)<\/p>/s.exec(body)![1]).trim(),
		bars: (body.match(/<rect /g) ?? []).length,
		after: (body.match(/<rect [^>]*class="[^"]*\bafter\b/g) ?? []).length,
		chart: /<svg class="chart[^>]*aria-label="([^"]*)"/.exec(body)![1]
	};
}

describe('the time slider over the incursions', () => {
	it('counts every incident at the last month, and the incidents up to the month chosen before it', () => {
		const last = monthLabel(series.at(-1)!.month);
		expect(slider(null).readout).toBe(`Up to ${last}: ${incursions.length} of ${incursions.length} incidents`);
		const shown = incursions.filter((f) => f.properties.date <= '2023-12-31').length;
		expect(shown).toBeGreaterThan(0);
		expect(shown).toBeLessThan(incursions.length);
		expect(slider('2023-12').readout).toBe(`Up to Dec 2023: ${shown} of ${incursions.length} incidents`);
		// and the map draws exactly those: the rule that filters its features says the same
		expect(incursions.filter((f) => shownIn(incursionsDef, f, '2023-12')).length).toBe(shown);
	});

	it('greys the bars after the month chosen, and says each year’s count', () => {
		const { bars, after, chart } = slider('2023-12');
		expect(bars).toBe(series.length);
		expect(bars - after).toBe(22); // Mar 2022 … Dec 2023
		const in2025 = incursions.filter((f) => f.properties.date.startsWith('2025')).length;
		expect(chart).toMatch(new RegExp(`2025: ${in2025},`));
		expect(slider(null).after).toBe(0);
	});
});
