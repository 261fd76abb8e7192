// Shapes and codes shared by the geo math, the map and the panels. No imports but types, so the
// code that paints the first frame can use them without bringing turf along.
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';

/** West, south, east, north in degrees. */
export type BBox = [west: number, south: number, east: number, north: number];

/** The base map's countries; `iso` is the ISO 3166-1 numeric code (null for Kosovo and a few others). */
export type Countries = FeatureCollection<Polygon | MultiPolygon, { name: string; iso: string | null }>;

/** Natural Earth's ISO 3166-1 numeric ids, as world-atlas uses them. */
export const UKRAINE_ID = '804';
export const RUSSIA_ID = '643';
export const BELARUS_ID = '112';
