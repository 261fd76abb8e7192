/**
 * The base map's credit, in English: the build's images (render/staticMap.ts) write it, and the
 * live map shows it where no page gives its own. A page shows it in the reader's language
 * (atlas/credit.ts, held to this by a unit test).
 */
export const BASE_MAP_CREDIT = 'Base map: Natural Earth (public domain), towns GeoNames (CC BY 4.0); Crimea redrawn as part of Ukraine';
