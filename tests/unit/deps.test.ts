import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkLock } from '../../scripts/lib/lockCheck';
import { formatProblem } from '../../src/lib/manifest/errors';

// `npm audit` needs the registry's advisory service, which answered 405 here; what the lock file
// alone can say is checked offline, on every run of CI.
const lock = JSON.parse(readFileSync('package-lock.json', 'utf8'));
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));
/** The real lock with one package entry changed. */
const withEntry = (path: string, change: Record<string, unknown>) => ({
	...lock,
	packages: { ...lock.packages, [path]: { ...lock.packages[path], ...change } }
});

describe('the lock file, checked offline', () => {
	it('passes as it is: every package pinned with a sha512 hash, install scripts only where allowed', () => {
		expect(checkLock(lock, manifest)).toEqual([]);
	});

	it('refuses a package without its hash, from git or plain http, or with an install script not allowed', () => {
		const path = 'node_modules/papaparse';
		expect(checkLock(withEntry(path, { integrity: undefined }), manifest).map(formatProblem)).toEqual([
			'package-lock.json: packages["node_modules/papaparse"].integrity: a sha512 hash expected, undefined found: without it npm cannot verify what it downloads'
		]);
		for (const resolved of ['git+ssh://git@example.org/papaparse.git#abc', 'http://example.org/papaparse-5.0.0.tgz', 'file:../papaparse'])
			expect(checkLock(withEntry(path, { resolved }), manifest).map((p) => p.field)).toEqual([`packages["${path}"].resolved`]);
		expect(checkLock(withEntry(path, { hasInstallScript: true }), manifest).map(formatProblem)).toEqual([
			'package-lock.json: packages["node_modules/papaparse"].hasInstallScript: papaparse runs a script at install time (it may download what the lock does not pin): allow it in scripts/lib/lockCheck.ts with why, or choose another package'
		]);
	});

	it('refuses a dependency of package.json that the lock does not hold as declared', () => {
		const added = { ...manifest, dependencies: { ...manifest.dependencies, 'left-pad': '^1.3.0' } };
		expect(checkLock(lock, added).map((p) => p.field)).toEqual(['packages[""].dependencies.left-pad']);
	});

	it('is `npm run deps`: exit 0 on the lock as it is, 1 naming the place on a broken one', () => {
		const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', 'scripts/deps.ts', ...args], { encoding: 'utf8' });
		const ok = run();
		expect(ok.status).toBe(0);
		expect(ok.stdout).toMatch(/^package-lock\.json: \d+ packages, each pinned with a sha512 hash; install scripts only from esbuild: no problems\n$/);
		const dir = mkdtempSync(join(tmpdir(), 'atlas-deps-'));
		try {
			writeFileSync(join(dir, 'lock.json'), JSON.stringify(withEntry('node_modules/papaparse', { integrity: 'sha1-abc' })));
			const broken = run('--lock', join(dir, 'lock.json'));
			expect(broken.status).toBe(1);
			expect(broken.stderr).toContain('packages["node_modules/papaparse"].integrity: a sha512 hash expected, "sha1-abc" found');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}, 30_000);
});
