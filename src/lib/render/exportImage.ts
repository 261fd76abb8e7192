/** The sizes offered: a social card, the article's wide picture, a square for feeds. */
export const EXPORT_SIZES = [
	{ id: 'wide', width: 1600, height: 1000 },
	{ id: 'social', width: 1200, height: 675 },
	{ id: 'square', width: 1080, height: 1080 }
] as const;
export type ExportSize = (typeof EXPORT_SIZES)[number];

export type ExportText = {
	title: string;
	subtitle: string;
	/** the newsroom's own paragraph under the subtitle, and its byline ("Graphic: …") in the credit */
	note?: string;
	byline?: string;
	legend: { label: string; color: string }[];
	/** the publishers of the sources and the base map's credit */
	credit: string;
	/** what the image shows as of, and when it was made */
	date: string;
};

/** Where each part of the image goes: the map's band between the title and the key. */
export type ExportLayout = {
	width: number;
	height: number;
	header: number;
	/** the title's, the subtitle's and the note's lines, wrapped to the width (never squeezed), with their baselines */
	headLines: { text: string; y: number; font: string; color: string }[];
	map: { width: number; height: number };
	legend: { x: number; y: number; label: string; color: string }[];
	creditLines: { text: string; y: number }[];
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
const MARGIN = 32;
const TITLE_FONT = `bold 40px ${FONT}`;
const SUBTITLE_FONT = `22px ${FONT}`;
const NOTE_FONT = `18px ${FONT}`;
const SWATCH = 18;
const LEGEND_ROW = 28;
const CREDIT_LINE = 22;
const LEGEND_FONT = `18px ${FONT}`;
const CREDIT_FONT = `16px ${FONT}`;

/** Words laid into lines no wider than `width`. */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(' ')) {
		const next = line ? `${line} ${word}` : word;
		if (line && g.measureText(next).width > width) {
			lines.push(line);
			line = word;
		} else line = next;
	}
	return line ? [...lines, line] : lines;
}

/**
 * Lays the image out before the map is drawn: every class of the key, flowing in rows under the
 * map (none left out), and the credit wrapped to the width; the map takes the height that is left.
 */
export function exportLayout(text: ExportText, size: { width: number; height: number }): ExportLayout {
	const g = document.createElement('canvas').getContext('2d')!;
	const inner = size.width - 2 * MARGIN;
	g.font = LEGEND_FONT;
	const legend: ExportLayout['legend'] = [];
	let x = 0;
	let row = 0;
	for (const entry of text.legend) {
		const w = SWATCH + 8 + Math.min(g.measureText(entry.label).width, inner - SWATCH - 8) + 28;
		if (x > 0 && x + w - 28 > inner) {
			x = 0;
			row++;
		}
		legend.push({ x: MARGIN + Math.round(x), y: row, label: entry.label, color: entry.color });
		x += w;
	}
	const legendRows = text.legend.length ? row + 1 : 0;
	g.font = CREDIT_FONT;
	const credit = [text.date, [text.byline, text.credit].filter(Boolean).join(' · ')].flatMap((part) => wrap(g, part, inner));
	const footer = 18 + legendRows * LEGEND_ROW + 8 + credit.length * CREDIT_LINE + 8;
	// the head: title, subtitle and note, each wrapped, each line below the one before
	const headLines: ExportLayout['headLines'] = [];
	let y = 14;
	for (const [part, font, lineHeight, color] of [
		[text.title, TITLE_FONT, 48, '#1a202c'],
		[text.subtitle, SUBTITLE_FONT, 30, '#4a5568'],
		[text.note ?? '', NOTE_FONT, 25, '#1a202c']
	] as const) {
		g.font = font;
		for (const line of part ? wrap(g, part, inner) : []) headLines.push({ text: line, y: (y += lineHeight) - Math.round(lineHeight * 0.25), font, color });
	}
	const header = y + 14;
	const mapHeight = size.height - header - footer;
	const top = size.height - footer + 18;
	return {
		...size,
		header,
		headLines,
		map: { width: size.width, height: mapHeight },
		legend: legend.map((e) => ({ ...e, y: top + e.y * LEGEND_ROW })),
		creditLines: credit.map((line, i) => ({ text: line, y: top + legendRows * LEGEND_ROW + 8 + (i + 1) * CREDIT_LINE - 6 }))
	};
}

/**
 * The map picture with its title, key, sources and date baked in, drawn with the canvas 2D API:
 * text is drawn as text, never parsed as HTML.
 */
export function composeExport(map: CanvasImageSource, text: ExportText, layout: ExportLayout): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = layout.width;
	canvas.height = layout.height;
	const g = canvas.getContext('2d')!;
	const inner = layout.width - 2 * MARGIN;
	g.fillStyle = '#ffffff';
	g.fillRect(0, 0, layout.width, layout.height);
	g.drawImage(map, 0, layout.header, layout.map.width, layout.map.height);

	for (const line of layout.headLines) {
		g.fillStyle = line.color;
		g.font = line.font;
		g.fillText(line.text, MARGIN, line.y);
	}

	g.font = LEGEND_FONT;
	for (const entry of layout.legend) {
		g.fillStyle = entry.color;
		g.fillRect(entry.x, entry.y, SWATCH, SWATCH);
		g.fillStyle = '#1a202c';
		g.fillText(entry.label, entry.x + SWATCH + 8, entry.y + 15, inner - SWATCH - 8);
	}
	g.fillStyle = '#4a5568';
	g.font = CREDIT_FONT;
	for (const line of layout.creditLines) g.fillText(line.text, MARGIN, line.y, inner);
	return canvas;
}

/** Saves a canvas as a PNG file through a same-origin blob link. */
export async function downloadPng(canvas: HTMLCanvasElement, fileName: string): Promise<void> {
	const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
	if (!blob) throw new Error('the browser could not encode the image');
	const url = URL.createObjectURL(blob);
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
