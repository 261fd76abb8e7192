// The editor's state: the drafts, the one open, what its file's check found, and the import under
// way. Components read it and call its methods; nothing here touches the map.
import { MANIFEST, validateBibliography, validateLayerEntry } from '../manifest/validate';
import { safeJson } from '../content/read';
import type { Problem } from '../manifest/errors';
import type { Bibliography } from '../manifest/schema';
import { checkedShape, defaultMeta, draftLayer, manifestEntry, metaOf, type Draft, type DraftMeta } from './draftLayer';
import { copyDraft, createDraft, discardDraft, draftFile, getDraft, listDrafts, revisionOf, saveDraft, watchDrafts, type DraftChange } from './drafts';
import { mergeMeta } from './draftMerge';
import { ImportClient, refusal, type Forgiving, type ImportResult, type Progress } from './importClient';
import { citableOf, newSourceProblems, type FeatureEdit, type NewSource } from './forgive';
import { distinctColour, manifestColours } from './distinctColour';
import type { SaveReply } from './publish';
import { splitByKind } from './split';

/** Files up to this size are read on the page to see whether they mix kinds of geometry (larger ones go to the worker as they are). */
const SPLIT_BELOW = 5 * 1024 * 1024;

/** What the worker fills in for a draft's file: the layer's defaults and the new sources as reviewed. */
const forgivingOf = (meta: DraftMeta): Forgiving => ({
	defaults: { confidence: meta.confidence || undefined, asOf: meta.asOf || undefined },
	reviewed: meta.newSources ?? [],
	edits: meta.edits ?? [],
	// a layer of the atlas is edited as it is; a new file gets the layer's choices, as `npm run layer -- add` does
	...(meta.editing ? {} : { choices: { title: meta.title || meta.id, nameFrom: meta.nameFrom || undefined, sources: meta.featureSources ?? [] } })
});

export type ReadText = (name: string) => Promise<string | null>;

export class Editor {
	drafts = $state.raw<Draft[]>([]);
	current = $state.raw<Draft | null>(null);
	result = $state.raw<ImportResult | null>(null);
	progress = $state.raw<Progress | null>(null);
	error = $state<string | null>(null);
	/** the layer last saved into geodata/ (its draft is closed then), with what the save did */
	published = $state.raw<{ id: string; title: string; reply: SaveReply } | null>(null);
	/** what happened meanwhile in another tab (the open draft discarded or changed there) */
	notice = $state<string | null>(null);
	/** whether the open draft's last change is in IndexedDB, for the line under the form: never left at "keeping" */
	storage = $state<'kept' | 'keeping' | 'not-kept'>('kept');
	// writes to IndexedDB one after another: a draft's first write (with its file) must not land
	// after an edit made meanwhile and undo it
	private writes: Promise<unknown> = Promise.resolve();
	private tickets = 0;
	/** each draft as IndexedDB last had it, as far as this tab knows: the revision its edits are made on */
	private stored = new Map<string, Draft>();
	/** the files of drafts not in IndexedDB yet (storage was full): kept with the draft's next change */
	private unkept = new Map<string, Blob>();
	/** a draft whose version in this tab became a draft of its own (both tabs changed one field): its key → the new one */
	private moved = new Map<string, string>();
	private storageError: string | null = null;
	private unwatch: (() => void) | null = null;
	sources = $state.raw<Bibliography>({});
	manifestIds = $state.raw<string[]>([]);
	/** every colour the manifest's layers are drawn in: a new layer's default stays clear of them */
	manifestColours = $state.raw<string[]>([]);
	/** the layers the editor can open and edit: their data is one file in geodata/ named after them (not dated versions, not tiles) */
	editable = $state.raw<Record<string, unknown>[]>([]);

	/** what the features may cite: the bibliography and the draft's new entries */
	citable = $derived<Bibliography>({ ...this.sources, ...citableOf(this.current?.meta.newSources ?? []) });
	/** what is wrong with the new bibliography entries, in the validator's words */
	sourceProblems = $derived(newSourceProblems(this.current?.meta.newSources ?? [], this.sources));
	/** the draft as the atlas draws it: only the features that pass */
	layer = $derived(this.current && this.result ? draftLayer(this.current.meta, this.result.preview, this.current.fileName) : null);
	/** what is wrong with the form, in the manifest validator's own words */
	entryProblems = $derived(this.current ? this.checkEntry(this.current.meta) : []);

	private client: ImportClient | null = null;

	constructor(private read: ReadText) {}

	/** Loads the bibliography and the manifest's ids, then reopens the draft last worked on. */
	async start(): Promise<void> {
		this.client = new ImportClient();
		await this.refresh();
		try {
			this.drafts = await listDrafts();
			for (const d of this.drafts) this.stored.set(d.key, d);
			this.unwatch = watchDrafts((change) => void this.changedElsewhere(change));
		} catch (error) {
			this.error = `drafts cannot be kept in this browser (${(error as Error).message})`;
		}
		if (this.drafts[0]) await this.open(this.drafts[0]);
	}

	/** Reads the bibliography and the manifest again: after a save, geodata/ holds more. */
	async refresh(): Promise<void> {
		const [sourcesText, manifestText] = await Promise.all([this.read('sources.json'), this.read('layers.json')]);
		this.sources = validateBibliography(safeJson(sourcesText) ?? {}).citable;
		const manifest = safeJson(manifestText) as { layers?: Record<string, unknown>[] } | null;
		this.manifestIds = (manifest?.layers ?? []).map((l) => String(l?.id));
		this.manifestColours = manifestColours(manifest);
		this.editable = (manifest?.layers ?? []).filter((l) => typeof l?.id === 'string' && l.file === `${l.id}.geojson` && !l.versions);
	}

	destroy(): void {
		this.unwatch?.();
		this.client?.destroy();
	}

	/** A dropped or picked file becomes a new draft; a file too large is refused before it is read. */
	async drop(file: File): Promise<void> {
		this.published = null;
		this.error = refusal(file);
		if (this.error) return;
		// points and lines in one file (geojson.io): one draft for each kind, each its own file
		if (/\.(geo)?json$/i.test(file.name) && file.size <= SPLIT_BELOW) {
			const parts = splitByKind(await file.text(), file.name);
			if (parts) {
				for (const part of parts.toReversed()) await this.drop(new File([part.text], part.name, { type: 'application/geo+json' }));
				this.notice = `${file.name} holds ${parts.map((p) => `${p.count} ${p.kind === 'fill' ? 'area' : p.kind}${p.count === 1 ? '' : 's'}`).join(' and ')}: a layer draws one kind, so it is opened as ${parts.length} drafts, ${parts.map((p) => p.name).join(' and ')}.`;
				return;
			}
		}
		const now = Date.now();
		const draft: Draft = {
			key: crypto.randomUUID(),
			fileName: file.name,
			fileSize: file.size,
			createdAt: now,
			updatedAt: now,
			meta: defaultMeta(file.name, 'point')
		};
		this.current = draft;
		this.result = null;
		const result = await this.run(() => this.client!.import(file, file.name, null, this.sources, forgivingOf(draft.meta), (p) => (this.progress = p)));
		if (!result || this.current !== draft) return;
		// the kind and tooltip come from what the file turned out to hold
		// the layer is as current as its latest feature, until the editor says otherwise
		const asOf =
			result.preview.features
				.map((f) => String(f.properties?.asOf ?? ''))
				.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
				.sort()
				.at(-1) ?? '';
		// the layer cites what its features cite, the new entries included, until the editor says otherwise
		const meta = {
			...defaultMeta(file.name, result.kind, result.properties),
			id: this.freeId(defaultMeta(file.name, result.kind).id),
			asOf,
			// the file's own colour (geojson.io's fill), else one unlike every layer's and every other draft's, in both themes
			color: result.color ?? distinctColour([...this.manifestColours, ...this.drafts.map((d) => d.meta.color)]),
			sources: result.cited,
			newSources: result.newSources,
			// a date column makes no layer an event layer by itself: logistics points are not incursions
			...(result.timed ? { events: false } : {})
		};
		this.current = { ...draft, meta };
		this.drafts = [this.current, ...this.drafts];
		this.unkept.set(draft.key, file);
		await this.keep(this.current);
	}

	/** A layer of the atlas becomes a draft to edit: its own file, its entry as the form; saving replaces it. */
	async openLayer(id: string): Promise<void> {
		const entry = this.editable.find((l) => l.id === id);
		if (!entry) return;
		const fileName = String(entry.file);
		const text = await this.read(fileName);
		if (text === null) {
			this.error = `geodata/${fileName} could not be read`;
			return;
		}
		this.error = null;
		const file = new File([text], fileName, { type: 'application/geo+json' });
		const now = Date.now();
		const draft: Draft = { key: crypto.randomUUID(), fileName, fileSize: file.size, createdAt: now, updatedAt: now, meta: metaOf(entry) };
		[this.current, this.result] = [draft, null];
		this.drafts = [draft, ...this.drafts];
		this.unkept.set(draft.key, file);
		await this.keep(draft);
		await this.run(() => this.client!.import(file, fileName, checkedShape(draft.meta), this.sources, forgivingOf(draft.meta), (p) => (this.progress = p)));
	}

	/** Changes one feature of the draft (its properties, or where a point is); the diff and the map follow. */
	async editFeature(edit: FeatureEdit): Promise<void> {
		const edits = this.current?.meta.edits ?? [];
		const before = edits.find((e) => e.id === edit.id);
		const merged: FeatureEdit = {
			id: edit.id,
			properties: { ...before?.properties, ...edit.properties },
			...((edit.position ?? before?.position) ? { position: edit.position ?? before!.position } : {})
		};
		await this.update({ edits: [...edits.filter((e) => e.id !== edit.id), merged] });
	}

	/** Reopens a kept draft: its file is checked again, since only the file and the form are stored. */
	async open(draft: Draft): Promise<void> {
		this.current = draft;
		this.storage = this.unkept.has(draft.key) ? 'not-kept' : 'kept';
		this.result = null;
		this.error = this.notice = null;
		const file = await draftFile(draft.key);
		if (!file) {
			this.error = `the file of this draft (${draft.fileName}) is no longer in the browser`;
			return;
		}
		const result = await this.run(() =>
			this.client!.import(file, draft.fileName, checkedShape(draft.meta), this.sources, forgivingOf(draft.meta), (p) => (this.progress = p))
		);
		if (result && this.current?.key === draft.key) this.syncNewSources(result.newSources);
	}

	/** Changes the form and keeps it; a change of kind checks the file again. */
	async update(change: Partial<DraftMeta>): Promise<void> {
		const before = this.current;
		if (!before) return;
		const meta = { ...before.meta, ...change };
		if (change.kind === 'zone') meta.radiusProperty ??= 'radiusKm';
		if (change.kind === 'choropleth') meta.joinProperty ??= 'isoN3';
		this.current = { ...before, meta, updatedAt: Date.now() };
		this.drafts = this.drafts.map((d) => (d.key === before.key ? this.current! : d));
		void this.keep(this.current);
		if (!reshaped(before.meta, meta) && !this.changesFilledIn(change, before.meta)) return;
		const result = await this.recheck(meta);
		if (result && this.current?.key === before.key) this.syncNewSources(result.newSources, 'featureSources' in change ? result.cited : []);
	}

	/** Reviews one new bibliography entry; a new key is cited in its place by the layer too. */
	async reviewSource(index: number, change: Partial<NewSource>): Promise<void> {
		const list = this.current?.meta.newSources;
		if (!list?.[index]) return;
		const before = list[index];
		const after = { ...before, ...change };
		const sources = this.current!.meta.sources.map((key) => (key === before.key ? after.key : key));
		await this.update({ newSources: list.map((s, i) => (i === index ? after : s)), sources });
	}

	/** Whether a change alters what the file's features are given: their defaults, or a new source's key. */
	private changesFilledIn(change: Partial<DraftMeta>, before: DraftMeta): boolean {
		const fields = [...(this.result?.problems ?? []), ...(this.result?.warnings ?? [])].map((p) => p.field);
		// a layer's date or confidence reaches only features that give none: checked again only then
		const reaches = (field: 'asOf' | 'confidence') => field in change && change[field] !== before[field] && fields.some((f) => f === `properties.${field}`);
		const keys = (list: NewSource[] | undefined) => (list ?? []).map((s) => s.key).join('\n');
		// so does the layer's title, to the features named after it
		const named = 'title' in change && change.title !== before.title && fields.some((f) => f === 'properties.name');
		const chose = (['nameFrom', 'featureSources'] as const).some((k) => k in change && JSON.stringify(change[k]) !== JSON.stringify(before[k]));
		return (
			named ||
			chose ||
			reaches('asOf') ||
			reaches('confidence') ||
			('newSources' in change && keys(change.newSources) !== keys(before.newSources)) ||
			('edits' in change && JSON.stringify(change.edits) !== JSON.stringify(before.edits))
		);
	}

	/**
	 * Queues a write of `draft` as it is when the write runs. `storage` is "kept" once the queue
	 * is empty and the last write succeeded, "not-kept" when one failed: never left at "keeping".
	 */
	private keep(draft: Draft): Promise<void> {
		this.storage = 'keeping';
		const ticket = ++this.tickets;
		const done = this.writes.then(() => this.persist(draft.key, draft));
		this.writes = done.catch(() => {});
		return done.then(
			() => {
				if (ticket !== this.tickets) return;
				this.storage = this.current && this.unkept.has(this.current.key) ? 'not-kept' : 'kept';
				if (this.error === this.storageError) this.error = this.storageError = null;
			},
			(error: unknown) => {
				this.storage = 'not-kept';
				this.error = this.storageError = notKept(error, draft, this.unkept.has(draft.key));
			}
		);
	}

	/** Writes the latest form of a draft; another tab's changes since this tab's are merged, or both versions kept. */
	private async persist(key: string, queued: Draft): Promise<void> {
		// an edit queued before this tab's version became a draft of its own goes to that draft
		const moved = this.moved.get(key);
		if (moved) return this.persist(moved, { ...queued, key: moved });
		const file = this.unkept.get(key);
		let sent = this.current?.key === key ? this.current : queued;
		if (file) {
			this.stored.set(key, await createDraft(sent, file));
			this.unkept.delete(key);
			return;
		}
		for (let attempt = 0; attempt < 5; attempt++) {
			const base = this.stored.get(key) ?? sent;
			const saved = await saveDraft({ ...sent, revision: revisionOf(base) });
			if (saved.outcome === 'discarded') return this.discardedElsewhere(key, 'the change made here is not kept');
			if (saved.outcome === 'kept') return void this.stored.set(key, saved.draft);
			// another tab wrote it first: its changes join this tab's, unless both changed the same field
			const merged = mergeMeta(base.meta, sent.meta, saved.stored.meta);
			if (merged.conflicts.length > 0) return this.keepBoth(sent, saved.stored, merged.conflicts);
			this.stored.set(key, saved.stored);
			const wrote = sent.meta;
			sent = { ...sent, meta: merged.meta };
			if (this.current?.key !== key) continue;
			// what was typed here while the write was under way stays on top
			const current = (sent = this.current = { ...this.current, meta: mergeMeta(wrote, this.current.meta, merged.meta).meta });
			this.drafts = this.drafts.map((d) => (d.key === key ? current : d));
		}
		throw new Error('another tab keeps changing this draft');
	}

	/** Both tabs changed one field of a draft: the other tab's stays, this tab's becomes a draft of its own. */
	private async keepBoth(mine: Draft, theirs: Draft, fields: string[]): Promise<void> {
		const now = Date.now();
		const copy = await copyDraft(
			{ ...mine, key: crypto.randomUUID(), createdAt: now, updatedAt: now, meta: { ...mine.meta, id: this.freeId(mine.meta.id) } },
			theirs.key
		);
		this.stored.set(theirs.key, theirs).set(copy.key, copy);
		this.moved.set(mine.key, copy.key);
		this.drafts = [copy, ...this.drafts.map((d) => (d.key === theirs.key ? theirs : d))];
		if (this.current?.key === mine.key) this.current = { ...copy, meta: mergeMeta(mine.meta, this.current.meta, copy.meta).meta };
		this.notice = `“${titleOf(theirs)}” was changed in another tab while you changed it here (${fields.join(', ')}): both versions are kept. The other tab's keeps its place in the list; yours is now a draft of its own, “${titleOf(copy)}”, open here.`;
	}

	/** What another tab did, seen here: the list follows, and so does the open draft unless it has edits of its own. */
	private async changedElsewhere({ key, change }: DraftChange): Promise<void> {
		if (change === 'discarded') return this.discardedElsewhere(key);
		const stored = await getDraft(key);
		if (!stored || revisionOf(stored) < revisionOf(this.stored.get(key))) return;
		const known = this.stored.get(key);
		this.stored.set(key, stored);
		const open = this.current?.key === key ? this.current : null;
		// edits of its own not yet written: the write meets the other tab's and merges (persist)
		if (open && known && JSON.stringify(open.meta) !== JSON.stringify(known.meta)) return;
		const others = this.drafts.filter((d) => d.key !== key);
		this.drafts = [...others, stored].sort((a, b) => b.updatedAt - a.updatedAt);
		if (!open) return;
		this.current = stored;
		if (reshaped(open.meta, stored.meta) || this.changesFilledIn(stored.meta, open.meta)) await this.recheck(stored.meta);
	}

	private discardedElsewhere(key: string, lost?: string): void {
		const draft = this.drafts.find((d) => d.key === key);
		this.stored.delete(key);
		this.drafts = this.drafts.filter((d) => d.key !== key);
		const open = this.current;
		if (open?.key !== key) return;
		[this.current, this.result, this.storage] = [null, null, 'kept'];
		this.notice = `“${titleOf(draft ?? open)}” was discarded in another tab${lost ? `: ${lost}` : ''}.`;
	}

	/**
	 * A draft saved into geodata/: the editor reads the manifest and the bibliography again and closes
	 * the draft, which is now the atlas's own layer (left open, it would be told its id and its new
	 * sources are taken). The panel says what was saved.
	 */
	async saved(reply: SaveReply): Promise<void> {
		const draft = this.current;
		if (!draft) return;
		this.published = { id: draft.meta.id, title: draft.meta.title || draft.meta.id, reply };
		await this.refresh();
		await this.discard(draft.key);
	}

	async discard(key: string): Promise<void> {
		if (!this.unkept.delete(key)) await discardDraft(key);
		this.stored.delete(key);
		this.drafts = this.drafts.filter((d) => d.key !== key);
		if (this.current?.key === key) [this.current, this.result] = [null, null];
	}

	private recheck(meta: DraftMeta): Promise<ImportResult | null> {
		return this.run(() => this.client!.check(checkedShape(meta), this.sources, forgivingOf(meta), (p) => (this.progress = p)));
	}

	private async run(task: () => Promise<ImportResult | null>): Promise<ImportResult | null> {
		this.progress = { phase: 'reading', fraction: 0 };
		try {
			const result = await task();
			if (result) [this.result, this.progress] = [result, null];
			return result;
		} catch (error) {
			this.progress = null;
			this.error = `the file could not be read (${(error as Error).message})`;
			return null;
		}
	}

	/** The file's new sources as the check made them (a key changed only where it clashed) become the form's. */
	/** The new entries the file asks for as the form shows them; `cited`, the keys the features now cite, join the layer's own sources. */
	private syncNewSources(made: NewSource[], cited: string[] = []): void {
		const meta = this.current!.meta;
		const sources = [...new Set([...meta.sources, ...cited])];
		if (JSON.stringify(made) === JSON.stringify(meta.newSources ?? []) && sources.length === meta.sources.length) return;
		const synced = { ...this.current!, meta: { ...meta, newSources: made, sources } };
		this.current = synced;
		this.drafts = this.drafts.map((d) => (d.key === synced.key ? synced : d));
		void this.keep(synced);
	}

	/** An id no manifest layer and no other draft uses. */
	private freeId(id: string): string {
		const taken = new Set([...this.manifestIds, ...this.drafts.map((d) => d.meta.id)]);
		let free = id;
		for (let n = 2; taken.has(free); n++) free = `${id}-${n}`;
		return free;
	}

	private checkEntry(meta: DraftMeta): Problem[] {
		const { problems } = validateLayerEntry(manifestEntry(meta), { sources: this.citable });
		// a layer opened to edit is saved over itself; any other draft with a layer's id is told
		if (this.manifestIds.includes(meta.id) && meta.editing !== meta.id)
			problems.push({
				file: MANIFEST,
				field: 'id',
				message: `"${meta.id}" is already a layer in geodata/layers.json: choose another id, or tick "Replace the layer" to publish over it`
			});
		return problems;
	}
}

/** A change of these makes the file's check different. */
const reshaped = (before: DraftMeta, after: DraftMeta) => (['kind', 'radiusProperty', 'joinProperty'] as const).some((k) => before[k] !== after[k]);

const titleOf = (draft: Draft) => draft.meta.title || draft.fileName;

/** What a failed write means for the editor and what to do; a full storage says so (its DOMException has no message). */
function notKept(error: unknown, draft: Draft, isNew: boolean): string {
	const { name, message } = error as DOMException;
	if (name === 'QuotaExceededError')
		return isNew
			? `“${titleOf(draft)}” is open here but not kept: this browser's storage for the site is full. The drafts kept before are safe. Discard drafts you no longer need, or free space in the browser's settings, then change anything in the form to keep this one.`
			: `The last change to “${titleOf(draft)}” is not kept: this browser's storage for the site is full. What was kept before is safe. Discard drafts you no longer need, or free space in the browser's settings, then change anything in the form to keep it.`;
	return `“${titleOf(draft)}” could not be kept in this browser (${[name, message].filter(Boolean).join(': ') || String(error)}).`;
}
