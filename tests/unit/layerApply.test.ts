import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundleText, makeBundle } from '../../src/lib/editor/bundle';
import { checkLayerText } from '../../src/lib/editor/checkFile';
import { defaultMeta } from '../../src/lib/editor/draftLayer';
import { validateBibliography } from '../../src/lib/manifest/validate';

// A publish bundle made as the editor makes one (the realistic file, its new sources reviewed),
// applied by the command to a copy of a small geodata/ inside a fresh git repository.
let dir: string;
let root: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-apply-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function layer(args: string[]) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', root], {
		encoding: 'utf8',
		env: { ...process.env, INIT_CWD: process.cwd() }
	});
	const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
	return { status: run.status, out: lines(run.stdout), err: lines(run.stderr) };
}

/** The bundle of the newsroom's three points, as the editor would download it once reviewed. */
function editorsBundle(replace = false) {
	const sources = validateBibliography(JSON.parse(readFileSync(join(root, 'sources.json'), 'utf8'))).citable;
	const text = readFileSync('tests/fixtures/editor/newsroom-points.geojson', 'utf8');
	const first = checkLayerText(text, 'newsroom-points.geojson', null, sources, { forgiving: {} });
	const reviewed = first.newSources.map((s) => ({ ...s, publisher: s.publisher || 'Newsroom Example', date: s.date || '2025-09-10' }));
	const checked = checkLayerText(text, 'newsroom-points.geojson', null, sources, { forgiving: { reviewed } });
	expect(checked.problems).toEqual([]);
	const meta = {
		...defaultMeta('newsroom-points.geojson', 'point', ['name']),
		title: 'Liaison offices',
		asOf: '2025-09-10',
		sources: reviewed.map((s) => s.key),
		newSources: reviewed
	};
	return { bundle: makeBundle(meta, checked.text!, { replace, editor: 'Olena Editor' }), layerText: checked.text! };
}

describe('npm run layer -- apply', { timeout: 30_000 }, () => {
	it('applies a bundle as a save would: the layer byte for byte, its entry, its new sources; check accepts it', () => {
		const { bundle, layerText } = editorsBundle();
		const path = join(dir, 'newsroom-points.bundle.json');
		writeFileSync(path, bundleText(bundle));
		const applied = layer(['apply', path]);
		expect(applied.err).toEqual([]);
		expect(applied.status).toBe(0);
		expect(applied.out).toEqual([
			'wrote geodata/newsroom-points.geojson: 3 features',
			'added layers[1] "newsroom-points" (point) in geodata/layers.json',
			expect.stringMatching(/^added 2 source\(s\) to geodata\/sources\.json: kyivindependent-2025-09-05-allies-expand-lviv-logistics, newsroom-example-/),
			'checked geodata/ as the build does: no problems'
		]);
		// the round trip: what the editor showed is what geodata/ holds
		expect(readFileSync(join(root, 'newsroom-points.geojson'), 'utf8')).toBe(layerText);
		expect(JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')).layers[1]).toEqual(bundle.entry);
		const check = layer(['check']);
		expect(check.status).toBe(0);
		expect(check.out.at(-1)).toMatch(/^geodata: 2 layers, 4 features, 6 sources: no problems$/);
		// applied again, it is refused until it says it replaces
		const again = layer(['apply', path]);
		expect(again.status).toBe(1);
		expect(again.err.join('\n')).toContain('a layer "newsroom-points" already exists');
		writeFileSync(path, bundleText(editorsBundle(true).bundle));
		expect(layer(['apply', path]).status).toBe(0);
	});

	it('refuses a file that is not a bundle, naming it, and writes nothing', () => {
		const before = readFileSync(join(root, 'layers.json'), 'utf8');
		const path = join(dir, 'not-a-bundle.json');
		writeFileSync(path, '{"type": "FeatureCollection", "features": []}');
		const refused = layer(['apply', path]);
		expect(refused.status).toBe(1);
		expect(refused.err.join('\n')).toContain(`${path}: format: "ukraine-atlas-publish-bundle" expected, undefined found`);
		writeFileSync(path, '{"format": "ukraine-atlas-publish-bundle",\n "version": 1,,}');
		expect(layer(['apply', path]).err.join('\n')).toContain(`${path}:2:15: Expected double-quoted property name`);
		expect(readFileSync(join(root, 'layers.json'), 'utf8')).toBe(before);
	});

	it('--commit commits the files written, naming the layer and the editor', () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
		git('init', '--quiet');
		git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'add', '.');
		git('-c', 'user.name=Test', '-c', 'user.email=test@example.org', 'commit', '--quiet', '-m', 'start');
		git('config', 'user.name', 'Atlas Test');
		git('config', 'user.email', 'atlas@example.org');
		const path = join(dir, 'b.bundle.json');
		writeFileSync(path, bundleText(editorsBundle().bundle));
		const applied = layer(['apply', path, '--commit']);
		expect(applied.status).toBe(0);
		expect(applied.out.at(-1)).toMatch(/^committed [0-9a-f]{7,}$/);
		expect(git('log', '-1', '--format=%B')).toBe(
			'geodata: add layer newsroom-points (Liaison offices)\n\nSaved in the atlas editor by Olena Editor.\nFiles: geodata/newsroom-points.geojson, geodata/sources.json, geodata/layers.json\n\n'
		);
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
	});

	it('--commit killed as it commits: the next `apply --commit` commits what it wrote too, and HEAD passes the checks', () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
		git('init', '--quiet');
		git('config', 'user.name', 'Atlas Test');
		git('config', 'user.email', 'atlas@example.org');
		git('add', '.');
		git('commit', '--quiet', '-m', 'start');
		// fires once: kills `layer apply` (git's parent) and gives up the commit
		writeFileSync(join(dir, '.git/hooks/pre-commit'), `#!/bin/sh\nrm -f "$0"\nkill -9 $(awk '{print $4}' /proc/$PPID/stat)\nexit 1\n`, { mode: 0o755 });
		const { bundle } = editorsBundle();
		const first = join(dir, 'first.bundle.json');
		writeFileSync(first, bundleText(bundle));
		expect(layer(['apply', first, '--commit']).status).toBe(null);
		expect(git('status', '--porcelain', '--', 'geodata')).toContain('geodata/newsroom-points.geojson');
		const second = join(dir, 'second.bundle.json');
		writeFileSync(second, bundleText({ ...bundle, entry: { ...bundle.entry, id: 'second', file: 'second.geojson' } }));
		const run = layer(['apply', second, '--commit']);
		expect(run.status).toBe(0);
		// geodata/ as committed is geodata/ as it is, which passes
		expect(git('status', '--porcelain', '--', 'geodata')).toBe('');
		expect(layer(['check']).status).toBe(0);
		expect(JSON.parse(git('show', 'HEAD:geodata/layers.json')).layers.map((l: { id: string }) => l.id)).toEqual(['hubs', 'newsroom-points', 'second']);
		expect(run.out[0]).toMatch(/^recovered: an interrupted `npm run layer` \(pid \d+\) had written geodata\/newsroom-points\.geojson, /);
	});

	it('--commit keeps the editor’s name and the title to one line: no forged trailer, no cut subject', () => {
		const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });
		git('init', '--quiet');
		git('config', 'user.name', 'Atlas Test');
		git('config', 'user.email', 'atlas@example.org');
		git('add', '.');
		git('commit', '--quiet', '-m', 'start');
		const { bundle } = editorsBundle();
		const forged = {
			...bundle,
			editor: 'Olena\n\nCo-authored-by: Mallory <m@evil.example>\r\nSigned-off-by: Mallory <m@evil.example>',
			entry: { ...bundle.entry, title: 'Liaison\noffices' }
		};
		const path = join(dir, 'forged.bundle.json');
		writeFileSync(path, bundleText(forged));
		expect(layer(['apply', path, '--commit']).status).toBe(0);
		expect(git('log', '-1', '--format=%(trailers)').trim()).toBe('');
		expect(git('log', '-1', '--format=%s')).toBe('geodata: add layer newsroom-points (Liaison offices)\n');
		expect(git('log', '-1', '--format=%b')).toMatch(
			/^Saved in the atlas editor by Olena Co-authored-by: Mallory <m@evil\.example> Signed-off-by: Mallory <m@evil\.example>\.\nFiles: /
		);
	});

	it('`add` names the line and column of JSON that does not parse and shows the line with a caret', () => {
		const added = layer(['add', 'tests/fixtures/editor/unreadable.geojson', '--title', 'Depots', '--kind', 'point']);
		expect(added.status).toBe(1);
		expect(added.err).toEqual([
			'tests/fixtures/editor/unreadable.geojson has 1 problem(s); nothing was written:',
			"  tests/fixtures/editor/unreadable.geojson:7:7: Expected ',' or '}' after property value",
			'    7 |       "geometry": { "type": "Point", "coordinates": [24.03, 49.84] }',
			'              ^'
		]);
	});
});
