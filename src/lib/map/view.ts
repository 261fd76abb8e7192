/** The atlas's opening view, without maplibre (whose CSS import Node cannot load), so the build's static map uses it too. */
export const DEFAULT_VIEW = { center: [30.5, 49.0] as [number, number], zoom: 3.9 };
/** The window a scene's camera is written for (CSS pixels): what it shows there is what it frames on a phone. */
export const SCENE_WINDOW = { width: 1280, height: 800 } as const;
