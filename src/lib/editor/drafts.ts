// Drafts kept in the browser's IndexedDB, so a reload or a crashed tab loses nothing. The form
// and the dropped file are stored apart: typing a title rewrites a small record, never 50 MB.
// Every tab of the editor shares them: each write is announced on a BroadcastChannel, and a
// draft's revision, read and raised inside the write's own transaction, keeps one tab from
// writing over another's work or bringing back a draft another tab discarded.
import { openDB, type DBSchema, type IDBPDatabase, type IDBPTransaction, type StoreNames } from 'idb';
import type { Draft } from './draftLayer';

interface DraftsDB extends DBSchema {
	drafts: { key: string; value: Draft };
	files: { key: string; value: Blob };
}

let db: Promise<IDBPDatabase<DraftsDB>> | null = null;
const open = () =>
	(db ??= openDB<DraftsDB>('atlas-editor', 1, {
		upgrade(database) {
			database.createObjectStore('drafts', { keyPath: 'key' });
			database.createObjectStore('files');
		}
	}));

/** A draft's revision: raised by one at each write (drafts kept before revisions count as 0). */
export const revisionOf = (draft: Draft | undefined): number => draft?.revision ?? 0;

/** What another tab did to a draft. */
export type DraftChange = { key: string; change: 'kept' | 'discarded' };

// one channel a tab: a BroadcastChannel never hears its own messages, so a tab hears only the others
let channel: BroadcastChannel | null = null;
const tabs = () => (channel ??= new BroadcastChannel('atlas-editor-drafts'));

/** Calls `listener` with each change another tab of the editor makes; returns the unsubscribe. */
export function watchDrafts(listener: (change: DraftChange) => void): () => void {
	const onMessage = (event: MessageEvent<DraftChange>) => listener(event.data);
	tabs().addEventListener('message', onMessage);
	return () => tabs().removeEventListener('message', onMessage);
}

/**
 * Runs `work` in one readwrite transaction and resolves once it has committed. A transaction that
 * fails throws its own error (QuotaExceededError when storage is full), not its requests' AbortError.
 */
async function write<T>(stores: StoreNames<DraftsDB>[], work: (tx: IDBPTransaction<DraftsDB, StoreNames<DraftsDB>[], 'readwrite'>) => Promise<T>): Promise<T> {
	const tx = (await open()).transaction(stores, 'readwrite');
	try {
		const [result] = await Promise.all([work(tx), tx.done]);
		return result;
	} catch (error) {
		throw tx.error ?? error;
	}
}

/** Every draft, the most recently edited first. */
export async function listDrafts(): Promise<Draft[]> {
	const all = await (await open()).getAll('drafts');
	return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function getDraft(key: string): Promise<Draft | undefined> {
	return (await open()).get('drafts', key);
}

/** A new draft with its file, written together, at revision 0. */
export async function createDraft(draft: Draft, file: Blob): Promise<Draft> {
	const kept = { ...draft, revision: 0 };
	await write(['drafts', 'files'], (tx) => Promise.all([tx.objectStore('files').put(file, draft.key), tx.objectStore('drafts').put(kept)]));
	tabs().postMessage({ key: draft.key, change: 'kept' } satisfies DraftChange);
	return kept;
}

/** A draft of its own, with the file of the draft `fileOf` (two tabs' versions of one draft). */
export async function copyDraft(draft: Draft, fileOf: string): Promise<Draft> {
	const kept = { ...draft, revision: 0 };
	await write(['drafts', 'files'], async (tx) => {
		const file = await tx.objectStore('files').get(fileOf);
		if (!file) throw new Error(`the file of ${draft.fileName} is no longer in the browser`);
		await Promise.all([tx.objectStore('files').put(file, draft.key), tx.objectStore('drafts').put(kept)]);
	});
	tabs().postMessage({ key: draft.key, change: 'kept' } satisfies DraftChange);
	return kept;
}

/**
 * `kept`: written at the next revision. `changed`: another tab wrote it after `draft.revision`,
 * so nothing was written. `discarded`: it is no longer there, and is not brought back.
 */
export type SaveOutcome = { outcome: 'kept'; draft: Draft } | { outcome: 'changed'; stored: Draft } | { outcome: 'discarded' };

/** Writes the form of a draft whose stored revision is still `draft.revision`. */
export async function saveDraft(draft: Draft): Promise<SaveOutcome> {
	const result = await write(['drafts'], async (tx): Promise<SaveOutcome> => {
		const store = tx.objectStore('drafts');
		const stored = await store.get(draft.key);
		if (!stored) return { outcome: 'discarded' };
		if (revisionOf(stored) !== revisionOf(draft)) return { outcome: 'changed', stored };
		const next = { ...draft, revision: revisionOf(draft) + 1 };
		await store.put(next);
		return { outcome: 'kept', draft: next };
	});
	if (result.outcome === 'kept') tabs().postMessage({ key: draft.key, change: 'kept' } satisfies DraftChange);
	return result;
}

export async function draftFile(key: string): Promise<Blob | undefined> {
	return (await open()).get('files', key);
}

/** Discards a draft and its file, on purpose. */
export async function discardDraft(key: string): Promise<void> {
	await write(['drafts', 'files'], (tx) => Promise.all([tx.objectStore('files').delete(key), tx.objectStore('drafts').delete(key)]));
	tabs().postMessage({ key, change: 'discarded' } satisfies DraftChange);
}
