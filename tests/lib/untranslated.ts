// What the Ukrainian atlas may not show: the atlas's English texts that have a Ukrainian (the
// interface's dictionaries, the layers' manifest, the features' `<property>_uk`, the claims, the
// tour), and text that is mostly English words. Read by the browser's check of every surface
// (tests/e2e/ukrainian.e2e.ts); tests/unit/untranslated.test.ts shows the check can fail.
import { readFileSync } from 'node:fs';
import { UK } from '../../src/lib/i18n/uk';
import { UK_ANALYSIS } from '../../src/lib/i18n/uk.analysis';
import { UK_PAGES } from '../../src/lib/i18n/uk.pages';

export const json = (name: string) => JSON.parse(readFileSync(`geodata/${name}`, 'utf8'));
export const manifest = json('layers.json');

/** English texts that have a Ukrainian: none may show in Ukrainian. */
function englishTexts(): Set<string> {
	const out = new Set<string>();
	const add = (english: unknown, ukrainian: unknown) => {
		if (typeof english !== 'string' || typeof ukrainian !== 'string' || english === ukrainian) return;
		// a plural key ("source|sources") is several texts; a template ("{n} in {country}") is read by its longest literal part
		for (const form of english.split('|')) {
			const literal = form
				.split(/\{\w+\}/)
				.map((s) => s.trim())
				.sort((a, b) => b.length - a.length)[0];
			if (literal && /[a-z]{3}/i.test(literal)) out.add(literal);
		}
	};
	for (const dict of [UK, UK_ANALYSIS, UK_PAGES]) for (const [en, uk] of Object.entries(dict)) add(en, uk);
	for (const l of manifest.layers) {
		const uk = l.i18n?.uk ?? {};
		add(l.title, uk.title);
		add(l.description, uk.description);
		add(l.legend?.note, uk.note);
		add(l.legend?.label, uk.legendLabel);
		for (const c of l.style.by?.categories ?? []) add(c.label, uk.categories?.[c.value]);
		for (const t of l.tooltip ?? []) add(t.label, uk.fields?.[t.property]);
		const files = [l.file, ...(l.versions ?? []).slice(-1).map((v: { file: string }) => v.file)];
		for (const file of files)
			for (const f of json(file).features)
				for (const [key, value] of Object.entries(f.properties ?? {})) if (key.endsWith('_uk')) add(f.properties[key.slice(0, -3)], value);
	}
	for (const s of json('scenes.json').scenes) {
		add(s.title, s.i18n?.uk?.title);
		add(s.caption, s.i18n?.uk?.caption);
	}
	const claims = json('claims.json');
	for (const f of Object.values(claims.figures) as Record<string, string>[]) {
		add(f.label, f.label_uk);
		add(f.note, f.note_uk);
	}
	for (const c of claims.claims) {
		add(c.claim, c.claim_uk);
		add(c.note, c.note_uk);
	}
	for (const s of Object.values(json('sources.json')) as Record<string, string>[]) add(s.note, s.note_uk);
	return out;
}
export const ENGLISH = englishTexts();
// names that are the same in both languages: publishers (in an exported image's credit) and data sets
// and aircraft (the coverage presets)
const NAMES = [
	...new Set((Object.values(json('sources.json')) as { publisher: string }[]).map((s) => s.publisher)),
	...(json('coverage.json').aircraft as { aircraft: string }[]).map((a) => a.aircraft),
	'Natural Earth',
	'GeoNames',
	'DeepStateMap.Live',
	'DeepState'
].sort((a, b) => b.length - a.length);

/** The texts that are still English: one of the atlas's English texts, or mostly English words. */
export function untranslated(texts: string[]): string[] {
	const bad = new Set<string>();
	for (const text of texts) {
		const unnamed = NAMES.reduce((t, name) => t.replaceAll(name, ''), text);
		const latin = (unnamed.match(/[A-Za-z]/g) ?? []).length;
		const cyrillic = (unnamed.match(/[\u0400-\u04ff]/g) ?? []).length;
		const words = unnamed.match(/[A-Za-z]{2,}/g) ?? [];
		if (latin > cyrillic && words.length >= 3) bad.add(text);
		else if (ENGLISH.has(text)) bad.add(text);
		else for (const english of ENGLISH) if (english.length >= 24 && text.includes(english)) bad.add(`${text} (has "${english}")`);
	}
	return [...bad];
}
