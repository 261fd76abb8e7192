import bbox from '@turf/bbox';
import pointOnFeature from '@turf/point-on-feature';
import type { Feature, FeatureCollection, Point } from 'geojson';

import type { BBox } from './types';

/** A thing a reader can search for or tab to: a feature of a layer, or a country of the base map. */
export type Place = {
	label: string;
	/** the layer's title, or "Country" */
	kind: string;
	/** manifest layer id and the feature's index in that layer's display (null for base-map countries) */
	layerId: string | null;
	index: number | null;
	bbox: BBox;
	/** where a marker for it goes: the point itself, or a point inside its shape */
	anchor: [number, number];
	properties: Record<string, unknown>;
	/** accent- and case-folded label and place names, for matching */
	text: string;
	/** a town of the base map: the zoom it is labelled from, where a search flies to */
	zoom?: number;
	/** where it is, in the reader's language: "Donetsk oblast, Ukraine" for a town, a feature's country */
	where?: string;
};

/**
 * A town of the base map as the build lists it: English name, Ukrainian name ('' if the same),
 * another spelling (''), longitude, latitude, label zoom, and where it is (a key of `where`).
 */
export type TownRow = [string, string, string, number, number, number, string];
/** The build's list of towns, with where each is in English and Ukrainian ("Donetsk oblast, Ukraine"; "Poland"). */
export type TownIndex = { where: Record<string, [string, string]>; towns: TownRow[] };

/** `Rzeszów` and `rzeszow` match; so do `Câmpia` and `campia`. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

type LayerLike = { id: string; title: string; display: FeatureCollection };

/**
 * Every drawn feature of every layer, and every labelled country and town, as places. Searchable
 * text is the name plus a feature's `place` and `country`, so a town named in an incident finds it.
 */
export function placesFrom(
	layers: LayerLike[],
	countries: FeatureCollection<Point, { name: string; name_uk?: string }>,
	towns: TownIndex = { where: {}, towns: [] },
	language: 'en' | 'uk' = 'en'
): Place[] {
	return [...layers.flatMap((layer) => layerPlaces(layer, language)), ...basemapPlaces(countries, towns, language)];
}

/** One layer's drawn features as places (its part of `placesFrom`). */
export function layerPlaces(layer: LayerLike, language: 'en' | 'uk' = 'en'): Place[] {
	return layer.display.features
		.filter((f) => f.geometry)
		.map((f, i): Place => {
			const p = f.properties ?? {};
			const english = String(p.name ?? p.id ?? `${layer.title} ${i + 1}`);
			// the reader's language names it; either language finds it
			const label = language === 'uk' && typeof p.name_uk === 'string' && p.name_uk ? p.name_uk : english;
			const country = language === 'uk' && typeof p.country_uk === 'string' && p.country_uk ? p.country_uk : p.country;
			return {
				label,
				kind: layer.title,
				layerId: layer.id,
				index: Number(p._i ?? i),
				bbox: bbox(f) as BBox,
				anchor: anchorOf(f),
				properties: p,
				text: fold([english, p.name_uk, p.place, p.place_uk, p.country, p.country_uk].filter((s) => typeof s === 'string').join(' ')),
				...(typeof country === 'string' && country ? { where: country } : {})
			};
		});
}

/** The base map's labelled countries and towns as places (the rest of `placesFrom`). */
export function basemapPlaces(
	countries: FeatureCollection<Point, { name: string; name_uk?: string }>,
	towns: TownIndex = { where: {}, towns: [] },
	language: 'en' | 'uk' = 'en'
): Place[] {
	const named = (en: string, uk: string | undefined) => (language === 'uk' && uk ? uk : en);
	const fromBasemap = countries.features.map((c): Place => ({
		label: named(c.properties.name, c.properties.name_uk),
		kind: 'Country',
		layerId: null,
		index: null,
		bbox: [...c.geometry.coordinates, ...c.geometry.coordinates] as BBox,
		anchor: c.geometry.coordinates as [number, number],
		properties: {},
		text: fold([c.properties.name, c.properties.name_uk ?? ''].join(' '))
	}));
	// every town the map labels, found by its name in either language or by GeoNames' own spelling
	const whereOf = (key: string) => towns.where[key]?.[language === 'uk' ? 1 : 0];
	const fromTowns = towns.towns.map(([en, uk, alt, lon, lat, zoom, at]): Place => ({
		label: named(en, uk),
		kind: 'Town',
		layerId: null,
		index: null,
		bbox: [lon, lat, lon, lat],
		anchor: [lon, lat],
		properties: {},
		text: fold([en, uk, alt].join(' ')),
		zoom,
		...(whereOf(at) ? { where: whereOf(at) } : {})
	}));
	return [...fromBasemap, ...fromTowns];
}

function anchorOf(f: Feature): [number, number] {
	if (f.geometry?.type === 'Point') return f.geometry.coordinates as [number, number];
	return pointOnFeature(f).geometry.coordinates as [number, number];
}

/**
 * Places matching a query: names starting with it first, then names containing it, then other
 * text containing it; features of the atlas's layers before bare countries.
 *
 * @example
 * searchPlaces(places, 'rzesz') // [Rzeszów-Jasionka logistics hub, Rzeszów-Jasionka Airport, …]
 */
export function searchPlaces(places: Place[], query: string, limit = 8): Place[] {
	const q = fold(query.trim());
	if (!q) return [];
	const rank = (p: Place) => {
		const name = fold(p.label);
		const score = name.startsWith(q) ? 0 : name.includes(q) ? 1 : p.text.includes(q) ? 2 : 9;
		return score * 3 + (p.layerId ? 0 : p.kind === 'Country' ? 1 : 2);
	};
	return places
		.map((p) => ({ p, r: rank(p) }))
		.filter(({ r }) => r < 27)
		.sort((a, b) => a.r - b.r || (a.p.zoom ?? 0) - (b.p.zoom ?? 0) || a.p.label.localeCompare(b.p.label))
		.slice(0, limit)
		.map(({ p }) => p);
}

const overlaps = (a: BBox, b: BBox) => a[0] <= b[2] && a[2] >= b[0] && a[1] <= b[3] && a[3] >= b[1];

/**
 * The layer features a view shows, in reading order: by layer (manifest order), then west to
 * east. Points count when inside the view, shapes when their box overlaps it.
 */
export function placesInView(places: Place[], view: BBox, layerOrder: string[], shown: (p: Place) => boolean): Place[] {
	return places
		.filter((p) => p.layerId !== null && shown(p))
		.filter((p) => (p.bbox[0] === p.bbox[2] && p.bbox[1] === p.bbox[3] ? overlaps([...p.anchor, ...p.anchor] as BBox, view) : overlaps(p.bbox, view)))
		.sort((a, b) => layerOrder.indexOf(a.layerId!) - layerOrder.indexOf(b.layerId!) || a.anchor[0] - b.anchor[0]);
}
