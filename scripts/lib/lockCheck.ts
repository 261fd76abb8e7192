// What `npm run deps` checks in package-lock.json, offline: `npm audit` needs the registry's
// advisory service (it answered 405 here), but whether the install is pinned, verified and free of
// steps that download at install time can be read from the lock file alone.
import { problem, type Problem } from '../../src/lib/manifest/errors';

/**
 * Packages allowed an install script, each with why. esbuild's postinstall checks that its
 * platform's binary, a package of its own in the lock (@esbuild/linux-x64 and the like), is
 * installed; it downloads only when that package is missing, which `npm ci` from this lock never leaves.
 */
export const INSTALL_SCRIPTS_ALLOWED: Record<string, string> = {
	esbuild: 'checks its platform binary, installed from the lock as @esbuild/<platform>'
};

type LockEntry = { version?: string; resolved?: string; integrity?: string; link?: boolean; hasInstallScript?: boolean };
type Lock = { lockfileVersion?: number; packages?: Record<string, LockEntry & Record<string, unknown>> };
type Manifest = { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };

const FILE = 'package-lock.json';

/**
 * The lock's problems: every package pinned to a version with a sha512 integrity hash, fetched
 * from a registry tarball over https (no git, file or plain-http source), no install script
 * beyond INSTALL_SCRIPTS_ALLOWED, and every dependency of package.json locked as declared.
 *
 * @example
 * checkLock(JSON.parse(lockText), JSON.parse(packageText)) // [] when the install is sound
 */
export function checkLock(lock: Lock, manifest: Manifest): Problem[] {
	if (typeof lock.lockfileVersion !== 'number' || lock.lockfileVersion < 2 || typeof lock.packages !== 'object' || lock.packages === null)
		return [
			problem(FILE, 'lockfileVersion', `2 or 3 expected (npm 7 and later), ${JSON.stringify(lock.lockfileVersion)} found: run npm install with a current npm`)
		];
	const problems: Problem[] = [];
	for (const [path, entry] of Object.entries(lock.packages)) {
		if (path === '' || entry.link) continue;
		const at = (field: string, message: string) => problems.push(problem(FILE, `packages["${path}"]${field ? `.${field}` : ''}`, message));
		const name = path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
		if (typeof entry.version !== 'string' || !/^\d+\.\d+\.\d+/.test(entry.version))
			at('version', `an exact version expected, ${JSON.stringify(entry.version)} found`);
		if (typeof entry.integrity !== 'string' || !entry.integrity.startsWith('sha512-'))
			at('integrity', `a sha512 hash expected, ${JSON.stringify(entry.integrity)} found: without it npm cannot verify what it downloads`);
		if (entry.resolved !== undefined && !/^https:\/\/[^/]+\/.+\.tgz$/.test(entry.resolved))
			at(
				'resolved',
				`a registry tarball over https expected, ${JSON.stringify(entry.resolved)} found (a git, file or http source is not verified the same way)`
			);
		if (entry.hasInstallScript && !Object.hasOwn(INSTALL_SCRIPTS_ALLOWED, name))
			at(
				'hasInstallScript',
				`${name} runs a script at install time (it may download what the lock does not pin): allow it in scripts/lib/lockCheck.ts with why, or choose another package`
			);
	}
	const root = lock.packages[''] as Manifest | undefined;
	for (const field of ['dependencies', 'devDependencies'] as const)
		for (const [name, spec] of Object.entries(manifest[field] ?? {})) {
			if (root?.[field]?.[name] !== spec)
				problems.push(
					problem(
						FILE,
						`packages[""].${field}.${name}`,
						`${JSON.stringify(spec)} in package.json, ${JSON.stringify(root?.[field]?.[name])} in the lock: run npm install`
					)
				);
			else if (!lock.packages[`node_modules/${name}`]) problems.push(problem(FILE, `packages["node_modules/${name}"]`, 'not in the lock: run npm install'));
		}
	return problems;
}
