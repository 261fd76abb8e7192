// Commits what a save wrote, so the newsroom's CI builds and deploys it as any other change. Only
// the files written are committed (whatever else is staged stays staged), with a message naming
// the layer and the editor.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
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

/** The commit's message: the subject names the layer, the body the editor, each on one line. */
export function commitMessage(layer: { id: string; title: string; replaced: boolean; editor?: string }, written: string[]): string {
	const subject = `geodata: ${layer.replaced ? 'update' : 'add'} layer ${layer.id} (${oneLine(layer.title, 200)})`.slice(0, 72);
	const editor = oneLine(layer.editor ?? '', 100);
	const by = editor ? `Saved in the atlas editor by ${editor}.` : 'Saved in the atlas editor.';
	return `${subject}\n\n${by}\nFiles: ${written.map((f) => `geodata/${f}`).join(', ')}\n`;
}

/**
 * Commits `written` (names inside `root`) and returns the new commit's short hash.
 * Throws with git's own words when git refuses (no user.name configured, a hook failing).
 */
export async function commitWritten(root: string, written: string[], message: string): Promise<string> {
	const paths = written.map((name) => join(root, name));
	await run('git', ['add', '--', ...paths], { cwd: root });
	// --only: the paths given and nothing else that happens to be staged
	await run('git', ['commit', '--only', '--quiet', '-m', message, '--', ...paths], { cwd: root });
	const { stdout } = await run('git', ['rev-parse', '--short', 'HEAD'], { cwd: root });
	return stdout.trim();
}
