// A new layer's default colour: the one, of a wheel of candidates, farthest from every colour the
// atlas's layers already use and from the base map's land, sea and Ukraine in both themes, by
// distance in OKLab (Björn Ottosson's perceptual space: equal distances look about equally
// different; 0.02 is about the smallest difference one notices, 0.1 is plainly another colour).
import { DARK, LIGHT } from '../design/theme';

export type Oklab = [number, number, number];

const toLinear = (c: number) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
const toGamma = (c: number) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055);

/**
 * @example
 * oklab('#ffffff') // [1, 0, 0] (to rounding)
 */
export function oklab(hex: string): Oklab {
	const [r, g, b] = [1, 3, 5].map((i) => toLinear(parseInt(hex.slice(i, i + 2), 16) / 255));
	const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
	const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
	const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
	return [
		0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s,
		1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s,
		0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s
	];
}

/** OKLCH to `#rrggbb`, or null outside what a screen shows. */
function fromOklch(lightness: number, chroma: number, hue: number): string | null {
	const [L, a, b] = [lightness, chroma * Math.cos((hue * Math.PI) / 180), chroma * Math.sin((hue * Math.PI) / 180)];
	const l = (L + 0.3963377774 * a + 0.2158037573 * b) ** 3;
	const m = (L - 0.1055613458 * a - 0.0638541728 * b) ** 3;
	const s = (L - 0.0894841775 * a - 1.291485548 * b) ** 3;
	const linear = [
		4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
		-1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
		-0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s
	];
	if (linear.some((c) => c < -1e-4 || c > 1 + 1e-4)) return null;
	return `#${linear
		.map((c) =>
			Math.round(Math.min(1, Math.max(0, toGamma(c))) * 255)
				.toString(16)
				.padStart(2, '0')
		)
		.join('')}`;
}

/** Euclidean distance in OKLab. */
export const difference = (a: string, b: string) => Math.hypot(...oklab(a).map((v, i) => v - oklab(b)[i]));

// what a layer is drawn on, in either theme: it must stand out from these too
const GROUNDS = [LIGHT, DARK].flatMap((theme) => [theme.land, theme.sea, theme.ukraine]);

// a wheel of strong, mid-light colours (every 10° of hue, two lightnesses), in gamut
const CANDIDATES = [0.55, 0.68].flatMap((L) => Array.from({ length: 36 }, (_, i) => fromOklch(L, 0.14, i * 10)).filter((c): c is string => c !== null));

/**
 * The candidate whose nearest colour, among `taken` and the base maps' grounds, is farthest.
 *
 * @example
 * distinctColour(['#c05621', '#2b6cb0']) // a colour far from both, and from land and sea
 */
export function distinctColour(taken: string[]): string {
	const others = [...taken.filter((c) => /^#[0-9a-f]{6}$/i.test(c)), ...GROUNDS];
	let best = CANDIDATES[0];
	let bestDistance = -1;
	for (const candidate of CANDIDATES) {
		const nearest = Math.min(...others.map((c) => difference(candidate, c)));
		if (nearest > bestDistance) [best, bestDistance] = [candidate, nearest];
	}
	return best;
}

/** Every colour a manifest's layers are drawn in: each layer's own and its categories'. */
export function manifestColours(manifest: unknown): string[] {
	const layers = (manifest as { layers?: unknown[] } | null)?.layers;
	if (!Array.isArray(layers)) return [];
	return layers.flatMap((layer) => {
		const style = (layer as { style?: { color?: unknown; by?: { categories?: { color?: unknown }[] } } } | null)?.style;
		const colours = [style?.color, ...(Array.isArray(style?.by?.categories) ? style.by.categories.map((c) => c?.color) : [])];
		return colours.filter((c): c is string => typeof c === 'string');
	});
}
