/** The exported image: a fixed size that suits articles and social cards, whatever the screen. */
const EXPORT = { width: 1600, height: 1000, header: 100, footer: 170 } as const;
export const EXPORT_MAP = { width: EXPORT.width, height: EXPORT.height - EXPORT.header - EXPORT.footer } as const;

export type ExportText = {
	title: string;
	subtitle: string;
	legend: { label: string; color: string }[];
	/** one line naming the sources and the base map */
	credit: string;
	/** what the image shows as of, and when it was made */
	date: string;
};

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';

/**
 * The map picture with its title, legend, sources line and date baked in, drawn with the
 * canvas 2D API: text is drawn as text, never parsed as HTML.
 */
export function composeExport(map: CanvasImageSource, text: ExportText): HTMLCanvasElement {
	const canvas = document.createElement('canvas');
	canvas.width = EXPORT.width;
	canvas.height = EXPORT.height;
	const g = canvas.getContext('2d')!;
	g.fillStyle = '#ffffff';
	g.fillRect(0, 0, EXPORT.width, EXPORT.height);
	g.drawImage(map, 0, EXPORT.header, EXPORT_MAP.width, EXPORT_MAP.height);

	g.fillStyle = '#1a202c';
	g.font = `bold 40px ${FONT}`;
	g.fillText(text.title, 32, 52, EXPORT.width - 64);
	g.fillStyle = '#4a5568';
	g.font = `22px ${FONT}`;
	g.fillText(text.subtitle, 32, 86, EXPORT.width - 64);

	// the legend: up to four rows in each of three columns; what does not fit is counted
	const top = EXPORT.height - EXPORT.footer + 18;
	const columns = 3;
	const rows = 4;
	const width = (EXPORT.width - 64) / columns;
	const fits = text.legend.slice(0, columns * rows);
	g.font = `18px ${FONT}`;
	fits.forEach((entry, i) => {
		const x = 32 + Math.floor(i / rows) * width;
		const y = top + (i % rows) * 26;
		g.fillStyle = entry.color;
		g.fillRect(x, y, 18, 18);
		g.fillStyle = '#1a202c';
		const more = i === fits.length - 1 && text.legend.length > fits.length ? ` (+${text.legend.length - fits.length} more)` : '';
		g.fillText(entry.label + more, x + 26, y + 15, width - 36);
	});
	g.fillStyle = '#4a5568';
	g.font = `16px ${FONT}`;
	g.fillText(`${text.credit} · ${text.date}`, 32, EXPORT.height - 16, EXPORT.width - 64);
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
