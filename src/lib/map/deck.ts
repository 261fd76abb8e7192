import { MapboxOverlay } from '@deck.gl/mapbox';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import type { Layer } from '@deck.gl/core';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Feature, Point, MultiPoint, Position } from 'geojson';
import type { LayerSpec } from '../manifest/specs';
import { colorOf } from '../manifest/legend';
import type { FeaturePick } from './atlasMap';
import { shownIn, type Month } from '../time/timeline';
import { clusterRadius, containsBounds, shouldCluster, widenBounds } from '../geo/clusters';
import type { BBox } from '../geo/types';
import type { ClusterClient, ClusterResult } from '../workers/clusterClient';
import { rgb, type Rgb } from './theme';
// the rendering defaults come from the caller (mapLayers), not an import: a module both this chunk and
// mapLayers' imported would be a chunk of its own, one more request on every page
import type { Paint } from '../design/defaults';

type PointPaint = Paint['point'];

/** A cluster under the pointer: no feature of its own, a click zooms in until it splits. */
export type ClusterPick = { layerId: string; cluster: { center: [number, number]; zoom: number; count: number } };

export type DeckLayers = {
	/**
	 * `until`: dated features after this month are left out. Resolves once every layer is drawn,
	 * clusters included (they are computed in a worker).
	 */
	set(specs: LayerSpec[], beforeId: string, until: Month | null, shown: (layerId: string) => boolean): Promise<void>;
	/** the deck feature or cluster under a screen point, if any */
	pick(x: number, y: number): FeaturePick | ClusterPick | null;
	remove(): void;
};

type Dot = { position: Position; index: number; color: Rgb };
type Cluster = { layerId: string; position: [number, number]; count: number; zoom: number; radius: number; label: string };

/** A dense layer's points and what the worker last made of them. */
type Clustered = {
	dots: Dot[];
	/** the request the drawn clusters answer, or will once the worker replies */
	asked: { zoom: number; bbox: BBox } | null;
	/** the dots whose positions the worker holds */
	sent: Dot[] | null;
	drawn: { clusters: Cluster[]; singles: Dot[] } | null;
	/** the worker failed: the layer is drawn point by point as before */
	failed: boolean;
};

// a cluster of a layer coloured by category mixes them: it takes a neutral ink, not one category's colour
const MIXED_INK: Rgb = [45, 55, 72];
const DIGITS = '0123456789';

function dotsOf(spec: LayerSpec, until: Month | null): Dot[] {
	return spec.display.features
		.filter((f) => shownIn(spec.def, f, until))
		.flatMap((f: Feature) => {
			const geometry = f.geometry as Point | MultiPoint;
			const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
			const color = rgb(colorOf(spec.def, f.properties));
			return positions.map((position) => ({ position, index: Number(f.properties?._i), color }));
		});
}

// points and clusters alike: a white ring, sizes in screen pixels
const whiteRing = (point: PointPaint) =>
	({
		getLineColor: rgb(point.ringColor),
		stroked: true,
		radiusUnits: 'pixels',
		lineWidthUnits: 'pixels',
		getLineWidth: point.ringWidth
	}) as const;

/** The points as the atlas has always drawn them: one dot each, coloured by the layer's style. */
function dotLayer(spec: LayerSpec, beforeId: string, dots: Dot[], visible: boolean, point: PointPaint): Layer {
	return new ScatterplotLayer<Dot>({
		id: spec.id,
		beforeId,
		data: dots,
		visible,
		getPosition: (d: Dot) => d.position as [number, number],
		getFillColor: (d: Dot) => d.color,
		...whiteRing(point),
		getRadius: spec.def.style.radius ?? point.radius,
		opacity: spec.def.style.opacity ?? point.opacity,
		pickable: true
	} as never);
}

/** One circle a cluster, its area growing with its count, and the count written on it. */
function clusterLayers(spec: LayerSpec, beforeId: string, clusters: Cluster[], visible: boolean, point: PointPaint): Layer[] {
	const ink = spec.def.style.by ? MIXED_INK : rgb(spec.color);
	return [
		new ScatterplotLayer<Cluster>({
			id: `${spec.id}:clusters`,
			beforeId,
			data: clusters,
			visible,
			getPosition: (c: Cluster) => c.position,
			getRadius: (c: Cluster) => c.radius,
			getFillColor: [...ink, 230],
			...whiteRing(point),
			pickable: true
		} as never),
		new TextLayer<Cluster>({
			id: `${spec.id}:counts`,
			beforeId,
			data: clusters,
			visible,
			getPosition: (c: Cluster) => c.position,
			getText: (c: Cluster) => c.label,
			getSize: 11,
			sizeUnits: 'pixels',
			getColor: [255, 255, 255],
			// the font is the reader's own (drawn into deck's glyph atlas locally): nothing is fetched
			fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
			fontWeight: 700,
			characterSet: DIGITS,
			getTextAnchor: 'middle',
			getAlignmentBaseline: 'center'
		} as never)
	];
}

function clustersOf(layerId: string, result: ClusterResult): Cluster[] {
	const clusters: Cluster[] = [];
	for (let k = 0; k < result.clusters.length; k += 4) {
		const count = result.clusters[k + 2];
		clusters.push({
			layerId,
			position: [result.clusters[k], result.clusters[k + 1]],
			count,
			zoom: result.clusters[k + 3],
			radius: clusterRadius(count),
			label: String(count)
		});
	}
	return clusters;
}

/** Longitude, latitude pairs in one buffer, which the worker takes over without a copy. */
function positionsOf(dots: Dot[]): Float64Array {
	const positions = new Float64Array(dots.length * 2);
	dots.forEach((d, i) => {
		positions[2 * i] = d.position[0];
		positions[2 * i + 1] = d.position[1];
	});
	return positions;
}

const isCluster = (object: object): object is Cluster => 'count' in object;

/**
 * luma.gl keeps its device on the WebGL context object, and wraps the context's own methods with
 * a cache of its state: both outlive a loss, and an overlay made after the restore would reuse
 * the lost context's programs and trust a state the restore reset. A context has no own
 * properties of its own (WebGL's are on its prototype), so what is on it is luma.gl's: it goes.
 */
export function forgetLostDevice(map: MaplibreMap): void {
	const gl = map.painter.context.gl as unknown as Record<string, unknown>;
	for (const key of Object.keys(gl)) delete gl[key];
}

/**
 * deck.gl point layers, interleaved with maplibre's so the country labels stay on top. A layer
 * with more points than `shouldCluster` allows is drawn as clusters, recomputed in a worker when
 * the whole zoom level, the time filter or the points change, or the view pans out of the area
 * clustered for it (the view and one view's size around it), never on each frame.
 */
export function createDeckLayers(map: MaplibreMap, paint: Paint): DeckLayers {
	const overlay = new MapboxOverlay({ interleaved: true, layers: [] });
	map.addControl(overlay);
	// supercluster's levels match maplibre's; at the map's deepest zoom every point stands alone,
	// and past 12 (60 px is then ~1.5 km) no level is worth its pass of the index build
	const maxZoom = Math.min(map.getMaxZoom() - 1, 12);
	let drawn: Drawn = {
		specs: [],
		beforeId: '',
		until: null,
		shown: () => true
	};
	const dotsFor = cachedDots();
	const clustered = new Map<string, Clustered>();
	let client: Promise<ClusterClient> | null = null;
	let outstanding = 0;
	let onSettled: (() => void)[] = [];

	const render = () => overlay.setProps({ layers: deckLayersOf(drawn, clustered, dotsFor, paint.point) });

	const settle = () => {
		if (outstanding > 0) return;
		const waiting = onSettled;
		onSettled = [];
		for (const resolve of waiting) resolve();
	};

	const ask = async (layerId: string, state: Clustered, zoom: number, bbox: BBox) => {
		state.asked = { zoom, bbox };
		const dots = state.dots;
		const positions = state.sent === dots ? undefined : positionsOf(dots);
		state.sent = dots;
		outstanding++;
		try {
			client ??= import('../workers/clusterClient').then(({ ClusterClient }) => new ClusterClient());
			const result = await (await client).request(layerId, { positions, options: { maxZoom }, bbox, zoom });
			// a reply for points since replaced is dropped: its indices point into the old ones
			if (result && clustered.get(layerId) === state && state.dots === dots) {
				state.drawn = { clusters: clustersOf(layerId, result), singles: Array.from(result.singles, (i) => dots[i]) };
				render();
			}
		} catch {
			state.failed = true;
			render();
		} finally {
			outstanding--;
			settle();
		}
	};

	/** Asks for clusters wherever the drawn ones no longer fit the view: cheap checks on every move. */
	const refresh = () => {
		if (clustered.size === 0) return;
		const zoom = Math.floor(map.getZoom());
		const b = map.getBounds();
		const view: BBox = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
		for (const spec of drawn.specs) {
			const state = clustered.get(spec.id);
			if (!state || state.failed || !drawn.shown(spec.id)) continue;
			const fits = state.asked && state.sent === state.dots && state.asked.zoom === zoom && containsBounds(state.asked.bbox, view);
			if (!fits) void ask(spec.id, state, zoom, widenBounds(view, 1));
		}
	};
	map.on('move', refresh);

	return {
		set(specs, beforeId, until, shown) {
			drawn = { specs, beforeId, until, shown };
			updateClustered(clustered, specs, (spec) => dotsFor(spec, until));
			refresh();
			render();
			return new Promise<void>((resolve) => {
				onSettled.push(resolve);
				settle();
			});
		},
		pick: (x, y) => pickAt(overlay, x, y),
		remove() {
			map.off('move', refresh);
			void client?.then((c) => c.destroy());
			map.removeControl(overlay);
		}
	};
}

type Drawn = { specs: LayerSpec[]; beforeId: string; until: Month | null; shown: (layerId: string) => boolean };
type DotsFor = (spec: LayerSpec, until: Month | null) => Dot[];

/** A layer's dots at a month, made again only when the layer, its style or the month changes. */
function cachedDots(): DotsFor {
	const dotCache = new WeakMap<LayerSpec, { until: Month | null; style: unknown; dots: Dot[] }>();
	return (spec, until) => {
		const cached = dotCache.get(spec);
		if (cached && cached.until === until && cached.style === spec.def.style) return cached.dots;
		const dots = dotsOf(spec, until);
		dotCache.set(spec, { until, style: spec.def.style, dots });
		return dots;
	};
}

/** The deck layers that draw what is asked: each layer's dots, or its clusters and the points left single. */
function deckLayersOf(drawn: Drawn, clustered: Map<string, Clustered>, dotsFor: DotsFor, point: PointPaint): Layer[] {
	return drawn.specs.flatMap((spec) => {
		const state = clustered.get(spec.id);
		const visible = drawn.shown(spec.id);
		if (!state) return [dotLayer(spec, drawn.beforeId, dotsFor(spec, drawn.until), visible, point)];
		if (state.failed) return [dotLayer(spec, drawn.beforeId, state.dots, visible, point)];
		// until the worker's first answer the layer waits rather than paint every point once
		if (!state.drawn) return [];
		return [dotLayer(spec, drawn.beforeId, state.drawn.singles, visible, point), ...clusterLayers(spec, drawn.beforeId, state.drawn.clusters, visible, point)];
	});
}

/** The layers dense enough to cluster, each with its current dots; the others, and layers gone, leave. */
function updateClustered(clustered: Map<string, Clustered>, specs: LayerSpec[], dotsAt: (spec: LayerSpec) => Dot[]): void {
	for (const id of clustered.keys()) if (!specs.some((s) => s.id === id)) clustered.delete(id);
	for (const spec of specs) {
		const dots = dotsAt(spec);
		const state = clustered.get(spec.id);
		if (!shouldCluster(dots.length)) clustered.delete(spec.id);
		else if (!state) clustered.set(spec.id, { dots, asked: null, sent: null, drawn: null, failed: false });
		else state.dots = dots;
	}
}

/** The deck feature or cluster under a screen point, if any. */
function pickAt(overlay: MapboxOverlay, x: number, y: number): FeaturePick | ClusterPick | null {
	const info = overlay.pickObject({ x, y, radius: 4 });
	const object = info?.object as Dot | Cluster | undefined;
	if (!object) return null;
	if (isCluster(object)) return { layerId: object.layerId, cluster: { center: object.position, zoom: object.zoom, count: object.count } };
	return { layerId: info!.layer!.id, index: object.index };
}
