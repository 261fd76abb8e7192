import type { AtlasMap } from '../map/atlasMap';
import type { LayerSpec } from '../manifest/specs';
import type { Bibliography } from '../manifest/schema';
import type { Scene } from '../manifest/scenes';
import type { Month } from '../time/timeline';
import { composeExport, downloadPng, exportLayout, EXPORT_SIZES, type ExportSize, type ExportText } from '../render/exportImage';
import { featuresIn } from '../geo/frame';
import { legendFor } from '../manifest/legend';
import type { BBox } from '../geo/types';
import { dayLabel, shownIn } from '../time/timeline';
import { datesLine, type PictureDates } from '../content/dating';
import type { NewsroomWords } from '../state/urlState';
import { lang, t, wording } from '../i18n/i18n.svelte';
import { entryLabel, layerTitle } from '../manifest/localise';
import { baseMapCredit } from './credit';

export type ExportState = {
	layers: LayerSpec[];
	/** what each date of the picture is for (the viewer's `dates`) */
	dates: PictureDates;
	/** a newsroom's own headline, subtitle, note and byline */
	words: NewsroomWords;
	visible: Record<string, boolean>;
	sources: Bibliography;
	scene?: Scene;
	until: Month | null;
	size?: ExportSize;
};

/** Downloads the map as a PNG of what the reader sees, at the same zoom, with its title, key, sources and dates baked in. */
export async function exportView(
	atlas: AtlasMap,
	{ layers, dates, words, visible, sources, scene, until, size = EXPORT_SIZES[0] }: ExportState
): Promise<void> {
	const on = layers.filter((l) => visible[l.id]);
	const title = (l: LayerSpec) => layerTitle(l.def, lang());
	// the key lists what the image draws: of each layer on, the classes with a feature in the frame
	const legendIn = (box: BBox): ExportText['legend'] =>
		on.flatMap((l) => {
			const inFrame = featuresIn(
				l.display.features.filter((f) => shownIn(l.def, f, until)),
				box
			);
			if (inFrame.length === 0) return [];
			const hatch = l.def.style.hatch === true;
			if (l.legend.length <= 1) return [{ label: title(l), color: l.color, hatch }];
			const counted = legendFor(l.def, inFrame);
			return l.legend
				.filter((e) => counted.some((c) => c.label === e.label && c.count > 0))
				.map((e) => ({ label: entryLabel(l.def, e, lang(), t), color: e.color, hatch }));
		});
	const publishers = [
		...new Set(
			on
				.flatMap((l) => l.def.sources)
				.map((k) => sources[k]?.publisher)
				.filter(Boolean)
		)
	];
	const today = new Date().toISOString().slice(0, 10);
	const wordsNow = wording();
	const text: ExportText = {
		title: words.title ?? (scene ? t.pick(scene.title, scene.i18n?.uk.title) : t("Ukraine's security guarantees")),
		// the article's words, never a list of the layers
		subtitle:
			words.subtitle ??
			(scene
				? t.pick(scene.subtitle ?? scene.caption, scene.i18n?.uk.subtitle ?? scene.i18n?.uk.caption)
				: t('Who pledged what, the supply hubs, the front and the skies')),
		note: words.note,
		byline: words.byline,
		legend: [],
		credit: `${t('Sources')}: ${publishers.join(', ')} · ${baseMapCredit()}`,
		date: `${datesLine(dates, wordsNow)} · ${t('Exported')} ${dayLabel(today, wordsNow.months)}`
	};
	// the key and the credit are laid out first: the map takes the height they leave. The key depends
	// on the frame and the frame on the map's height: laid out with every class, then with the frame's
	let layout = exportLayout({ ...text, legend: legendIn([-180, -85, 180, 85]) }, size);
	let frame = await atlas.exportFrame(layout.map.width, layout.map.height);
	text.legend = legendIn(frame.bounds);
	layout = exportLayout(text, size);
	frame = await atlas.exportFrame(layout.map.width, layout.map.height);
	const shot = await atlas.snapshot(layout.map.width, layout.map.height, frame);
	const canvas = composeExport(shot, text, layout);
	const suffix = size.id === 'wide' ? '' : `-${size.width}x${size.height}`;
	await downloadPng(canvas, `ukraine-security-guarantees-${today}${suffix}.png`);
}
