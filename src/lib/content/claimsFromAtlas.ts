import { UKRAINE_ID } from '../geo/recognisedBorders';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { atlasMetrics } from '../geo/metrics';
import { checkClaims, coalitionCounts, type CheckedClaim, type ClaimsFile } from '../manifest/claims';
import type { LoadedLayer } from '../manifest/load';

import type { Countries } from '../geo/types';
import { figuresAt, type FrontFigures } from '../manifest/frontFigures';

/**
 * The claims panel's rows: metrics measured on the atlas's own geometry (base map, contact line,
 * occupied area) and counted from the coalition data, set against each claim of the articles.
 * Returns null when a layer it measures is missing (the panel then says so).
 */
export function claimsFromAtlas(file: ClaimsFile, layers: LoadedLayer[], countries: Countries, front: FrontFigures[] = []): CheckedClaim[] | null {
	const first = (id: string) => layers.find((l) => l.def.id === id)?.data.features[0] as Feature | undefined;
	const country = (match: (p: { name: string; iso: string | null }) => boolean) => countries.features.find((f) => match(f.properties))?.geometry;
	const ukraine = country((p) => p.iso === UKRAINE_ID);
	const kosovo = country((p) => p.name === 'Kosovo');
	const line = first('contact-line');
	const occupied = first('occupied');
	const coalition = layers.find((l) => l.def.id === 'coalition');
	if (!ukraine || !kosovo || !line || !occupied || !coalition) return null;
	const metrics = {
		...atlasMetrics({ ukraine, kosovo, contactLine: line.geometry as LineString, occupied: occupied.geometry as Polygon | MultiPolygon }),
		...coalitionCounts(coalition.data.features)
	};
	// the front's length in the month a claim was made, from the figures the import computed
	const monthly = (month: string | undefined): { metrics: Record<string, number>; month?: string } => {
		const row = figuresAt(front, month ?? null);
		return row ? { metrics: { frontKm: row.frontKm, frontSmoothedKm: row.frontSmoothedKm }, month: row.asOf.slice(0, 7) } : { metrics: {} };
	};
	return checkClaims(file, metrics, monthly);
}
