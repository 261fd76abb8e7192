// `npm run deps`: checks package-lock.json offline (scripts/lib/lockCheck.ts) and exits 1 on any
// problem. `npm audit`, for known vulnerabilities, needs the registry's advisory service: CI with
// the public registry runs it as well (see the README).
//
//   npm run deps [-- --lock package-lock.json --package package.json]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { formatProblem } from '../src/lib/manifest/errors';
import { checkLock, INSTALL_SCRIPTS_ALLOWED } from './lib/lockCheck';

const repo = new URL('..', import.meta.url).pathname;
const { values } = parseArgs({ options: { lock: { type: 'string' }, package: { type: 'string' } } });
const read = (path: string) => JSON.parse(readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), path), 'utf8'));
const lock = read(values.lock ?? resolve(repo, 'package-lock.json'));
const problems = checkLock(lock, read(values.package ?? resolve(repo, 'package.json')));
if (problems.length > 0) {
	console.error(`package-lock.json has ${problems.length} problem(s):`);
	for (const p of problems) console.error(`  ${formatProblem(p)}`);
	process.exit(1);
}
const count = Object.keys(lock.packages).length - 1;
console.log(
	`package-lock.json: ${count} packages, each pinned with a sha512 hash; install scripts only from ${Object.keys(INSTALL_SCRIPTS_ALLOWED).join(', ')}: no problems`
);
