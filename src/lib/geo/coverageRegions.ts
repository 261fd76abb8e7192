import { BELARUS_ID, RUSSIA_ID, UKRAINE_ID } from './recognisedBorders';
import union from '@turf/union';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { blackSeaPolygon } from './blackSea';
import type { Regions } from './coverage';

export type RegionInputs = {
	/** the base map's countries, `iso` holding the ISO 3166-1 numeric code */
	countries: FeatureCollection<Polygon | MultiPolygon, { name: string; iso: string | null }>;
	occupied: Polygon | MultiPolygon;
};

/**
 * The regions coverage is measured against, all derived from the base map: recognised Ukraine,
 * the occupied area, the Black Sea (sea = region minus land) and Russia with Belarus (for the
 * stand-off distance).
 */
export function coverageRegions({ countries, occupied }: RegionInputs): Regions {
	const byIso = (iso: string) => countries.features.filter((f) => f.properties.iso === iso);
	const ukraine = byIso(UKRAINE_ID)[0];
	const hostile = union({ type: 'FeatureCollection', features: [...byIso(RUSSIA_ID), ...byIso(BELARUS_ID)] as Feature<Polygon | MultiPolygon>[] });
	if (!ukraine || !hostile) throw new Error('coverageRegions: Ukraine, Russia or Belarus missing from the base map');
	return { ukraine: ukraine.geometry, occupied, blackSea: blackSeaPolygon(countries).geometry, hostile: hostile.geometry };
}
