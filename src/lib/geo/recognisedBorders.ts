import { feature, merge } from 'topojson-client';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import type { Topology, GeometryCollection, MultiPolygon, Polygon } from 'topojson-specification';
import type { Feature, MultiPolygon as GeoMultiPolygon, Polygon as GeoPolygon } from 'geojson';

import { UKRAINE_ID, RUSSIA_ID } from './types';
export { UKRAINE_ID, RUSSIA_ID, BELARUS_ID } from './types';
/** Simferopol, the Crimean capital: any polygon holding it is the peninsula. */
export const SIMFEROPOL: [number, number] = [34.1, 44.95];

type CountryGeometry = (Polygon | MultiPolygon) & { id?: string; properties?: { name: string } };
export type CountriesTopology = Topology<{ countries: GeometryCollection<{ name: string }> }>;

/**
 * Moves Crimea from Russia to Ukraine, as internationally recognised borders require.
 * Natural Earth's default (world-atlas) draws the peninsula as one polygon of Russia's
 * MultiPolygon; its arcs are moved, unchanged, into Ukraine's geometry, so the Perekop
 * border becomes an arc inside one object and `mesh(a !== b)` no longer draws it.
 * Returns a new topology; the input is untouched. Throws if the data has no such polygon,
 * since a silently wrong border is worse than a failed build.
 *
 * @example
 * const fixed = recogniseCrimeaAsUkraine(worldAtlas50m);
 */
export function recogniseCrimeaAsUkraine(topology: CountriesTopology): CountriesTopology {
	const geometries = topology.objects.countries.geometries.map((g) => structuredClone(g)) as CountryGeometry[];
	const russia = geometries.find((g) => g.id === RUSSIA_ID);
	const ukraine = geometries.find((g) => g.id === UKRAINE_ID);
	if (!russia || !ukraine) throw new Error('recogniseCrimeaAsUkraine: Russia or Ukraine missing from the topology');
	if (russia.type !== 'MultiPolygon') throw new Error('recogniseCrimeaAsUkraine: Russia is not a MultiPolygon');

	const crimeaIndex = russia.arcs.findIndex((polygonArcs) => {
		const part = feature(topology, { type: 'Polygon', arcs: polygonArcs } as Polygon) as Feature<GeoPolygon>;
		return booleanPointInPolygon(SIMFEROPOL, part);
	});
	if (crimeaIndex < 0) throw new Error('recogniseCrimeaAsUkraine: no Russian polygon contains Simferopol (already fixed?)');

	const [crimea] = russia.arcs.splice(crimeaIndex, 1);
	const ukraineArcs = ukraine.type === 'Polygon' ? [ukraine.arcs] : ukraine.arcs;
	Object.assign(ukraine, { type: 'MultiPolygon', arcs: [...ukraineArcs, crimea] });

	return { ...topology, objects: { ...topology.objects, countries: { ...topology.objects.countries, geometries } } } as CountriesTopology;
}

/** One country as a dissolved GeoJSON geometry (internal arcs such as Perekop removed). */
export function countryGeometry(topology: CountriesTopology, match: (g: CountryGeometry) => boolean): GeoMultiPolygon {
	const geometries = (topology.objects.countries.geometries as CountryGeometry[]).filter(match);
	if (geometries.length === 0) throw new Error('countryGeometry: no country matched');
	return merge(topology, geometries);
}
