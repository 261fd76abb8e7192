// The palettes are pure data that the static map and the editor read too: they live in design/,
// below every room that draws. The map's modules keep importing them from here.
export * from '../design/theme';
