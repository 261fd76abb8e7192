import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// Data flows one way (STYLE.md): design, problems and time at the bottom, then geo, manifest,
// content, and the rooms that draw and show on top. A file knows its room by what it imports.
const files = (dir: string): string[] =>
	readdirSync(dir).flatMap((name) => {
		const path = join(dir, name);
		return statSync(path).isDirectory() ? files(path) : /\.(svelte|ts)$/.test(name) ? [path] : [];
	});
const roomOf = (path: string) => relative('src/lib', path).split('/')[0];
const imports = files('src/lib').flatMap((file) =>
	[...readFileSync(file, 'utf8').matchAll(/(import\s+type\b)?[^;]*?\bfrom\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g)].map((m) => {
		const spec = m[2] ?? m[3];
		const target = spec.startsWith('.') ? normalize(join(dirname(file), spec)) : null;
		return { file, room: roomOf(file), spec, typeOnly: !!m[1], to: target?.startsWith('src/lib/') ? roomOf(target) : null };
	})
);

/** The rooms below the map, atlas, ui and editor, and the only rooms each may import. */
const MAY_IMPORT: Record<string, string[]> = {
	design: [],
	problems: [],
	time: [],
	geo: ['design', 'problems'],
	manifest: ['design', 'problems', 'time', 'geo'],
	i18n: ['time'],
	state: ['problems', 'time', 'manifest'],
	content: ['design', 'problems', 'time', 'geo', 'manifest', 'i18n'],
	render: ['design', 'problems', 'time', 'geo', 'manifest', 'content', 'i18n']
};

describe('imports point down', () => {
	it('the lower rooms import only rooms below them', () => {
		expect(imports.length).toBeGreaterThan(300);
		const upward = imports.filter((i) => i.to && i.to !== i.room && i.room in MAY_IMPORT && !MAY_IMPORT[i.room].includes(i.to));
		expect(upward.map((i) => `${i.file}: ${i.spec}`)).toEqual([]);
	});

	it('the map, the editor and the workers never import the atlas or its panels', () => {
		const upward = imports.filter((i) => ['map', 'editor', 'workers'].includes(i.room) && ['atlas', 'ui'].includes(i.to!));
		expect(upward.map((i) => `${i.file}: ${i.spec}`)).toEqual([]);
	});

	it('only the map imports maplibre and deck.gl (others may name their types)', () => {
		const drawing = imports.filter((i) => /^(maplibre-gl|@deck\.gl\/)/.test(i.spec) && i.room !== 'map' && !i.typeOnly);
		expect(drawing.map((i) => `${i.file}: ${i.spec}`)).toEqual([]);
	});
});
