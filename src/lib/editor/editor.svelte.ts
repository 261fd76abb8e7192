// The editor's state: the drafts, the one open, what its file's check found, and the import under
// way. Components read it and call its methods; nothing here touches the map.
import { MANIFEST, validateBibliography, validateLayerEntry } from '../manifest/validate';
import { safeJson } from '../content/read';
import type { Problem } from '../manifest/errors';
import type { Bibliography } from '../manifest/schema';
import { checkedShape, defaultMeta, draftLayer, manifestEntry, type Draft, type DraftMeta } from './draftLayer';
import { createDraft, discardDraft, draftFile, listDrafts, saveDraft } from './drafts';
import { ImportClient, refusal, type ImportResult, type Progress } from './importClient';

export type ReadText = (name: string) => Promise<string | null>;

export class Editor {
	drafts = $state.raw<Draft[]>([]);
	current = $state.raw<Draft | null>(null);
	result = $state.raw<ImportResult | null>(null);
	progress = $state.raw<Progress | null>(null);
	error = $state<string | null>(null);
	/** whether the open draft's last change is in IndexedDB yet, for the "kept" line under the form */
	kept = $state(false);
	// writes to IndexedDB one after another: a draft's first write (with its file) must not land
	// after an edit made meanwhile and undo it
	private writes: Promise<unknown> = Promise.resolve();
	private tickets = 0;
	sources = $state.raw<Bibliography>({});
	manifestIds = $state.raw<string[]>([]);

	/** the draft as the atlas draws it: only the features that pass */
	layer = $derived(this.current && this.result ? draftLayer(this.current.meta, this.result.preview, this.current.fileName) : null);
	/** what is wrong with the form, in the manifest validator's own words */
	entryProblems = $derived(this.current ? this.checkEntry(this.current.meta) : []);

	private client: ImportClient | null = null;

	constructor(private read: ReadText) {}

	/** Loads the bibliography and the manifest's ids, then reopens the draft last worked on. */
	async start(): Promise<void> {
		this.client = new ImportClient();
		const [sourcesText, manifestText] = await Promise.all([this.read('sources.json'), this.read('layers.json')]);
		this.sources = validateBibliography(safeJson(sourcesText) ?? {}).citable;
		this.manifestIds = ((safeJson(manifestText) as { layers?: { id?: unknown }[] } | null)?.layers ?? []).map((l) => String(l?.id));
		try {
			this.drafts = await listDrafts();
		} catch (error) {
			this.error = `drafts cannot be kept in this browser (${(error as Error).message})`;
		}
		if (this.drafts[0]) await this.open(this.drafts[0]);
	}

	destroy(): void {
		this.client?.destroy();
	}

	/** A dropped or picked file becomes a new draft; a file too large is refused before it is read. */
	async drop(file: File): Promise<void> {
		this.error = refusal(file);
		if (this.error) return;
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
		const result = await this.run(() => this.client!.import(file, file.name, null, this.sources, (p) => (this.progress = p)));
		if (!result || this.current !== draft) return;
		// the kind and tooltip come from what the file turned out to hold
		// the layer is as current as its latest feature, until the editor says otherwise
		const asOf =
			result.preview.features
				.map((f) => String(f.properties?.asOf ?? ''))
				.filter((d) => /^\d{4}-\d{2}-\d{2}$/.test(d))
				.sort()
				.at(-1) ?? '';
		const meta = { ...defaultMeta(file.name, result.kind, result.properties), id: this.freeId(defaultMeta(file.name, result.kind).id), asOf };
		this.current = { ...draft, meta };
		this.drafts = [this.current, ...this.drafts];
		await this.keep(() => createDraft({ ...draft, meta }, file));
	}

	/** Reopens a kept draft: its file is checked again, since only the file and the form are stored. */
	async open(draft: Draft): Promise<void> {
		this.current = draft;
		this.kept = true; // it came from storage
		this.result = null;
		this.error = null;
		const file = await draftFile(draft.key);
		if (!file) {
			this.error = `the file of this draft (${draft.fileName}) is no longer in the browser`;
			return;
		}
		await this.run(() => this.client!.import(file, draft.fileName, checkedShape(draft.meta), this.sources, (p) => (this.progress = p)));
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
		const saved = this.current;
		void this.keep(() => saveDraft(saved));
		const recheck = (['kind', 'radiusProperty', 'joinProperty'] as const).some((k) => k in change && change[k] !== before.meta[k]);
		if (recheck) await this.run(() => this.client!.check(checkedShape(meta), this.sources, (p) => (this.progress = p)));
	}

	/** Queues one write; `kept` is true once the queue is empty and the last write succeeded. */
	private keep(write: () => Promise<unknown>): Promise<void> {
		this.kept = false;
		const ticket = ++this.tickets;
		const done = this.writes.then(write);
		this.writes = done.catch(() => {});
		return done.then(
			() => void (ticket === this.tickets && (this.kept = true)),
			(error: Error) => void (this.error = `the draft could not be kept (${error.message})`)
		);
	}

	async discard(key: string): Promise<void> {
		await discardDraft(key);
		this.drafts = this.drafts.filter((d) => d.key !== key);
		if (this.current?.key === key) [this.current, this.result] = [null, null];
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

	/** An id no manifest layer and no other draft uses. */
	private freeId(id: string): string {
		const taken = new Set([...this.manifestIds, ...this.drafts.map((d) => d.meta.id)]);
		let free = id;
		for (let n = 2; taken.has(free); n++) free = `${id}-${n}`;
		return free;
	}

	private checkEntry(meta: DraftMeta): Problem[] {
		const { problems } = validateLayerEntry(manifestEntry(meta), { sources: this.sources });
		if (this.manifestIds.includes(meta.id))
			problems.push({ file: MANIFEST, field: 'id', message: `"${meta.id}" is already a layer in geodata/layers.json: saving replaces it` });
		return problems;
	}
}
