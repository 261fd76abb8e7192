import { feature } from 'topojson-client';
import turfBbox from '@turf/bbox';
import type { CountriesTopology } from './recognisedBorders';
import type { GeometryObject } from 'topojson-specification';

/** Longitude/latitude bounding box of one topology geometry. */
export function bbox(topology: CountriesTopology, geometry: GeometryObject): [number, number, number, number] {
	const [w, s, e, n] = turfBbox(feature(topology, geometry as never));
	return [w, s, e, n];
}
