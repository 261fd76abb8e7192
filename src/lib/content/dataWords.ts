// The /data page's words for its tables in the reader's language: the standard columns' headings,
// the front table's headings, title and description (English in content/dataTables.ts), and the
// confidence levels. A heading from a layer's tooltip is the manifest's, in Ukrainian where it has one.
import type { Column } from './csv';
import type { Cell, LayerTable } from './dataTables';
import { translator } from '../i18n/i18n.svelte';
import { UK_PAGES } from '../i18n/uk.pages';

const t = translator(UK_PAGES);

const headings = (): Record<string, string> => ({
	ID: t('ID'),
	Name: t('Name'),
	Date: t('Date'),
	'End date': t('End date'),
	Longitude: t('Longitude'),
	Latitude: t('Latitude'),
	Confidence: t('Confidence'),
	'As of': t('As of'),
	Sources: t('Sources'),
	// the front's figures
	'Occupied (km², computed)': t('Occupied (km², computed)'),
	'Share of Ukraine (%, computed)': t('Share of Ukraine (%, computed)'),
	'Newly occupied since the snapshot before (km²)': t('Newly occupied since the snapshot before (km²)'),
	'No longer occupied since the snapshot before (km²)': t('No longer occupied since the snapshot before (km²)'),
	'Newly occupied since 4 Sep 2025 (km²)': t('Newly occupied since 4 Sep 2025 (km²)'),
	'No longer occupied since 4 Sep 2025 (km²)': t('No longer occupied since 4 Sep 2025 (km²)'),
	"Front line at DeepState's resolution (km)": t("Front line at DeepState's resolution (km)"),
	'Front line smoothed to 3 km (km)': t('Front line smoothed to 3 km (km)')
});

// the tables that are not a manifest layer, which has its own Ukrainian
const tableWords = (): Record<string, string> => ({
	'The occupied area and the front, snapshot by snapshot': t('The occupied area and the front, snapshot by snapshot'),
	"Computed from DeepStateMap.Live's polygons (via cyterat/deepstate-map-data) over recognised Ukraine, Crimea included: areas from the polygons themselves, the front as their edge inside Ukraine.":
		t(
			"Computed from DeepStateMap.Live's polygons (via cyterat/deepstate-map-data) over recognised Ukraine, Crimea included: areas from the polygons themselves, the front as their edge inside Ukraine."
		)
});

const confidence = (): Record<string, string> => ({ confirmed: t('confirmed'), reported: t('reported'), uncertain: t('uncertain') });

/** A column's heading in the reader's language. */
export const columnHeading = (column: Column): string => headings()[column.label] ?? t.pick(column.label, column.labelUk);

/** What a cell reads: its text in the reader's language, or for the confidence column the reader's word for it. */
export const cellText = (column: Column, cell: Cell): string => (column.key === 'confidence' && confidence()[cell.text]) || t.pick(cell.text, cell.textUk);

/** A table's title in the reader's language. */
export const tableTitle = (table: LayerTable): string => tableWords()[table.title] ?? t.pick(table.title, table.uk?.title);

/** A table's description in the reader's language ('' where it has none). */
export const tableDescription = (table: LayerTable): string =>
	(table.description && tableWords()[table.description]) || t.pick(table.description ?? '', table.uk?.description);
