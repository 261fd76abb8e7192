import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { openAtlas, project } from './atlas';
import { cameraBounds } from '../../src/lib/geo/frame';
import { SCENE_WINDOW } from '../../src/lib/map/view';

test.use({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });

test('at 360 px: no sideways scroll, and Ukraine sits above the bottom panel', async ({ page }) => {
	await openAtlas(page, '/');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
	const sheetTop = (await page.locator('aside.sheet').boundingBox())!.y;
	const kyiv = await project(page, [30.52, 50.45]);
	expect(kyiv.x).toBeGreaterThan(0);
	expect(kyiv.x).toBeLessThan(360);
	expect(kyiv.y).toBeLessThan(sheetTop);
	// controls big enough for thumbs
	const tab = (await page.getByRole('button', { name: 'Coverage' }).boundingBox())!;
	expect(tab.height).toBeGreaterThanOrEqual(32);
});

test.describe('the tour on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, reducedMotion: 'reduce' });

	// the scenes whose subject is points: each point the scene shows on a desktop must be on the phone's screen too,
	// above the sheet, below the caption and clear of the zoom buttons
	const scenes: { id: string; camera: { center: [number, number]; zoom: number }; layers: string[] }[] = JSON.parse(
		readFileSync('geodata/scenes.json', 'utf8')
	).scenes;
	// the point layers' files, by layer id, as the manifest names them
	const pointLayers: Record<string, string> = Object.fromEntries(
		JSON.parse(readFileSync('geodata/layers.json', 'utf8'))
			.layers.filter((l: { kind: string }) => l.kind === 'point')
			.map((l: { id: string; file: string }) => [l.id, l.file])
	);

	/** The points a scene shows in the window it was written for. */
	function subjectPoints(scene: (typeof scenes)[number]): [number, number][] {
		const [w, s, e, n] = cameraBounds(scene.camera.center, scene.camera.zoom, SCENE_WINDOW.width, SCENE_WINDOW.height);
		return scene.layers
			.filter((l) => pointLayers[l])
			.flatMap((l) => JSON.parse(readFileSync(`geodata/${pointLayers[l]}`, 'utf8')).features)
			.filter((f: { geometry: { type: string } | null }) => f.geometry?.type === 'Point')
			.map((f: { geometry: { coordinates: [number, number] } }) => f.geometry.coordinates)
			.filter(([x, y]: [number, number]) => x >= w && x <= e && y >= s && y <= n);
	}

	/** Each of a scene's points outside the map left uncovered, said; none while the camera rests. */
	async function outOfFrame(page: Page, scene: (typeof scenes)[number]): Promise<string[]> {
		if (await page.evaluate(() => window.__atlas!.map.isMoving())) return ['the camera is moving'];
		const sheet = (await page.locator('aside.sheet').boundingBox())!;
		const caption = (await page.locator('header.masthead').boundingBox())!;
		const buttons = (await page.locator('.maplibregl-ctrl-zoom-in').boundingBox())!;
		const out: string[] = [];
		for (const point of subjectPoints(scene)) {
			const at = await project(page, point);
			if (at.y <= caption.y + caption.height) out.push(`${scene.id}: ${point} under the caption`);
			if (at.y >= sheet.y) out.push(`${scene.id}: ${point} under the sheet`);
			if (at.x <= 0) out.push(`${scene.id}: ${point} off screen`);
			if (at.x >= buttons.x) out.push(`${scene.id}: ${point} in the zoom buttons' strip`);
		}
		return out;
	}

	for (const start of ['the tour', 'a scene’s address'] as const)
		test(`each scene frames its subject in the map left uncovered (${start})`, async ({ page }) => {
			const withPoints = scenes.filter((s) => subjectPoints(s).length > 0);
			expect(withPoints.map((s) => s.id)).toEqual(expect.arrayContaining(['hubs', 'incursions', 'air']));
			let errors: string[] = [];
			if (start === 'the tour') {
				({ errors } = await openAtlas(page, '/'));
				await page.getByRole('button', { name: /Take the tour/ }).click();
			}
			for (const [i, scene] of scenes.entries()) {
				if (start === 'a scene’s address') ({ errors } = await openAtlas(page, `/?scene=${scene.id}`));
				else if (i > 0) await page.getByRole('button', { name: /Next/ }).click();
				if (!withPoints.includes(scene)) continue;
				// the camera settles, then the scene is framed again once the panels are measured: the
				// points are checked until the camera rests with them in the map left uncovered
				await page.waitForFunction(() => !window.__atlas!.map.isMoving());
				await expect.poll(() => outOfFrame(page, scene)).toEqual([]);
			}
			expect(errors).toEqual([]);
		});
});
