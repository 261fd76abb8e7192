// Reads and checks an editor's file off the main thread, so a 50 MB file never freezes the page.
// The file's text stays here between checks: changing the kind checks it again without a re-read.
import type { BBox, FeatureCollection } from 'geojson';
import { checkLayerText, featureBoxes, type LayerShape } from '../editor/checkFile';
import { propertyNames } from '../editor/draftLayer';
import { thinForPreview, type Preview } from '../editor/preview';
import type { Problem } from '../manifest/errors';
import type { Bibliography, Kind } from '../manifest/schema';
import type { Format } from '../editor/convert';
import type { FeatureChange, FeatureEdit, LayerDefaults, NewSource } from '../editor/forgive';
import type { LayerChoices } from '../editor/layerDefaults';
import { isTimed } from '../time/timeline';

/** What the editor fills in for the file: its defaults for the layer and the new sources as reviewed. */
export type Forgiving = { defaults?: LayerDefaults; reviewed?: NewSource[]; edits?: FeatureEdit[]; choices?: LayerChoices };

export type ImportRequest =
	| { type: 'import'; id: number; file: Blob; name: string; layer: LayerShape | null; sources: Bibliography; forgiving: Forgiving }
	| { type: 'check'; id: number; layer: LayerShape; sources: Bibliography; forgiving: Forgiving };

/** What the page needs: the features to draw (only those that pass), and every feature's box for framing. */
export type ImportResult = {
	format: Format | null;
	kind: Kind;
	/** the features that pass, thinned when there are too many positions for the map to take at once */
	preview: FeatureCollection;
	thinned: Preview['thinned'];
	passing: number;
	total: number;
	/** the file could not be read as features at all (JSON that does not parse, an empty file): no count means anything */
	unreadable: boolean;
	rejected: number[];
	boxes: (BBox | null)[];
	properties: string[];
	problems: Problem[];
	warnings: Problem[];
	/** geodata/'s file, when nothing is wrong */
	output: Blob | null;
	/** the bibliography entries the file asks for, to review in the form */
	newSources: NewSource[];
	/** every source key the features cite, in first-seen order: the layer's own sources to start with */
	cited: string[];
	/** what the editor's edits changed: the diff */
	changes: FeatureChange[];
	/** the colour the features' own simplestyle agrees on (geojson.io's `fill`, `marker-color`), or null */
	color: string | null;
	/** some feature, passing or not, has a date */
	timed: boolean;
	/** the features a problem keeps off the map (the first 200), so the editor can open their fields */
	rejectedFeatures: FeatureCollection['features'];
};

export type ImportReply =
	| { type: 'progress'; id: number; phase: 'reading' | 'checking'; fraction: number }
	| { type: 'result'; id: number; result: ImportResult }
	| { type: 'error'; id: number; message: string };

let text: string | null = null;
let name = '';

const reply = (message: ImportReply) => self.postMessage(message);

/** The file in pieces, so the bar moves while a large one is read (and the page never holds it). */
async function readWithProgress(file: Blob, id: number): Promise<string> {
	const parts: string[] = [];
	const decoder = new TextDecoder();
	const reader = file.stream().getReader();
	let read = 0;
	let reported = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		parts.push(decoder.decode(value, { stream: true }));
		read += value.byteLength;
		if (read - reported > 1_000_000) {
			reported = read;
			reply({ type: 'progress', id, phase: 'reading', fraction: read / file.size });
		}
	}
	parts.push(decoder.decode());
	return parts.join('');
}

function check(id: number, layer: LayerShape | null, sources: Bibliography, forgiving: Forgiving): ImportResult {
	const checked = checkLayerText(text!, name, layer, sources, {
		forgiving,
		onProgress: (done, total) => reply({ type: 'progress', id, phase: 'checking', fraction: done / total })
	});
	const rejected = new Set(checked.rejected);
	const features = checked.data?.features ?? [];
	return {
		format: checked.format,
		kind: checked.kind,
		...previewOf(features.filter((_, i) => !rejected.has(i))),
		passing: features.length - rejected.size,
		total: features.length,
		unreadable: checked.data === null,
		rejected: checked.rejected,
		boxes: featureBoxes(checked.data),
		properties: propertyNames(checked.data),
		problems: checked.problems,
		warnings: checked.warnings,
		output: checked.text === null ? null : new Blob([checked.text], { type: 'application/geo+json' }),
		newSources: checked.newSources,
		cited: citedKeys(checked.data),
		changes: checked.changes,
		color: checked.color,
		timed: isTimed(features),
		rejectedFeatures: checked.rejected
			.slice(0, 200)
			.map((i) => features[i])
			.filter(Boolean)
	};
}

function citedKeys(data: FeatureCollection | null): string[] {
	const keys = new Set<string>();
	for (const f of data?.features ?? []) {
		const cited: unknown = f?.properties?.sources;
		if (Array.isArray(cited)) for (const key of cited) if (typeof key === 'string') keys.add(key);
	}
	return [...keys];
}

function previewOf(features: FeatureCollection['features']) {
	const { data, thinned } = thinForPreview({ type: 'FeatureCollection', features });
	return { preview: data, thinned };
}

self.onmessage = async (event: MessageEvent<ImportRequest>) => {
	const message = event.data;
	try {
		if (message.type === 'import') {
			reply({ type: 'progress', id: message.id, phase: 'reading', fraction: 0 });
			text = await readWithProgress(message.file, message.id);
			name = message.name;
		} else if (text === null) throw new Error('no file read yet');
		reply({ type: 'result', id: message.id, result: check(message.id, message.layer, message.sources, message.forgiving) });
	} catch (error) {
		reply({ type: 'error', id: message.id, message: (error as Error).message });
	}
};
