// What the editor fills in for an editor's file before the atlas's rules check it, where filling
// in cannot invent a fact: an id for a feature without one (from its name and a hash of what it
// holds, so the same feature gets the same id every time), a bibliography entry for a source
// given as a web address or as publisher, title and date (reviewed in the form before it is
// written), and the layer's confidence and date for the features that give none. The command's
// `add` never runs this: a file there is taken as it is, or refused.
import type { Feature, FeatureCollection } from 'geojson';
import type { Problem } from '../manifest/errors';
import { validateBibliography } from '../manifest/validate';
import { sourceKeyProblem, type Bibliography, type Source } from '../manifest/schema';
import { slugOf } from './draftLayer';

/** Set once in the form for every feature that gives none. */
export type LayerDefaults = { confidence?: string; asOf?: string };

/** A bibliography entry the file asks for, as the form shows it for review. */
export type NewSource = {
	/** what the file gave: the address, or "publisher · title · date"; how a review is matched to the file again */
	from: string;
	key: string;
	publisher: string;
	title: string;
	date: string;
	url: string;
	kind: Source['kind'];
	note?: string;
};

/** An editor's change to one feature of a layer opened from the atlas, by its id. */
export type FeatureEdit = { id: string; properties?: Record<string, unknown>; position?: [number, number] };

/** What an edit changed, for the diff: `before` and `after` as the file has them. */
export type FeatureChange = { feature: { index: number; id: string }; field: string; before: unknown; after: unknown };

export type Forgiven = {
	/** the entries to add to geodata/sources.json, in the order the file first cites them */
	newSources: NewSource[];
	/** what the editor's edits changed, feature by feature */
	changes: FeatureChange[];
	/** what was filled in, one warning for each kind of change, with an example */
	warnings: Problem[];
};

const SOURCES = 'geodata/sources.json';
const URL_PATTERN = /^https?:\/\/\S+$/i;
const OFFICIAL_HOST = /(^|\.)(gov(\.[a-z]{2})?|gouv\.fr|mil|nato\.int|europa\.eu|president\.gov\.ua|mil\.gov\.ua|mfa\.gov\.ua)$/i;

/**
 * Fills in, in place, what `collection`'s features lack and can safely be given. `known` is the
 * bibliography; `reviewed` the new entries as the editor last left them in the form.
 *
 * @example
 * const { newSources, warnings } = forgive(json, { known: sources, defaults: { confidence: 'reported' }, file: 'depots.geojson' });
 */
export function forgive(
	collection: FeatureCollection,
	options: { known: Bibliography; file: string; defaults?: LayerDefaults; reviewed?: NewSource[]; edits?: FeatureEdit[] }
): Forgiven {
	const { known, file, defaults = {}, reviewed = [], edits = [] } = options;
	const features: unknown[] = Array.isArray(collection?.features) ? collection.features : [];
	const sources = new SourceMaker(known, reviewed);
	const filled = { id: [] as string[], sources: 0, source: 0, confidence: 0, asOf: 0 };
	const taken = new Set(features.map((f) => propertiesOf(f)?.id).filter((id): id is string => typeof id === 'string' && id !== ''));

	for (const feature of features) {
		const p = propertiesOf(feature);
		if (!p) continue;
		// the hash is of the feature as the file gives it: a default chosen later never changes an id
		const hash = p.id === undefined || p.id === '' ? shortHash(JSON.stringify([(feature as Feature).geometry ?? null, withoutId(p)])) : '';
		if (p.sources === undefined && p.source !== undefined) {
			p.sources = p.source;
			delete p.source;
			filled.source++;
		}
		if (typeof p.sources === 'string' || isSourceFields(p.sources)) p.sources = [p.sources];
		if (Array.isArray(p.sources))
			p.sources = p.sources.map((item: unknown) => {
				const key = sources.keyFor(item);
				if (key !== null) filled.sources++;
				return key ?? item;
			});
		for (const field of ['confidence', 'asOf'] as const)
			if ((p[field] === undefined || p[field] === '') && defaults[field]) {
				p[field] = defaults[field];
				filled[field]++;
			}
		if (hash) {
			const base = `${(typeof p.name === 'string' ? slugOf(p.name) : '').slice(0, 48).replace(/-+$/, '') || 'feature'}-${hash}`;
			let id = base;
			for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
			taken.add(id);
			p.id = id;
			filled.id.push(id);
		}
	}

	const warnings: Problem[] = [];
	const say = (field: string, message: string) => warnings.push({ file, field, message });
	const changes = applyEdits(features, edits, (id) => say('', `the edited feature "${id}" is no longer in the file: its edit is left out`));
	const n = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
	if (filled.id.length)
		say('properties.id', `${n(filled.id.length, 'feature')} had no id: each was given one from its name and its content (${filled.id[0]}), the same each time`);
	if (filled.source) say('properties.source', `${n(filled.source, 'feature')} gave "source": read as "sources"`);
	if (filled.sources)
		say(
			'properties.sources',
			`${n(filled.sources, 'source')} given as an address or as publisher and title: cited as ${sources.made.length === 1 ? '1 new entry' : `${sources.made.length} new entries`} of geodata/sources.json, to review under Sources`
		);
	if (filled.confidence) say('properties.confidence', `${n(filled.confidence, 'feature')} gave no confidence: the layer's "${defaults.confidence}" was used`);
	if (filled.asOf) say('properties.asOf', `${n(filled.asOf, 'feature')} gave no asOf: the layer's ${defaults.asOf} was used`);
	return { newSources: sources.made, changes, warnings };
}

/** The editor's edits, made in place; what each changed. A value the same as the file's is no change. */
function applyEdits(features: unknown[], edits: FeatureEdit[], missing: (id: string) => void): FeatureChange[] {
	const changes: FeatureChange[] = [];
	for (const edit of edits) {
		const index = features.findIndex((f) => propertiesOf(f)?.id === edit.id);
		if (index < 0) {
			missing(edit.id);
			continue;
		}
		const feature = features[index] as Feature;
		const p = propertiesOf(feature)!;
		const at = { index, id: edit.id };
		for (const [key, after] of Object.entries(edit.properties ?? {})) {
			if (key === 'id' || JSON.stringify(p[key]) === JSON.stringify(after)) continue;
			changes.push({ feature: at, field: `properties.${key}`, before: p[key], after });
			p[key] = after;
		}
		const point = feature.geometry?.type === 'Point' ? feature.geometry : null;
		if (edit.position && point && JSON.stringify(point.coordinates) !== JSON.stringify(edit.position)) {
			changes.push({ feature: at, field: 'geometry.coordinates', before: point.coordinates, after: edit.position });
			point.coordinates = [...edit.position];
		}
	}
	return changes;
}

/** The entry geodata/sources.json will hold for a new source (empty fields left out, so the validator names them). */
export function sourceEntry(s: NewSource): Record<string, string> {
	const entry: Record<string, string> = { publisher: s.publisher.trim(), title: s.title.trim(), date: s.date.trim(), url: s.url.trim(), kind: s.kind };
	if (s.note?.trim()) entry.note = s.note.trim();
	return Object.fromEntries(Object.entries(entry).filter(([key, value]) => value !== '' || key === 'publisher' || key === 'title'));
}

/**
 * What is wrong with the new entries, as the bibliography's validator says it (field
 * `<key>.publisher`), and a key that is not a slug, is already in geodata/sources.json or is used twice.
 */
export function newSourceProblems(list: NewSource[], known: Bibliography): Problem[] {
	const problems: Problem[] = [];
	const seen = new Set<string>();
	for (const s of list) {
		const at = { file: SOURCES, field: s.key };
		const badKey = sourceKeyProblem(s.key);
		if (badKey) problems.push({ ...at, message: badKey });
		else if (Object.hasOwn(known, s.key) || seen.has(s.key)) problems.push({ ...at, message: `"${s.key}" is already a source: choose another key` });
		seen.add(s.key);
		problems.push(...validateBibliography({ [s.key]: sourceEntry(s) }).problems);
		// optional in the bibliography, where a page may show none; asked for here, since the address gave none
		if (!s.date.trim()) problems.push({ file: SOURCES, field: `${s.key}.date`, message: 'required: when it was published, like 2025-09-04, 2025-09 or 2025' });
	}
	return problems;
}

/** The new sources as bibliography entries, keyed: what the features' check may cite. */
export const citableOf = (newSources: NewSource[]): Bibliography => Object.fromEntries(newSources.map((s) => [s.key, sourceEntry(s) as unknown as Source]));

/**
 * What the address says of itself: the publisher when the bibliography already cites the same
 * site, a date written in the path (`/2025/09/04/`, `2025-09-04`, `20250904`, `/2025/09/`), a
 * title from the last words of the path. Whatever it cannot tell is left empty for the editor.
 */
export function readAddress(address: string, known: Bibliography): Pick<NewSource, 'publisher' | 'title' | 'date' | 'kind'> {
	let url: URL;
	try {
		url = new URL(address);
	} catch {
		return { publisher: '', title: '', date: '', kind: 'news' };
	}
	const host = url.hostname.replace(/^www\./, '');
	const publishers = new Map<string, number>();
	for (const entry of Object.values(known)) {
		try {
			if (entry?.url && new URL(entry.url).hostname.replace(/^www\./, '') === host && entry.publisher)
				publishers.set(entry.publisher, (publishers.get(entry.publisher) ?? 0) + 1);
		} catch {
			// an entry with a broken address is the bibliography's own problem
		}
	}
	const publisher = [...publishers].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
	let path = url.pathname;
	try {
		path = decodeURIComponent(path);
	} catch {
		// a stray % in the address: its words are read as they are
	}
	const day =
		/(?:^|\D)(20\d\d|19\d\d)[/_-](0[1-9]|1[0-2])[/_-](0[1-9]|[12]\d|3[01])(?:\D|$)/.exec(path) ??
		/(?:^|\D)(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\D|$)/.exec(path);
	const month = /(?:^|\/)(20\d\d|19\d\d)\/(0[1-9]|1[0-2])(?:\/|$)/.exec(path);
	const date = day ? `${day[1]}-${day[2]}-${day[3]}` : month ? `${month[1]}-${month[2]}` : '';
	const words = path
		.split('/')
		.map((segment) => segment.replace(/\.[a-z0-9]{2,5}$/i, ''))
		.filter((segment) => /[a-z]{3,}.*[-_ ].*[a-z]/i.test(segment))
		.at(-1);
	const title = words ? capitalise(words.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()) : '';
	return { publisher, title, date, kind: OFFICIAL_HOST.test(host) ? 'official' : 'news' };
}

/** Makes one new entry for each distinct address or set of fields, with a key nothing else uses. */
class SourceMaker {
	made: NewSource[] = [];
	private byFrom = new Map<string, NewSource>();
	private keys: Set<string>;

	constructor(
		private known: Bibliography,
		private reviewed: NewSource[]
	) {
		this.keys = new Set(Object.keys(known));
	}

	/** The key a source item cites once it is an entry; null for an item that is a key already or not a source at all. */
	keyFor(item: unknown): string | null {
		const asked = askedFor(item);
		if (!asked) return null;
		const ready = this.byFrom.get(asked.from);
		if (ready) return ready.key;
		const review = this.reviewed.find((r) => r.from === asked.from);
		const fresh = asked.url && !asked.publisher && !asked.title ? { ...asked, ...readAddress(asked.url, this.known) } : { kind: 'news' as const, ...asked };
		const made: NewSource = review ? { ...review } : { publisher: '', title: '', date: '', ...fresh, key: '' };
		// a key the editor typed stays as typed, even one that clashes: the form says so, rather than change it under their cursor
		if (!review || !made.key) made.key = this.freeKey(made);
		this.keys.add(made.key);
		this.byFrom.set(asked.from, made);
		this.made.push(made);
		return made.key;
	}

	/** `publisher-2025-09-04-first-words-of-title`, like the bibliography's own keys. */
	private freeKey(s: Omit<NewSource, 'key'>): string {
		let host = '';
		try {
			host = new URL(s.url).hostname.replace(/^www\./, '').split('.')[0];
		} catch {
			// no address: the publisher names the key
		}
		// the site names the outlet, as in the bibliography's own keys (kyivindependent-2025-…)
		const who = slugOf(host) || slugOf(s.publisher).split('-').slice(0, 2).join('-') || 'source';
		const what = slugOf(s.title).split('-').slice(0, 4).join('-') || shortHash(s.from);
		const base = [who, s.date, what].filter(Boolean).join('-');
		let key = base;
		for (let n = 2; this.keys.has(key); n++) key = `${base}-${n}`;
		return key;
	}
}

type Asked = { from: string; url: string; publisher?: string; title?: string; date?: string; kind?: Source['kind'] };

/** A source item the file gives as an address or as fields; null for anything else (a key, or junk the validator names). */
function askedFor(item: unknown): Asked | null {
	if (typeof item === 'string') return URL_PATTERN.test(item.trim()) ? { from: item.trim(), url: item.trim() } : null;
	if (!isSourceFields(item)) return null;
	const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
	const fields = { url: text(item.url), publisher: text(item.publisher), title: text(item.title), date: text(item.date) };
	const kind = ['official', 'news', 'dataset'].includes(String(item.kind)) ? (item.kind as Source['kind']) : undefined;
	return { from: fields.url || [fields.publisher, fields.title, fields.date].filter(Boolean).join(' · '), ...fields, ...(kind ? { kind } : {}) };
}

function isSourceFields(item: unknown): item is Record<string, unknown> {
	if (typeof item !== 'object' || item === null || Array.isArray(item)) return false;
	const record = item as Record<string, unknown>;
	return typeof record.url === 'string' || (typeof record.publisher === 'string' && typeof record.title === 'string');
}

function propertiesOf(feature: unknown): Record<string, unknown> | null {
	const p = (feature as Feature | null)?.properties;
	return typeof p === 'object' && p !== null && !Array.isArray(p) ? (p as Record<string, unknown>) : null;
}

const withoutId = ({ id: _id, ...rest }: Record<string, unknown>) => rest;
const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** Six base-36 characters of FNV-1a: enough to tell apart the features of one layer, and the same in every browser. */
export function shortHash(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193);
	}
	return (hash >>> 0).toString(36).padStart(7, '0').slice(-6);
}
