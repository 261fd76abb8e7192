import type { MultiPolygon, Polygon } from 'geojson';
import type { CoverageSettings } from '../manifest/coverageSettings';
import type { LayerSpec } from '../manifest/specs';
import type { BaseChoice, CoverageFigures } from '../ui/coverageTypes';
import type { CoverageClient } from '../workers/coverageClient';

import type { Countries } from '../geo/types';

/**
 * The coverage panel's state and its worker: choices in, figures and a shape out (the map draws
 * `shown`, through atlas/mapSync.svelte.ts).
 * The worker starts only when the panel is first opened, so readers who never open it pay nothing.
 */
export class Coverage {
	selected = $state<string[]>([]);
	radiusKm = $state(500);
	standOff = $state(false);
	figures = $state.raw<CoverageFigures | null>(null);
	error = $state<string | null>(null);
	/** the covered area while the panel is open, else null: what the map draws */
	shown = $state.raw<GeoJSON.Feature | null>(null);
	// candidate bases: every point of the air-bases layer
	readonly bases: BaseChoice[];
	private client: Promise<CoverageClient | null> | null = null;
	// a result that arrives after the panel closed must not put the shape back on the map
	private active = false;

	constructor(
		private countries: Countries,
		private layers: LayerSpec[],
		readonly settings: CoverageSettings
	) {
		this.bases = (layers.find((l) => l.id === 'air-bases')?.display.features ?? []).map((f) => ({
			id: String(f.properties?.id),
			name: String(f.properties?.name),
			country: String(f.properties?.country ?? ''),
			position: (f.geometry as GeoJSON.Point).coordinates as [number, number],
			properties: f.properties ?? {}
		}));
		// by default the bases nearest Ukraine: Poland's and Romania's
		this.selected = this.bases.filter((b) => b.country === 'Poland' || b.country === 'Romania').map((b) => b.id);
	}

	/** Sends the current choices to the worker (reading them makes a calling $effect track them). */
	recompute(): void {
		this.active = true;
		const bases = this.bases.filter((b) => this.selected.includes(b.id)).map((b) => ({ id: b.id, position: b.position, radiusKm: this.radiusKm }));
		const standOffKm = this.standOff ? this.settings.standOff.km : 0;
		void this.worker().then((client) => client?.compute(bases, standOffKm));
	}

	hide(): void {
		this.active = false;
		this.shown = null;
	}

	destroy(): void {
		this.active = false;
		void this.client?.then((c) => c?.destroy());
	}

	private worker(): Promise<CoverageClient | null> {
		const occupied = this.layers.find((l) => l.id === 'occupied')?.display.features[0]?.geometry;
		if (!occupied) {
			this.error = 'the occupied-area layer did not load';
			return Promise.resolve(null);
		}
		this.client ??= import('../workers/coverageClient').then(
			({ CoverageClient }) =>
				new CoverageClient({ countries: this.countries, occupied: occupied as Polygon | MultiPolygon }, (update) => {
					if ('error' in update) return void (this.error = update.error);
					this.error = null;
					this.figures = { ...update.result, ms: update.ms };
					if (this.active) this.shown = update.result.covered;
				})
		);
		return this.client;
	}
}
