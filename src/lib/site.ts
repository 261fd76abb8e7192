// Small helpers the atlas's pages share in the browser.
import { assets } from '$app/paths';
import { fetchReader } from './read';

/** A file of geodata/ as the site serves it, or null when it is not there. */
export const readGeodata = fetchReader(`${assets}/geodata`);

/** The reader asked for less motion: camera moves jump instead of flying. */
export const prefersReducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;
