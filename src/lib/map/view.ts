/** The atlas's opening view, without maplibre (whose CSS import Node cannot load), so the build's static map uses it too. */
export const DEFAULT_VIEW = { center: [30.5, 49.0] as [number, number], zoom: 3.9 };
