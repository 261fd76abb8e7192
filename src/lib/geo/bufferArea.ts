import area from '@turf/area';
import buffer from '@turf/buffer';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';
import { positive } from './lineStats';

// Its own module because turf's buffer brings jsts (~60 KB gzip): the atlas loads it on demand.
/**
 * Area in km2 of a demilitarised strip reaching `bufferKm` to each side of `line` (turf buffer,
 * round ends of `steps` segments a quarter circle). About `2 x bufferKm x length` while the strip
 * is narrow next to the line's bends; wider strips overlap themselves on the inside of bends and
 * grow more slowly.
 *
 * @example
 * bufferAreaKm2(contactLine.geometry, 15) // about 25,800 for the 858-km autumn 2025 line
 */
export function bufferAreaKm2(line: LineString | Feature<LineString>, bufferKm: number, options: { steps?: number } = {}): number {
	const steps = options.steps ?? 8;
	positive('bufferAreaKm2 bufferKm', bufferKm);
	const feature: Feature<LineString> = line.type === 'Feature' ? line : { type: 'Feature', properties: {}, geometry: line };
	const strip = buffer(feature, bufferKm, { units: 'kilometers', steps }) as Feature<Polygon | MultiPolygon> | undefined;
	return strip ? area(strip) / 1e6 : 0;
}
