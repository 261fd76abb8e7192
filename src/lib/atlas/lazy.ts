// Everything the atlas needs besides painting the base map, in one module that the page imports
// while the base map is already loading (its content, checked by the build, is read meanwhile):
// the geo math for layer shapes and claims (turf), the viewer's state and the panels, which have
// nothing to show before the data has come, stay out of the JavaScript needed before the first paint.
export { layerSpec } from '../manifest/specs';
export { Viewer } from './viewer.svelte';
export { serializeState } from '../state/urlState';
export { linkOf } from './link';
export { connect } from './connect.svelte';
export { placeCard } from './placeCard';
export { watchHeight } from '../embed/reportHeight';
export { datesLine } from '../content/dating';
export { default as FeatureNav } from '../ui/FeatureNav.svelte';
export { default as StaticFallback } from '../ui/StaticFallback.svelte';
export { default as BottomSheet } from '../ui/BottomSheet.svelte';
export { default as LayersTab } from '../ui/LayersTab.svelte';
export { default as CompactLegend } from '../ui/CompactLegend.svelte';
export { default as ExplorerPanel } from '../ui/ExplorerPanel.svelte';
// what a reader may never open comes when first needed: a feature's card, the choice of features, the tour
export const cardParts = () => import('./cards');
export const tourCard = () => import('../ui/TourCard.svelte');
// a notice's code comes with the first problem to tell: most readers never see one
export const notices = () => import('../ui/Notices.svelte');
