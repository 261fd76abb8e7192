import { t } from '../i18n/i18n.svelte';

/** The base map's credit in the reader's language, for the map, the embed and the PNG: in English, design/credit.ts's. */
export const baseMapCredit = () => t('Base map: Natural Earth (public domain), towns GeoNames (CC BY 4.0); Crimea redrawn as part of Ukraine');
