/** Ukrainian for the tables (/data) and the bibliography (/sources), loaded with those pages only. */
export const UK_PAGES: Record<string, string> = {
	'Back to the map': 'Назад до мапи',
	'item|items': "об'єкт|об'єкти|об'єктів",

	"Data: Ukraine's security guarantees atlas": 'Дані: атлас гарантій безпеки для України',
	'Every layer of the atlas as a sortable table with its sources, and downloads of each layer as GeoJSON and CSV.':
		'Кожен шар атласу як таблиця, яку можна сортувати, з джерелами, і кожен шар для завантаження у GeoJSON і CSV.',
	'Atlas pages': 'Сторінки атласу',
	"Every item on the map, layer by layer, with the sources it rests on. Items whose place is not published are listed here although the map cannot draw them. Press a column's heading to sort by it. Each layer downloads as GeoJSON (the shapes, as the map draws them) or as CSV (for a spreadsheet: longitude and latitude for points, sources as keys into the":
		"Кожен об'єкт мапи, шар за шаром, із джерелами, на яких він ґрунтується. Об'єкти, місце яких не оприлюднено, наведено тут, хоча мапа не може їх показати. Натисніть заголовок стовпця, щоб упорядкувати за ним. Кожен шар можна завантажити як GeoJSON (фігури, як їх малює мапа) або як CSV (для електронних таблиць: довгота й широта для точок, джерела як ключі до",
	bibliography: 'бібліографії',
	'Download:': 'Завантажити:',
	'of {layer}': 'шару «{layer}»',
	', sorted by {column} ({direction})': ', упорядковано за стовпцем «{column}» ({direction})',
	ascending: 'за зростанням',
	descending: 'за спаданням',
	ID: 'ID',
	Name: 'Назва',
	'End date': 'Дата завершення',
	Longitude: 'Довгота',
	Latitude: 'Широта',
	'Occupied (km², computed)': 'Окуповано (км², обчислено)',
	'Share of Ukraine (%, computed)': 'Частка території України (%, обчислено)',
	'Newly occupied since the snapshot before (km²)': 'Нових окупованих від попереднього знімка (км²)',
	'No longer occupied since the snapshot before (km²)': 'Звільнених від попереднього знімка (км²)',
	'Newly occupied since 4 Sep 2025 (km²)': 'Нових окупованих від 4 вересня 2025 року (км²)',
	'No longer occupied since 4 Sep 2025 (km²)': 'Звільнених від 4 вересня 2025 року (км²)',
	"Front line at DeepState's resolution (km)": 'Лінія фронту з точністю карти DeepState (км)',
	'Front line smoothed to 3 km (km)': 'Лінія фронту, згладжена до 3 км (км)',
	'The occupied area and the front, snapshot by snapshot': 'Окупована територія і фронт, знімок за знімком',
	"Computed from DeepStateMap.Live's polygons (via cyterat/deepstate-map-data) over recognised Ukraine, Crimea included: areas from the polygons themselves, the front as their edge inside Ukraine.":
		'Обчислено з полігонів DeepStateMap.Live (через cyterat/deepstate-map-data) у межах визнаної України, включно з Кримом: площі — з самих полігонів, фронт — їхній край усередині України.',

	"Sources: Ukraine's security guarantees atlas": 'Джерела: атлас гарантій безпеки для України',
	'Every shape on the atlas cites at least one of these {sources}.': 'Тут {sources}; кожна фігура в атласі посилається принаймні на одне з них.',
	'source|sources': 'джерело|джерела|джерел',
	'Rivers and lakes: Natural Earth 1:10m. Towns: GeoNames (CC BY 4.0), Ukrainian places spelled in the national transliteration.':
		'Річки й озера: Natural Earth 1:10m. Міста: GeoNames (CC BY 4.0), українські назви латиницею за національною транслітерацією.',
	'The base map is Natural Earth (public domain), redrawn with internationally recognised borders: Crimea is shown as part of Ukraine.':
		'Основа мапи — Natural Earth (суспільне надбання), перемальована в міжнародно визнаних кордонах: Крим показано як частину України.',
	Official: 'Офіційне джерело',
	News: 'Новини',
	Dataset: 'Набір даних',
	'Cited by {items}': 'Посилаються: {items}',
	'(layer)': '(шар)',
	'Background reading: no feature on the map cites it.': "Додаткове читання: жоден об'єкт на мапі на нього не посилається."
};
