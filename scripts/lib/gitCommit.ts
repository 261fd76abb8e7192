// Commits what a save wrote, so the newsroom's CI builds and deploys it as any other change. Only
// the files written are committed (whatever else is staged stays staged), with a message naming
// the layer and the editor.
import { execFile } from 'node:child_process';
import { readdir, readFile, readlink, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether `dir` is inside a git work tree (git installed and the folder under version control). */
export async function inGitWorkTree(dir: string): Promise<boolean> {
	try {
		const { stdout } = await run('git', ['rev-parse', '--is-inside-work-tree'], { cwd: dir });
		return stdout.trim() === 'true';
	} catch {
		return false;
	}
}

/**
 * Text from a page or a bundle as one line of a commit message: a line break (or any control or
 * separator character) in an editor's name added `Co-authored-by:` and `Signed-off-by:` trailers,
 * and one in a title cut the subject.
 */
const oneLine = (text: string, max: number) =>
	text
		.replace(/[\p{Cc}\p{Zl}\p{Zp}\s]+/gu, ' ')
		.trim()
		.slice(0, max);

/**
 * The commit's message: the subject names the layer, the body the editor, each on one line.
 * `carried`: files an interrupted save wrote and never committed, committed with this one (with no
 * layer of its own, when this save wrote nothing).
 */
export function commitMessage(
	layer: { id: string; title: string; replaced: boolean; editor?: string } | null,
	written: string[],
	carried: string[] = []
): string {
	const files = (names: string[]) => names.map((f) => `geodata/${f}`).join(', ');
	const also = carried.length ? `\nAlso what an interrupted save wrote and did not commit: ${files(carried)}.` : '';
	if (!layer) return `geodata: commit what an interrupted save wrote\n\nFiles: ${files(written)}\n`;
	const subject = `geodata: ${layer.replaced ? 'update' : 'add'} layer ${layer.id} (${oneLine(layer.title, 200)})`.slice(0, 72);
	const editor = oneLine(layer.editor ?? '', 100);
	const by = editor ? `Saved in the atlas editor by ${editor}.` : 'Saved in the atlas editor.';
	return `${subject}\n\n${by}${also}\nFiles: ${files(written)}\n`;
}

/** Where git's index lock is for the work tree `root` is in (a worktree has its own). */
async function indexLockOf(root: string): Promise<string> {
	const { stdout } = await run('git', ['rev-parse', '--git-path', 'index.lock'], { cwd: root });
	return resolve(root, stdout.trim());
}

/** Whether a git process runs in the repository `root` is in (Linux: /proc); null where that cannot be seen. */
async function gitRunning(root: string): Promise<boolean | null> {
	const pids = await readdir('/proc').catch(() => null);
	if (pids === null) return null;
	const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: root });
	const top = stdout.trim();
	for (const pid of pids.filter((name) => /^\d+$/.test(name))) {
		if ((await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() !== 'git') continue;
		// a git killed and not yet reaped (a zombie) runs no more
		if (/^\d+ \(.*\) Z/.test(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''))) continue;
		const cwd = await readlink(`/proc/${pid}/cwd`).catch(() => null);
		// a git whose folder cannot be seen may be this repository's
		if (cwd === null || cwd === top || cwd.startsWith(`${top}/`)) return true;
	}
	return false;
}

/**
 * Removes git's index lock when it was left by a save that was killed while committing: it dates
 * from after that save started (`since`), and no git process runs now. Returns what it did, in a
 * sentence, or null when there was no lock or it may be another git's (then the commit says so).
 */
export async function clearStaleIndexLock(root: string, since: string, pid?: number): Promise<string | null> {
	const lock = await indexLockOf(root);
	const info = await stat(lock).catch(() => null);
	if (!info || !(info.mtimeMs >= Date.parse(since) - 1_000)) return null;
	if ((await gitRunning(root)) !== false) return null;
	await unlink(lock);
	return `removed ${lock}, left by the interrupted save (pid ${pid}) while it committed`;
}

/**
 * Commits `written` (names inside `root`) and returns the new commit's short hash.
 * Throws with git's own words when git refuses (no user.name configured, a hook failing), and
 * says what to do when git's index is locked (another git runs, or one was killed).
 */
export async function commitWritten(root: string, written: string[], message: string): Promise<string> {
	const lock = await indexLockOf(root);
	const locked = await stat(lock).catch(() => null);
	if (locked)
		throw new Error(
			`${lock} exists (since ${locked.mtime.toISOString()}): another git command is running, or one was stopped half-way; if none is running, remove the file (the next save commits what this one wrote)`
		);
	const paths = written.map((name) => join(root, name));
	await run('git', ['add', '--', ...paths], { cwd: root });
	// --only: the paths given and nothing else that happens to be staged
	await run('git', ['commit', '--only', '--quiet', '-m', message, '--', ...paths], { cwd: root });
	const { stdout } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root });
	return stdout.trim();
}
