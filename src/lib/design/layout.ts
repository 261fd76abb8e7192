// The page's layout constants, for the code that places the map's camera and for the CSS. A
// stylesheet cannot import them: the CSS writes the same numbers, and tests/unit/layout.test.ts
// fails where one of them differs from this file.

/** A window this wide or narrower is a phone: its first view is Ukraine, its panel a bottom sheet (`@media (max-width: 640px)`). */
export const PHONE_MAX_PX = 640;

/** The bottom sheet's heights on a phone, as shares of the screen: the handle snaps to these. */
export const SHEET_STOPS = [0.2, 0.4, 0.85];
/** The sheet's height when the page opens, and the least a card takes in its place. */
export const SHEET_SHARE = 0.4;
/** The sheet's height while the tour's caption takes the top of a phone's screen. */
export const TOUR_SHEET_SHARE = 0.2;

/**
 * The side panel on a wide screen, in rem: `width: min(20rem, calc(100% - 4rem))`, and `right:
 * 3.2rem`, its gap from the map's right edge, where the zoom buttons are.
 */
export const SIDE_PANEL_REM = { width: 20, margin: 4, right: 3.2 } as const;
