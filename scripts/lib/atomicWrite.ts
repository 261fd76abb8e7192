// Writes several files in one directory so that a reader sees all the new ones or all the old
// ones. Each rename is atomic on its own; the journal makes the set atomic: it is created before
// anything else (and doubles as a lock), names every temporary file and backup, and is removed
// last. A run killed half-way leaves the journal behind, and `recoverInterruptedWrite` (which the
// layer command runs first) finishes or undoes the write by looking at what is on disk. The
// journal names the process writing (pid, host, boot): while that process runs its write is live,
// not interrupted, and nobody else may touch it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { copyFile, link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { problem, type Problem } from '../../src/lib/manifest/errors';

export const JOURNAL = '.layer-journal';

/** Called after each step with its name, so a test can interrupt the write there. */
export type StepHook = (step: 'journal-written' | 'temps-written' | `renamed-${number}`) => void | Promise<void>;

type Entry = { name: string; temp: string; backup: string; existed: boolean; sha256: string };

/** Who is writing: a pid means nothing on another machine, or on this one after a reboot. `by`: what it is, for people. */
type Writer = { pid: number; host: string; boot?: string; by?: string };

function bootId(): string | undefined {
	try {
		return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
	} catch {
		return undefined;
	}
}

const thisWriter = (by: string): Writer => ({ pid: process.pid, host: hostname(), boot: bootId(), by });
const LAYER_COMMAND = '`npm run layer`';

/**
 * The folders whose journal this process holds: a write under way, or a whole read-check-write
 * (`lockGeodata`). A journal of its own anywhere else is one it failed to clear, not a live write.
 */
const held = new Map<string, Holder>();
/** Who holds a folder's journal, and what it carries: files written but not committed yet, by it or by a save killed before its commit. */
type Holder = { by: string; commits: boolean; uncommitted: string[] };

/** Whether this process holds `dir`'s journal (a journal it holds is no interrupted write). */
export const holdsJournal = (dir: string) => held.has(resolve(dir));

/** Whether the process a journal names may still be writing in `dir`. Journals from before pids were recorded are never live. */
function isRunning(writer: Partial<Writer>, dir: string): boolean {
	if (typeof writer.pid !== 'number') return false;
	// another machine's process cannot be looked at from here: it may well be running
	if (writer.host !== hostname()) return true;
	if (writer.boot !== undefined && writer.boot !== bootId()) return false;
	// this very process (the editor's server, which outlives its saves) knows whether it is writing
	if (writer.pid === process.pid) return held.has(resolve(dir));
	try {
		process.kill(writer.pid, 0);
		return true;
	} catch (error) {
		// EPERM: it runs, as another user
		return (error as NodeJS.ErrnoException).code !== 'ESRCH';
	}
}

function liveWriteProblem(writer: Partial<Writer>): Problem {
	const who = `pid ${writer.pid}${writer.host === hostname() ? '' : ` on ${writer.host}`}`;
	return problem(`geodata/${JOURNAL}`, '', `another ${writer.by ?? LAYER_COMMAND} (${who}) is writing geodata/: wait for it or stop it`);
}

async function readJournal(dir: string): Promise<(Partial<Writer> & { files: Entry[]; started?: string; uncommitted?: string[] }) | null> {
	try {
		return JSON.parse(await readFile(join(dir, JOURNAL), 'utf8'));
	} catch {
		return null;
	}
}

/** Whether `dir` holds a journal of a write that is not finished (one naming only files to commit is none). */
export async function unfinishedWrite(dir: string): Promise<boolean> {
	if (!existsSync(join(dir, JOURNAL))) return false;
	const journal = await readJournal(dir);
	return !journal || !Array.isArray(journal.files) || journal.files.length > 0;
}

/** The write under way in `dir` by a process still running, as a problem; null when there is none. */
async function liveWrite(dir: string): Promise<Problem | null> {
	const journal = await readJournal(dir);
	return journal && isRunning(journal, dir) ? liveWriteProblem(journal) : null;
}

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
	// inside a command's lock the journal is this process's already: it now names the files
	const locked = held.get(resolve(dir));
	// short names of their own, whatever the files are called: a temporary name built from a long
	// file name passed the 255 bytes a name may have, and the write failed half-way
	const entries: Entry[] = files.map(({ name, content }, i) => ({
		name,
		temp: `.write-${tag}-${i}.tmp`,
		backup: `.write-${tag}-${i}.bak`,
		existed: existsSync(join(dir, name)),
		sha256: sha256(content)
	}));
	if (locked !== undefined) await publishJournal(dir, entries, locked, 'replace');
	else {
		try {
			await publishJournal(dir, entries, { by: LAYER_COMMAND, commits: false, uncommitted: [] }, 'create');
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const journal = await readJournal(dir);
			const live = journal && isRunning(journal, dir) ? liveWriteProblem(journal).message : 'another write is under way or was interrupted';
			throw new Error(`${join(dir, JOURNAL)} exists: ${live}`, { cause: error });
		}
		held.set(resolve(dir), { by: LAYER_COMMAND, commits: false, uncommitted: [] });
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
		await rollBack(dir, entries, locked).catch((undone: Error) => {
			// the journal stays, naming what to put back: the next command (or save) finishes the undoing
			throw new Error(`${(error as Error).message}; undoing it failed too (${undone.message}): the next \`npm run layer\` will undo it`, { cause: error });
		});
		throw error;
	} finally {
		if (locked === undefined) held.delete(resolve(dir));
	}
	// written: under a save's lock, to commit next (and, should it be killed first, by the next save)
	if (locked?.commits) locked.uncommitted = [...new Set([...locked.uncommitted, ...files.map((f) => f.name)])];
	await cleanUp(dir, entries, locked);
}

/**
 * The journal, written whole under a name of its own, then put in place: a reader never sees one
 * half-written. `create` links it, which fails when a journal exists (another write is under way,
 * or was interrupted); `replace` renames it over the one this process holds.
 */
async function publishJournal(dir: string, files: Entry[], holder: Holder, how: 'create' | 'replace') {
	const draft = join(dir, `${JOURNAL}.${process.pid}-${Date.now().toString(36)}.tmp`);
	const uncommitted = holder.uncommitted.length ? { uncommitted: holder.uncommitted } : {};
	await writeDurably(draft, JSON.stringify({ started: new Date().toISOString(), ...thisWriter(holder.by), files, ...uncommitted }, null, '\t'));
	try {
		if (how === 'create') await link(draft, join(dir, JOURNAL));
		else await rename(draft, join(dir, JOURNAL));
	} finally {
		await removeIfThere(draft);
	}
}

/** The end of a write: the journal goes, or under a command's lock it names no file any more (and what is still to commit). */
async function endJournal(dir: string, locked: Holder | undefined) {
	if (locked === undefined) await removeIfThere(join(dir, JOURNAL));
	else await publishJournal(dir, [], locked, 'replace');
}

/**
 * A command's hold on geodata/ from its first read to its last write (and commit). `uncommitted`:
 * what a committing holder is to commit, its own writes and what a save killed before its commit
 * wrote; `release({ committed: false })` leaves them in the journal for the next save to commit.
 */
export type GeodataLock = { uncommitted: () => string[]; release: (options?: { committed?: boolean }) => Promise<void> };

/** What a save killed between its write and its commit left uncommitted: its files, and when it started. */
export type Uncommitted = { files: string[]; since: string; pid?: number };

/**
 * Holds geodata/ for one whole command or save: the journal is taken before the manifest is read
 * and given back after the last write, so no other writer reads a manifest about to change. A
 * writer holding it is waited for up to `waitMs`, then returned as `busy`; an interrupted write
 * found on the way is finished or undone first (`recovered` says how). `by` names this writer in
 * what another one is told.
 *
 * @example
 * const held = await lockGeodata('geodata', { waitMs: 15_000, by: '`npm run layer`' });
 * if ('lock' in held) try { … } finally { await held.lock.release(); }
 */
export async function lockGeodata(
	dir: string,
	options: { waitMs?: number; by?: string; commits?: boolean } = {}
): Promise<{ lock: GeodataLock; recovered?: string; uncommitted?: Uncommitted } | { busy: Problem } | { stuck: Problem }> {
	const { waitMs = 0, by = LAYER_COMMAND, commits = false } = options;
	const giveUpAt = Date.now() + waitMs;
	let recovered: string | undefined;
	let uncommitted: Uncommitted | undefined;
	for (;;) {
		// what an interrupted save left to commit stays in the journal until a save commits it
		const holder: Holder = { by, commits, uncommitted: uncommitted?.files ?? [] };
		try {
			await publishJournal(dir, [], holder, 'create');
			held.set(resolve(dir), holder);
			const release = async ({ committed = true }: { committed?: boolean } = {}) => {
				held.delete(resolve(dir));
				const journal = await readJournal(dir);
				// a journal still naming files is a write whose undoing failed: it stays for the next writer to undo;
				// one naming files to commit stays until a save has committed them
				const pending = (journal?.uncommitted?.length ?? 0) > 0 && !(commits && committed);
				if (journal?.files.length === 0 && !pending) await removeIfThere(join(dir, JOURNAL));
			};
			return { lock: { release, uncommitted: () => holder.uncommitted }, ...(recovered ? { recovered } : {}), ...(uncommitted ? { uncommitted } : {}) };
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		}
		const recovery = await recoverInterruptedWrite(dir, { waitMs: Math.max(0, giveUpAt - Date.now()) });
		if (recovery && !('recovered' in recovery)) return recovery;
		if (recovery) recovered = recovery.recovered;
		if (recovery?.uncommitted) uncommitted = recovery.uncommitted;
	}
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
		// a name too long to be a file's (from a journal of before temporary names were short) names none
		if (!['ENOENT', 'ENAMETOOLONG'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
	}
}

async function cleanUp(dir: string, entries: Entry[], locked?: Holder) {
	for (const entry of entries) {
		await removeIfThere(join(dir, entry.temp));
		await removeIfThere(join(dir, entry.backup));
	}
	await endJournal(dir, locked);
}

/**
 * Puts every file back as it was; returns what it did, one line a file. Every file is tried, even
 * after one fails; the journal goes only when all are back, else this throws naming what failed.
 */
async function rollBack(dir: string, entries: Entry[], locked?: Holder): Promise<string[]> {
	const done: string[] = [];
	const failed: string[] = [];
	for (const entry of entries) {
		try {
			done.push(await putBack(dir, entry));
		} catch (error) {
			failed.push(`${entry.name}: ${(error as Error).message}`);
		}
	}
	if (failed.length > 0) throw new Error(`not put back: ${failed.join('; ')}`);
	await endJournal(dir, locked);
	return done;
}

async function putBack(dir: string, entry: Entry): Promise<string> {
	const target = join(dir, entry.name);
	const backup = join(dir, entry.backup);
	let done = `${entry.name} untouched`;
	if (entry.existed && existsSync(backup)) {
		// rename() between two links to one file does nothing: the target was never replaced
		const untouched = existsSync(target) && (await stat(backup)).ino === (await stat(target)).ino;
		if (untouched) await unlink(backup);
		else await rename(backup, target);
		done = `${entry.name} ${untouched ? 'untouched' : 'restored'}`;
	} else if (!entry.existed && existsSync(target) && sha256(await readFile(target)) === entry.sha256) {
		await unlink(target);
		done = `${entry.name} removed (it was new)`;
	}
	await removeIfThere(join(dir, entry.temp));
	return done;
}

/** What recovery did: a sentence, the live write it left alone, or what it could not undo; null when there was no journal. */
export type Recovery = { recovered: string; uncommitted?: Uncommitted } | { busy: Problem } | { stuck: Problem } | null;

/**
 * Finishes what an interrupted `writeFilesAtomically` left: when every file already has its new
 * content only the leftovers go, otherwise every file is put back as it was. A write whose process
 * still runs is live, not interrupted: it is waited for up to `waitMs`, then left alone and
 * returned as `busy`.
 */
export async function recoverInterruptedWrite(dir: string, options: { waitMs?: number; keepUncommitted?: boolean } = {}): Promise<Recovery> {
	const { waitMs = 0, keepUncommitted = false } = options;
	const journal = join(dir, JOURNAL);
	const giveUpAt = Date.now() + waitMs;
	for (let busy = await liveWrite(dir); busy; busy = await liveWrite(dir)) {
		if (Date.now() >= giveUpAt) return { busy };
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	if (!existsSync(journal)) return null;
	const read = await readJournal(dir);
	if (!read) {
		// a journal cut short (written in place before journals were linked whole): nothing else had been touched yet
		await unlink(journal);
		return { recovered: 'an interrupted write had not started: nothing to undo' };
	}
	const entries = read.files;
	if (entries.length === 0) {
		// a command held geodata/ and was stopped before it wrote, or after it had written everything
		const files = read.uncommitted ?? [];
		const written = `an interrupted ${read.by ?? 'save'} (pid ${read.pid}) had written ${files.map((f) => `geodata/${f}`).join(', ')} and not committed them`;
		// a reader (`check`) leaves the list for the next save, which commits it
		if (files.length > 0 && keepUncommitted) return { recovered: `${written}: the next save commits them` };
		await removeIfThere(journal);
		if (files.length === 0) return { recovered: 'an interrupted command had nothing left to finish or undo' };
		return { recovered: written, uncommitted: { files, since: String(read.started ?? ''), pid: read.pid } };
	}
	try {
		const finished = await Promise.all(entries.map(async (e) => existsSync(join(dir, e.name)) && sha256(await readFile(join(dir, e.name))) === e.sha256));
		if (finished.every(Boolean)) {
			await cleanUp(dir, entries);
			return { recovered: `an interrupted write had finished (${entries.map((e) => e.name).join(', ')}): cleaned up` };
		}
		return { recovered: `an interrupted write was undone: ${(await rollBack(dir, entries)).join(', ')}` };
	} catch (error) {
		return {
			stuck: problem(
				`geodata/${JOURNAL}`,
				'',
				`an interrupted write could not be finished or undone (${(error as Error).message}): put back the files it names by hand, then remove it`
			)
		};
	}
}
