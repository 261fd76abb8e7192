import { EXPORT_SIZES, type ExportSize } from './exportSizes';

export { EXPORT_SIZES, type ExportSize };

export type ExportText = {
	title: string;
	subtitle: string;
	/** the newsroom's own paragraph under the subtitle, and its byline ("Graphic: …") in the credit */
	note?: string;
	byline?: string;
	/** the key: a swatch a class, hatched where the map hatches the layer */
	legend: { label: string; color: string; hatch?: boolean }[];
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
	/** the type and spacing at this size */
	scaled: Scaled;
	/** the title's, the subtitle's and the note's lines, wrapped to the width (never squeezed), with their baselines */
	headLines: { text: string; y: number; font: string; color: string }[];
	map: { width: number; height: number };
	legend: { x: number; y: number; label: string; color: string; hatch?: boolean }[];
	creditLines: { text: string; y: number }[];
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/**
 * The type and spacing at the wide size (1600 × 1000); smaller sizes scale them down with their
 * height or width, so the map keeps at least 70% of every image.
 */
const BASE = { margin: 32, title: 40, subtitle: 22, note: 18, swatch: 18, legendRow: 28, legendFont: 18, creditLine: 22, creditFont: 16 };
type Scaled = typeof BASE;
const scaledFor = (size: { width: number; height: number }): Scaled => {
	const k = Math.min(1, size.height / 1000, size.width / 1600);
	return Object.fromEntries(Object.entries(BASE).map(([key, v]) => [key, Math.round(v * Math.max(k, 0.6))])) as Scaled;
};

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
	const z = scaledFor(size);
	const g = document.createElement('canvas').getContext('2d')!;
	const inner = size.width - 2 * z.margin;
	g.font = `${z.legendFont}px ${FONT}`;
	const legend: ExportLayout['legend'] = [];
	let x = 0;
	let row = 0;
	for (const entry of text.legend) {
		const w = z.swatch + 8 + Math.min(g.measureText(entry.label).width, inner - z.swatch - 8) + 28;
		if (x > 0 && x + w - 28 > inner) {
			x = 0;
			row++;
		}
		legend.push({ x: z.margin + Math.round(x), y: row, label: entry.label, color: entry.color, hatch: entry.hatch });
		x += w;
	}
	const legendRows = text.legend.length ? row + 1 : 0;
	g.font = `${z.creditFont}px ${FONT}`;
	const credit = [text.date, [text.byline, text.credit].filter(Boolean).join(' · ')].flatMap((part) => wrap(g, part, inner));
	const footer = Math.round(z.creditLine * 0.8) + legendRows * z.legendRow + 8 + credit.length * z.creditLine + 8;
	// the head: title, subtitle and note, each wrapped, each line below the one before
	const headLines: ExportLayout['headLines'] = [];
	let y = Math.round(z.margin * 0.4);
	for (const [part, px, weight, color] of [
		[text.title, z.title, 'bold ', '#1a202c'],
		[text.subtitle, z.subtitle, '', '#4a5568'],
		[text.note ?? '', z.note, '', '#1a202c']
	] as const) {
		const font = `${weight}${px}px ${FONT}`;
		const lineHeight = Math.round(px * 1.25);
		g.font = font;
		for (const line of part ? wrap(g, part, inner) : []) headLines.push({ text: line, y: (y += lineHeight) - Math.round(lineHeight * 0.22), font, color });
	}
	const header = y + Math.round(z.margin * 0.4);
	const mapHeight = size.height - header - footer;
	const top = size.height - footer + Math.round(z.creditLine * 0.8);
	return {
		...size,
		header,
		headLines,
		scaled: z,
		map: { width: size.width, height: mapHeight },
		legend: legend.map((e) => ({ ...e, y: top + e.y * z.legendRow })),
		creditLines: credit.map((line, i) => ({ text: line, y: top + legendRows * z.legendRow + 8 + (i + 1) * z.creditLine - 6 }))
	};
}

/**
 * The map picture with its title, key, sources and date baked in, drawn with the canvas 2D API:
 * text is drawn as text, never parsed as HTML.
 */
export function composeExport(map: CanvasImageSource, text: ExportText, layout: ExportLayout): HTMLCanvasElement {
	const z = layout.scaled;
	const canvas = document.createElement('canvas');
	canvas.width = layout.width;
	canvas.height = layout.height;
	const g = canvas.getContext('2d')!;
	const inner = layout.width - 2 * z.margin;
	g.fillStyle = '#ffffff';
	g.fillRect(0, 0, layout.width, layout.height);
	g.drawImage(map, 0, layout.header, layout.map.width, layout.map.height);

	for (const line of layout.headLines) {
		g.fillStyle = line.color;
		g.font = line.font;
		g.fillText(line.text, z.margin, line.y);
	}

	g.font = `${z.legendFont}px ${FONT}`;
	for (const entry of layout.legend) {
		if (entry.hatch) hatched(g, entry.x, entry.y, z.swatch, entry.color);
		else {
			g.fillStyle = entry.color;
			g.fillRect(entry.x, entry.y, z.swatch, z.swatch);
		}
		g.fillStyle = '#1a202c';
		g.fillText(entry.label, entry.x + z.swatch + 8, entry.y + Math.round(z.swatch * 0.83), inner - z.swatch - 8);
	}
	g.fillStyle = '#4a5568';
	g.font = `${z.creditFont}px ${FONT}`;
	for (const line of layout.creditLines) g.fillText(line.text, z.margin, line.y, inner);
	return canvas;
}

/** A swatch as the map draws a hatched area (the occupied area): a light wash crossed by diagonal lines of its colour, outlined. */
function hatched(g: CanvasRenderingContext2D, x: number, y: number, size: number, color: string): void {
	g.save();
	g.beginPath();
	g.rect(x, y, size, size);
	g.clip();
	g.globalAlpha = 0.22;
	g.fillStyle = color;
	g.fillRect(x, y, size, size);
	g.globalAlpha = 1;
	g.strokeStyle = color;
	g.lineWidth = 2;
	for (let d = -size; d < size; d += 6) {
		g.beginPath();
		g.moveTo(x + d, y + size);
		g.lineTo(x + d + size, y);
		g.stroke();
	}
	g.restore();
	g.strokeStyle = color;
	g.lineWidth = 1;
	g.strokeRect(x + 0.5, y + 0.5, size - 1, size - 1);
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
