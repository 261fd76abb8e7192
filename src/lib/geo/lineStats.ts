export const positive = (name: string, value: number) => {
	if (!(value > 0) || !Number.isFinite(value)) throw new RangeError(`${name}: a positive number expected, ${value} found`);
};

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
