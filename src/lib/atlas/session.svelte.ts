import { base } from '$app/paths';
import type { AtlasMap } from '../map/atlasMap';
import type { Countries } from '../geo/types';
import type { Problem } from '../manifest/errors';
import type { AtlasState, ThemeName } from '../state/urlState';
import type { Coverage } from './coverage.svelte';
import type { Viewer } from './viewer.svelte';
import type { ExportSize } from '../render/exportSizes';
import { fill, formatNumber, lang, pluralForm, t } from '../i18n/i18n.svelte';

/**
 * One page's atlas: what start-up has made so far (the code, the viewer, the map), the page's own
 * choices (theme, language, view) and what the chrome around the map shows. The viewer holds what
 * the reader looks at; this holds the rest, so each chrome and the start-up share one record.
 */
export class AtlasSession {
	/** everything besides the base map's own code, loaded while the base map draws */
	lib = $state.raw<typeof import('./lazy') | null>(null);
	viewer = $state.raw<Viewer | null>(null);
	/** the map, once its layers are in */
	map = $state.raw<AtlasMap | null>(null);
	countries = $state.raw<Countries | null>(null);
	coverage = $state.raw<Coverage | null>(null);
	/** makes the coverage panel's state, the first time the panel opens (start-up sets it where the content has coverage settings) */
	makeCoverage: (() => Promise<Coverage>) | null = null;
	private coverageAsked = false;
	/** The coverage panel's state, made once, when the panel first opens. */
	openCoverage(): void {
		if (this.coverageAsked || !this.makeCoverage) return;
		this.coverageAsked = true;
		void this.makeCoverage().then((c) => (this.coverage = c));
	}
	problems = $state.raw<Problem[]>([]);
	/** the base map and every manifest layer have drawn */
	ready = $state(false);
	webglFailed = $state(false);
	/** the map's WebGL context was lost and not given back: the static map stands in until it is */
	contextGone = $state(false);
	exporting = $state(false);
	theme = $state<ThemeName>('light');
	themeChosen = $state(false);
	langChosen = $state(false);
	/** the camera as the reader left it, for the address */
	view = $state.raw<AtlasState['view']>(undefined);
	/** absolute addresses for the embed snippet (known only in the browser) */
	origin = $state('');

	// the address holds the whole state (layers, view, time, scene, open feature, language, theme)
	readonly shareQuery = $derived.by(() => {
		const { viewer, lib } = this;
		if (!viewer || !lib) return '';
		return lib.serializeState({
			view: this.view,
			layers: viewer.layers.filter((l) => viewer.visible[l.id]).map((l) => l.id),
			time: viewer.until ?? undefined,
			scene: viewer.scenes[viewer.sceneIndex]?.id,
			feature: viewer.pinnedId,
			lang: this.langChosen ? lang() : undefined,
			theme: this.themeChosen ? this.theme : undefined
		});
	});
	readonly embedUrl = $derived(`${this.origin}${base}/embed?${this.shareQuery}`);
	readonly scriptUrl = $derived(`${this.origin}${base}/embed.js`);
	// the embed's credit names the data behind what is drawn (DeepStateMap.Live for the front), then counts the rest
	readonly dataCredit = $derived.by(() => {
		const viewer = this.viewer;
		if (!viewer) return '';
		const datasets = [...new Set(viewer.drawnLayers.flatMap((l) => l.def.sources).filter((k) => viewer.sources[k]?.kind === 'dataset'))];
		const total = Object.keys(viewer.sources).length;
		if (datasets.length === 0) return fill(pluralForm(lang(), total, t('Data from {n} source|Data from {n} sources')), { n: formatNumber(total) });
		const n = total - datasets.length;
		const others = fill(pluralForm(lang(), n, t('{n} other source|{n} other sources')), { n: formatNumber(n) });
		const names = [...new Set(datasets.map((k) => viewer.sources[k].publisher))].join(', ');
		return fill(t('Data: {names} and {others}'), { names, others });
	});

	report(problem: Problem): void {
		this.problems = [...this.problems, problem];
	}

	/** Downloads the current view as a PNG; a failure becomes a notice. */
	async exportImage(size?: ExportSize): Promise<void> {
		const { map, viewer } = this;
		if (!map || !viewer || this.exporting) return;
		this.exporting = true;
		try {
			const { exportView } = await import('./exportView');
			await exportView(map, {
				layers: viewer.layers,
				dates: viewer.dates,
				words: viewer.words,
				visible: viewer.visible,
				sources: viewer.sources,
				scene: viewer.scenes[viewer.sceneIndex],
				until: viewer.until,
				size
			});
		} catch (error) {
			this.report({ file: '', field: 'export', message: `${t('the image could not be made')} (${(error as Error).message})` });
		} finally {
			this.exporting = false;
		}
	}
}
