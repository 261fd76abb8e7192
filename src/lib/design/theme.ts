/** The base map's colours; style layers are produced from this record by pure functions. */
export type Theme = {
	sea: string;
	land: string;
	ukraine: string;
	coast: string;
	border: string;
	label: string;
	labelHalo: string;
	/** rivers, and the bed of a drained reservoir */
	river: string;
	waterLabel: string;
};

export const LIGHT: Theme = {
	sea: '#d6e4ee',
	land: '#f4f1ea',
	ukraine: '#fbf6df',
	coast: '#9fb4c4',
	border: '#8d8d8d',
	label: '#3d4852',
	labelHalo: '#ffffff',
	river: '#8fb3cf',
	waterLabel: '#3f6e91'
};

export const DARK: Theme = {
	sea: '#1b2733',
	land: '#2d333b',
	ukraine: '#3b3a2e',
	coast: '#4b6475',
	border: '#7a8591',
	label: '#d8dee4',
	labelHalo: '#1b2733',
	river: '#3d6a8a',
	waterLabel: '#8fb8d6'
};

/** The palettes by the name the reader chooses. */
export const PALETTES = { light: LIGHT, dark: DARK } as const;

export type Rgb = [number, number, number];

/** `#rrggbb` as its three channels, 0-255. */
export const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;
