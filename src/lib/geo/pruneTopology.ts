import { bbox as topoBbox } from './topologyBbox';
import type { CountriesTopology } from './recognisedBorders';

import type { BBox } from './types';

/**
 * Keeps only the countries whose bounding box meets `region`, and only the arcs they use,
 * renumbered. The base map then ships Europe and its neighbours, not the whole world.
 *
 * @example
 * const europe = pruneTopology(world, [-32, 25, 70, 82]);
 */
export function pruneTopology(topology: CountriesTopology, region: BBox): CountriesTopology {
	const [west, south, east, north] = region;
	const kept = topology.objects.countries.geometries.filter((g) => {
		const [w, s, e, n] = topoBbox(topology, g);
		return w <= east && e >= west && s <= north && n >= south;
	});

	const newIndex = new Map<number, number>();
	const arcs: typeof topology.arcs = [];
	const remap = (i: number): number => {
		const original = i < 0 ? ~i : i;
		let mapped = newIndex.get(original);
		if (mapped === undefined) {
			mapped = arcs.length;
			newIndex.set(original, mapped);
			arcs.push(topology.arcs[original]);
		}
		return i < 0 ? ~mapped : mapped;
	};
	const geometries = kept.map((g) => {
		if (g.type === 'Polygon') return { ...g, arcs: g.arcs.map((ring) => ring.map(remap)) };
		if (g.type === 'MultiPolygon') return { ...g, arcs: g.arcs.map((p) => p.map((ring) => ring.map(remap))) };
		return g;
	});

	return {
		type: 'Topology',
		transform: topology.transform,
		arcs,
		objects: { countries: { type: 'GeometryCollection', geometries } }
	} as CountriesTopology;
}
