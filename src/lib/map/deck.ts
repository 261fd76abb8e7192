import { MapboxOverlay } from '@deck.gl/mapbox';
import { ScatterplotLayer } from '@deck.gl/layers';
import type { Map as MaplibreMap } from 'maplibre-gl';
import type { Feature, Point, MultiPoint, Position } from 'geojson';
import type { LayerSpec } from '../manifest/specs';
import { colorOf } from '../manifest/legend';
import type { Pick } from './atlasMap';
import { shownAt, type Month } from '../time/timeline';

export type DeckLayers = {
	/** `until`: dated features after this month are left out */
	set(specs: LayerSpec[], beforeId: string, until: Month | null): void;
	/** the deck feature under a screen point, if any */
	pick(x: number, y: number): Pick | null;
	remove(): void;
};

type Dot = { position: Position; index: number; color: [number, number, number] };

const rgb = (hex: string): [number, number, number] => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];

/** deck.gl point layers, interleaved with maplibre's so the country labels stay on top. */
export function createDeckLayers(map: MaplibreMap): DeckLayers {
	const overlay = new MapboxOverlay({ interleaved: true, layers: [] });
	map.addControl(overlay);
	return {
		set(specs, beforeId, until) {
			overlay.setProps({
				layers: specs.map((spec) => {
					const dots: Dot[] = spec.display.features.filter((f) => shownAt(f, until)).flatMap((f: Feature) => {
						const geometry = f.geometry as Point | MultiPoint;
						const positions = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
						const color = rgb(colorOf(spec.def, f.properties));
						return positions.map((position) => ({ position, index: Number(f.properties?._i), color }));
					});
					return new ScatterplotLayer<Dot>({
						id: spec.id,
						beforeId,
						data: dots,
						visible: spec.def.visible !== false,
						getPosition: (d: Dot) => d.position as [number, number],
						getFillColor: (d: Dot) => d.color,
						getLineColor: [255, 255, 255],
						stroked: true,
						radiusUnits: 'pixels',
						lineWidthUnits: 'pixels',
						getRadius: spec.def.style.radius ?? 6,
						getLineWidth: 1.5,
						opacity: spec.def.style.opacity ?? 1,
						pickable: true
					} as never);
				})
			});
		},
		pick(x, y) {
			const info = overlay.pickObject({ x, y, radius: 4 });
			return info?.object ? { layerId: info.layer!.id, index: (info.object as Dot).index } : null;
		},
		remove() {
			map.removeControl(overlay);
		}
	};
}
