import area from '@turf/area';
import buffer from '@turf/buffer';
import type { Feature, LineString, MultiPolygon, Polygon } from 'geojson';

const positive = (name: string, value: number) => {
	if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name}: a positive number expected, ${value} found`);
};

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

/**
 * Troops per kilometre of front.
 *
 * @example
 * troopsPerKm(30_000, 858) // about 35
 */
export function troopsPerKm(troops: number, lengthKm: number): number {
	positive('troopsPerKm lengthKm', lengthKm);
	return troops / lengthKm;
}

/**
 * Troops per km2 of an area (a buffer strip, a zone).
 *
 * @example
 * density(30_000, bufferAreaKm2(contactLine.geometry, 15)) // about 1.2
 */
export function density(troops: number, areaKm2: number): number {
	positive('density areaKm2', areaKm2);
	return troops / areaKm2;
}
