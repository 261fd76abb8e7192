import area from '@turf/area';
import bbox from '@turf/bbox';
import difference from '@turf/difference';
import intersect from '@turf/intersect';
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';

/** An oblast's occupied area in a snapshot: its names, km², and the share of the oblast not free (percent). */
export type OblastShare = { iso: string; name: string; name_uk: string; km2: number; share: number };

type UnitProps = { iso: string; name: string; name_uk: string };
type Unit = Feature<Polygon | MultiPolygon, UnitProps>;

/** A piece of an oblast outside the occupied area that is smaller than this and far from the front is a seam between two maps, not free land. */
const SEAM_KM2 = 50;
/** How near the front (in degrees, about 2 km) a piece must come to count as free land whatever its size. */
const NEAR_FRONT = 0.02;

const overlaps = (a: number[], b: number[]) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];
const round = (n: number, decimals: number) => Math.round(n * 10 ** decimals) / 10 ** decimals;
const km2 = (g: Feature | Polygon | MultiPolygon) => area(g) / 1e6;

/**
 * How much of each oblast an occupied area covers (turf intersect and difference, geodesic turf
 * area), largest first; oblasts with less than 1 km² occupied are left out.
 *
 * `km2` is the overlap itself. `share` is 100 less the oblast's free land: the pieces outside the
 * occupied area, except seams, where DeepState's outline and Natural Earth's 1:10m coast or border
 * differ by a few hundred metres (a piece under 50 km² that comes nowhere near the front). Without
 * a front, every piece counts as free.
 *
 * @example
 * oblastShares(occupied, oblasts, front) // [{ iso: 'UA-43', name: 'Autonomous Republic of Crimea', …, km2: 26035.8, share: 100 }, …]
 */
export function oblastShares(
	occupied: Feature<Polygon | MultiPolygon>,
	oblasts: FeatureCollection<Polygon | MultiPolygon, UnitProps>,
	front: Feature<LineString | MultiLineString> | null = null
): OblastShare[] {
	const box = bbox(occupied);
	const frontPoints: Position[] = front ? (front.geometry.type === 'LineString' ? front.geometry.coordinates : front.geometry.coordinates.flat()) : [];
	const nearFront = (piece: Position[][]) => {
		const [w, s, e, n] = bbox({ type: 'Polygon', coordinates: piece });
		return frontPoints.some(([x, y]) => x >= w - NEAR_FRONT && x <= e + NEAR_FRONT && y >= s - NEAR_FRONT && y <= n + NEAR_FRONT);
	};
	const out: OblastShare[] = [];
	for (const unit of oblasts.features as Unit[]) {
		if (!overlaps(bbox(unit), box)) continue;
		const common = intersect({ type: 'FeatureCollection', features: [unit, occupied] });
		if (!common) continue;
		const occupiedKm2 = km2(common);
		if (occupiedKm2 < 1) continue;
		const rest = difference({ type: 'FeatureCollection', features: [unit, occupied] });
		const pieces = !rest ? [] : rest.geometry.type === 'Polygon' ? [rest.geometry.coordinates] : rest.geometry.coordinates;
		const freeKm2 = pieces
			.map((piece) => ({ piece, size: km2({ type: 'Polygon', coordinates: piece }) }))
			.filter(({ piece, size }) => !front || size >= SEAM_KM2 || nearFront(piece))
			.reduce((sum, { size }) => sum + size, 0);
		const { iso, name, name_uk } = unit.properties;
		out.push({ iso, name, name_uk, km2: round(occupiedKm2, 1), share: round(Math.max(0, Math.min(100, 100 - (freeKm2 / km2(unit)) * 100)), 1) });
	}
	return out.sort((a, b) => b.km2 - a.km2);
}

/**
 * The shares as a card's row, in a language: oblasts with at least half a percent occupied, most occupied first.
 *
 * @example
 * sharesText(shares, 'uk') // 'Автономна Республіка Крим 100%; Луганська область 99,3%; …'
 */
export function sharesText(shares: OblastShare[], language: 'en' | 'uk'): string {
	return shares
		.filter((o) => o.share >= 0.5)
		.sort((a, b) => b.share - a.share)
		.map((o) => `${language === 'uk' ? o.name_uk : o.name} ${language === 'uk' ? String(o.share).replace('.', ',') : o.share}%`)
		.join('; ');
}
