const UNITS: Record<string, string> = { km2: 'km²', 'per 100 km2': 'per 100 km²', percent: '%' };

/** A figure as readers expect it: thousands separators, km², one decimal for shares and ratios. */
export function formatValue(value: number, unit: string): string {
	const small = unit === '%' || unit === 'percent' || unit === 'times' || unit.startsWith('per') || Math.abs(value) < 10;
	const digits = small && !Number.isInteger(value) ? 1 : 0;
	const number = value.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });
	const shown = UNITS[unit] ?? unit;
	if (shown === '%') return `${number}%`;
	if (unit === 'times') return `${number} times`;
	if (unit === 'per') return number;
	return `${number} ${shown}`;
}
