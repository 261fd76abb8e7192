// Writes several files in one directory so that a reader sees all the new ones or all the old
// ones. Each rename is atomic on its own; the journal makes the set atomic: it is created before
// anything else (and doubles as a lock), names every temporary file and backup, and is removed
// last. A run killed half-way leaves the journal behind, and `recoverInterruptedWrite` (which the
// layer command runs first) finishes or undoes the write by looking at what is on disk.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export const JOURNAL = '.layer-journal';

/** Called after each step with its name, so a test can interrupt the write there. */
export type StepHook = (step: 'journal-written' | 'temps-written' | `renamed-${number}`) => void | Promise<void>;

type Entry = { name: string; temp: string; backup: string; existed: boolean; sha256: string };

const sha256 = (content: string | Buffer) => createHash('sha256').update(content).digest('hex');

async function writeDurably(path: string, content: string, flag = 'w') {
	const handle = await open(path, flag);
	try {
		await handle.writeFile(content);
		await handle.sync();
	} finally {
		await handle.close();
	}
}

/**
 * Replaces or creates `files` (names inside `dir`) together. Renames happen in the order given, so
 * put the file others point into (the manifest) last. On an error every file is put back as it
 * was before the error is rethrown.
 *
 * @example
 * await writeFilesAtomically('geodata', [{ name: 'x.geojson', content }, { name: 'layers.json', content: manifest }]);
 */
export async function writeFilesAtomically(dir: string, files: { name: string; content: string }[], options: { onStep?: StepHook } = {}): Promise<void> {
	const { onStep = () => {} } = options;
	const tag = `${process.pid}-${Date.now().toString(36)}`;
	const entries: Entry[] = files.map(({ name, content }) => ({
		name,
		temp: `.${name}.${tag}.tmp`,
		backup: `.${name}.${tag}.bak`,
		existed: existsSync(join(dir, name)),
		sha256: sha256(content)
	}));
	try {
		// 'wx' fails when a journal exists: another write is under way, or one was interrupted
		await writeDurably(join(dir, JOURNAL), JSON.stringify({ started: new Date().toISOString(), files: entries }, null, '\t'), 'wx');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'EEXIST')
			throw new Error(`${join(dir, JOURNAL)} exists: another write is under way or was interrupted`, { cause: error });
		throw error;
	}
	try {
		await onStep('journal-written');
		for (const [i, entry] of entries.entries()) await writeDurably(join(dir, entry.temp), files[i].content);
		for (const entry of entries) if (entry.existed) await keepBackup(dir, entry);
		await onStep('temps-written');
		for (const [i, entry] of entries.entries()) {
			await rename(join(dir, entry.temp), join(dir, entry.name));
			await onStep(`renamed-${i + 1}`);
		}
	} catch (error) {
		await rollBack(dir, entries);
		throw error;
	}
	await cleanUp(dir, entries);
}

// a hard link costs nothing and keeps the old content under a second name until the end
async function keepBackup(dir: string, entry: Entry) {
	try {
		await link(join(dir, entry.name), join(dir, entry.backup));
	} catch {
		await copyFile(join(dir, entry.name), join(dir, entry.backup));
	}
}

async function removeIfThere(path: string) {
	try {
		await unlink(path);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
	}
}

async function cleanUp(dir: string, entries: Entry[]) {
	for (const entry of entries) {
		await removeIfThere(join(dir, entry.temp));
		await removeIfThere(join(dir, entry.backup));
	}
	await removeIfThere(join(dir, JOURNAL));
}

/** Puts every file back as it was; returns what it did, one line a file. */
async function rollBack(dir: string, entries: Entry[]): Promise<string[]> {
	const done: string[] = [];
	for (const entry of entries) {
		const target = join(dir, entry.name);
		const backup = join(dir, entry.backup);
		if (entry.existed && existsSync(backup)) {
			// rename() between two links to one file does nothing: the target was never replaced
			const untouched = existsSync(target) && (await stat(backup)).ino === (await stat(target)).ino;
			if (untouched) await unlink(backup);
			else await rename(backup, target);
			done.push(`${entry.name} ${untouched ? 'untouched' : 'restored'}`);
		} else if (!entry.existed && existsSync(target) && sha256(await readFile(target)) === entry.sha256) {
			await unlink(target);
			done.push(`${entry.name} removed (it was new)`);
		} else done.push(`${entry.name} untouched`);
		await removeIfThere(join(dir, entry.temp));
	}
	await removeIfThere(join(dir, JOURNAL));
	return done;
}

/**
 * Finishes what an interrupted `writeFilesAtomically` left: when every file already has its new
 * content only the leftovers go, otherwise every file is put back as it was. Returns a sentence
 * saying what it did, or null when there was nothing to recover.
 */
export async function recoverInterruptedWrite(dir: string): Promise<string | null> {
	const journal = join(dir, JOURNAL);
	if (!existsSync(journal)) return null;
	let entries: Entry[];
	try {
		entries = JSON.parse(await readFile(journal, 'utf8')).files;
	} catch {
		// a journal cut short was being written when the run stopped: nothing else had been touched yet
		await unlink(journal);
		return 'an interrupted write had not started: nothing to undo';
	}
	const finished = await Promise.all(entries.map(async (e) => existsSync(join(dir, e.name)) && sha256(await readFile(join(dir, e.name))) === e.sha256));
	if (finished.every(Boolean)) {
		await cleanUp(dir, entries);
		return `an interrupted write had finished (${entries.map((e) => e.name).join(', ')}): cleaned up`;
	}
	return `an interrupted write was undone: ${(await rollBack(dir, entries)).join(', ')}`;
}
