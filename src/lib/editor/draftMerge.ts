// Two tabs' edits of one draft, put together field by field. Pure: no DOM, no storage.
import type { DraftMeta } from './draftLayer';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The form with both tabs' changes since `base`: a field only one of them changed takes that
 * change. `conflicts` names the fields both changed, differently; those keep `mine`.
 *
 * @example
 * mergeMeta(base, { ...base, title: 'Depots' }, { ...base, color: '#00ff00' }) // { meta: both, conflicts: [] }
 */
export function mergeMeta(base: DraftMeta, mine: DraftMeta, theirs: DraftMeta): { meta: DraftMeta; conflicts: string[] } {
	const meta: Record<string, unknown> = { ...mine };
	const conflicts: string[] = [];
	const fields = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]) as Set<keyof DraftMeta>;
	for (const field of fields) {
		if (same(mine[field], theirs[field]) || same(theirs[field], base[field])) continue;
		if (same(mine[field], base[field])) meta[field] = theirs[field];
		else conflicts.push(field);
	}
	for (const field of fields) if (meta[field] === undefined) delete meta[field];
	return { meta: meta as DraftMeta, conflicts };
}
