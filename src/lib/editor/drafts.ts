// Drafts kept in the browser's IndexedDB, so a reload or a crashed tab loses nothing. The form
// and the dropped file are stored apart: typing a title rewrites a small record, never 50 MB.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
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

/** Every draft, the most recently edited first. */
export async function listDrafts(): Promise<Draft[]> {
	const all = await (await open()).getAll('drafts');
	return all.sort((a, b) => b.updatedAt - a.updatedAt);
}

/** A new draft with its file, written together. */
export async function createDraft(draft: Draft, file: Blob): Promise<void> {
	const tx = (await open()).transaction(['drafts', 'files'], 'readwrite');
	await Promise.all([tx.objectStore('files').put(file, draft.key), tx.objectStore('drafts').put(draft), tx.done]);
}

export async function saveDraft(draft: Draft): Promise<void> {
	await (await open()).put('drafts', draft);
}

export async function draftFile(key: string): Promise<Blob | undefined> {
	return (await open()).get('files', key);
}

/** Discards a draft and its file, on purpose. */
export async function discardDraft(key: string): Promise<void> {
	const tx = (await open()).transaction(['drafts', 'files'], 'readwrite');
	await Promise.all([tx.objectStore('files').delete(key), tx.objectStore('drafts').delete(key), tx.done]);
}
