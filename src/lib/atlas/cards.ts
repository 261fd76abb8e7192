// A feature's card and the choice among overlapping features: loaded the first time a reader opens one.
export { default as FeatureCard } from '../ui/FeatureCard.svelte';
export { default as FeatureChooser } from '../ui/FeatureChooser.svelte';
