/** The base map's colours; style layers are produced from this record by pure functions. */
export type Theme = {
	sea: string;
	land: string;
	ukraine: string;
	coast: string;
	border: string;
	label: string;
	labelHalo: string;
};

export const LIGHT: Theme = {
	sea: '#d6e4ee',
	land: '#f4f1ea',
	ukraine: '#fbf6df',
	coast: '#9fb4c4',
	border: '#8d8d8d',
	label: '#3d4852',
	labelHalo: '#ffffff'
};
