// Everything the atlas needs to read and check its data, in one module that the page imports
// while the base map is already loading: validation (valibot, check-geojson) and the geo math
// for layer shapes and claims (turf) stay out of the JavaScript needed before the first paint.
export { loadAtlasData } from './manifest/load';
export { layerSpec } from './manifest/specs';
export { validateClaims, forceDensities } from './manifest/claims';
export { claimsFromAtlas } from './manifest/claimsFromAtlas';
export { validateCoverageSettings } from './manifest/coverageSettings';
export { validateScenes } from './manifest/scenes';
export { Coverage } from './coverage.svelte';
