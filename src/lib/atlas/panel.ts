/** The element id of a chrome's panel over the map (the explorer's sheet, the embed's legend): the keyboard's skip link and the feature card keep clear of it. */
export const PANEL_ID = 'atlas-panel';
