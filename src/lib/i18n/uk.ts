/** Ukrainian for every interface string; a unit test fails when a `t('…')` in src has no entry here. */
export const UK: Record<string, string> = {
	incidents: 'інцидентів',
	'Incidents per month': 'Інциденти за місяцями',
	'most in': 'найбільше у',
	Time: 'Час',
	Pause: 'Пауза',
	Play: 'Відтворити',
	'Show events up to': 'Показати події до',
	'Up to': 'До',
	of: 'з'
};
