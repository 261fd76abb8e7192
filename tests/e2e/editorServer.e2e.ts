import { expect, test } from '@playwright/test';
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { styleLayers } from './atlas';

// `npm run editor` as a newsroom runs it: the built site (build/, from `npm run build`) and a save
// endpoint, over a copy of geodata/ in a git repository of its own, never the real one.
let dir: string;
let root: string;
let server: ChildProcess;
let address: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' });

test.beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-editor-server-'));
	root = join(dir, 'geodata');
	cpSync('geodata', root, { recursive: true });
	git('init', '--quiet');
	git('config', 'user.name', 'Newsroom Machine');
	git('config', 'user.email', 'atlas@example.org');
	git('add', '.');
	git('commit', '--quiet', '-m', 'start');
	server = spawn(process.execPath, ['--import', 'tsx', 'scripts/editor.ts', '--root', root, '--port', '0'], {
		env: { ...process.env, INIT_CWD: process.cwd() }
	});
	let out = '';
	address = await new Promise<string>((resolve, reject) => {
		server.stdout!.setEncoding('utf8').on('data', (text: string) => {
			out += text;
			const match = /open (http:\/\/\S+)/.exec(out);
			if (match) resolve(match[1]);
		});
		server.stderr!.setEncoding('utf8').on('data', (text: string) => (out += text));
		server.on('exit', (code) => reject(new Error(`npm run editor exited ${code}: ${out}`)));
	});
});
test.afterEach(() => {
	server.kill();
	rmSync(dir, { recursive: true, force: true });
});

test('a save through `npm run editor` writes what `layer -- check` accepts, and commits it', async ({ page }) => {
	test.setTimeout(120_000);
	expect(address).toMatch(/\/editor#token=[A-Za-z0-9_-]{32}$/);
	const errors: string[] = [];
	page.on('pageerror', (e) => errors.push(e.message));
	await page.goto(address);
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	// the token leaves the address bar as soon as the page has it
	expect(page.url()).not.toContain('token');
	await page.locator('input[type=file]').setInputFiles('tests/fixtures/editor/newsroom-points.geojson');
	await expect(page.getByTestId('summary')).toContainText('3 of 3 features on the map as a point layer');
	await page.getByLabel(/^Title/).fill('Liaison offices');
	const unknown = page.getByRole('group', { name: 'https://newsroom-example.org/ukraine/odesa-port-liaison-office' });
	await unknown.getByLabel('Publisher').fill('Newsroom Example');
	await unknown.getByLabel('Published').fill('2025-09-10');
	await page.getByLabel('Your name').fill('Olena Editor');
	await page.getByRole('button', { name: 'Save to geodata/' }).click();
	const saved = page.getByTestId('saved');
	await expect(saved).toContainText('wrote geodata/newsroom-points.geojson: 3 features', { timeout: 30_000 });
	await expect(saved).toContainText('added 2 source(s) to geodata/sources.json');
	await expect(saved).toContainText(/committed [0-9a-f]{7}/);
	await expect(saved).toContainText('Readers see it after the next build');
	// one clean state: the draft is closed (it is the atlas's layer now), nothing in red
	await expect(saved).toContainText('Saved “Liaison offices” to geodata/ and committed it');
	await expect(page.getByRole('region', { name: 'Layer editor' })).not.toContainText('already a layer');
	await expect(page.getByRole('region', { name: 'Layer editor' })).not.toContainText('Fix the problems above first');
	await expect(page.getByRole('region', { name: 'Layer editor' }).locator('.problem')).toHaveCount(0);
	// the atlas this server serves draws the saved layer on its next load, with no build
	await expect(saved).toContainText('the atlas served here shows it now');
	const atlas = await page.context().newPage();
	await atlas.goto(new URL('/?layers=newsroom-points', address).href);
	await atlas.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	await expect(atlas.getByRole('checkbox', { name: /Liaison offices/ })).toBeChecked();
	await expect
		.poll(() => styleLayers(atlas).then((layers) => layers.filter((l) => l.id.startsWith('newsroom-points:')).length), { timeout: 15_000 })
		.toBeGreaterThan(0);

	const check = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', 'check', '--root', root], { encoding: 'utf8' });
	expect(check.stderr).toBe('');
	expect(check.status).toBe(0);
	expect(git('log', '-1', '--format=%s%n%b')).toContain('geodata: add layer newsroom-points (Liaison offices)\nSaved in the atlas editor by Olena Editor.');
	expect(git('status', '--porcelain')).toBe('');
	const layerFile = JSON.parse(readFileSync(join(root, 'newsroom-points.geojson'), 'utf8'));
	expect(layerFile.features.map((f: { properties: { id: string } }) => f.properties.id)).toEqual([
		expect.stringMatching(/^lviv-logistics-centre-/),
		expect.stringMatching(/^kyiv-coordination-cell-/),
		expect.stringMatching(/^odesa-port-liaison-/)
	]);
	expect(errors).toEqual([]);
});

test('the server refuses a tokenless save, another origin’s, and paths out of its folders', async ({ page, request }) => {
	const origin = new URL(address).origin;
	const body = JSON.stringify({ format: 'ukraine-atlas-publish-bundle', version: 1, entry: { id: 'x', file: 'x.geojson' }, data: {}, sources: {} });
	const tokenless = await request.post(`${origin}/__atlas/save`, { headers: { origin, 'content-type': 'application/json' }, data: body });
	expect(tokenless.status()).toBe(403);
	const token = new URL(address).hash.slice('#token='.length);
	const foreign = await request.post(`${origin}/__atlas/save`, {
		headers: { origin: 'http://evil.example', 'x-atlas-token': token, 'content-type': 'application/json' },
		data: body
	});
	expect(foreign.status()).toBe(403);
	// a page of another origin cannot even send it: the token header needs a preflight nobody answers
	await page.goto('about:blank');
	const sent = await page.evaluate(
		async ([url, token]) => {
			try {
				return (await fetch(url, { method: 'POST', headers: { 'x-atlas-token': token }, body: '{}' })).status;
			} catch (error) {
				return (error as Error).name;
			}
		},
		[`${origin}/__atlas/save`, token]
	);
	expect(sent).toBe('TypeError');
	for (const path of ['/geodata/%2e%2e/%2e%2e/etc/passwd', '/geodata/../package.json', '/%2e%2e/package.json'])
		expect((await request.get(`${origin}${path}`)).status()).not.toBe(200);
	expect((await request.get(`${origin}/geodata/layers.json`)).status()).toBe(200);
	expect(existsSync(join(root, 'x.geojson'))).toBe(false);
});

test('a layer of the atlas opened, a feature renamed and moved, the diff read, saved over itself', async ({ page }) => {
	test.setTimeout(120_000);
	await page.goto(address);
	await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
	await page.getByLabel('Or edit a layer of the atlas').selectOption('hubs');
	await page.getByRole('button', { name: 'Open', exact: true }).click();
	await expect(page.getByTestId('summary')).toContainText('hubs.geojson: 2 of 2 features on the map as a point layer');
	await expect(page.getByLabel(/^Title/)).toHaveValue('Logistics hubs');
	await page.getByLabel('Feature to edit').selectOption('hub-rzeszow-jasionka');
	const feature = page.getByRole('region', { name: 'Edit a feature' });
	const name = feature.getByLabel('name', { exact: true });
	await expect(name).toHaveValue('Rzeszów-Jasionka logistics hub');
	await name.fill('Rzeszów-Jasionka airport logistics hub');
	await name.press('Tab');
	await feature.getByLabel('Longitude').fill('22.5');
	await feature.getByLabel('Longitude').press('Tab');
	const changes = page.getByTestId('changes').getByRole('listitem');
	await expect(changes).toHaveCount(2);
	await expect(changes.nth(0)).toHaveText(
		'features[0] (hub-rzeszow-jasionka).properties.name "Rzeszów-Jasionka logistics hub" → "Rzeszów-Jasionka airport logistics hub"'
	);
	await expect(changes.nth(1)).toHaveText('features[0] (hub-rzeszow-jasionka).geometry.coordinates [22.019,50.11] → [22.5,50.11]');
	await page.getByLabel('Your name').fill('Olena Editor');
	await page.getByRole('button', { name: 'Save to geodata/' }).click();
	await expect(page.getByTestId('saved')).toContainText('replaced layers[7] "hubs" (point)', { timeout: 30_000 });
	const hubs = JSON.parse(readFileSync(join(root, 'hubs.geojson'), 'utf8'));
	expect(hubs.features[0].properties.name).toBe('Rzeszów-Jasionka airport logistics hub');
	expect(hubs.features[0].geometry.coordinates).toEqual([22.5, 50.11]);
	expect(hubs.features[1]).toEqual(JSON.parse(readFileSync('geodata/hubs.geojson', 'utf8')).features[1]);
	// what the form does not hold (the legend, the style's other fields) is kept
	const before = JSON.parse(readFileSync('geodata/layers.json', 'utf8')).layers[7];
	expect(JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')).layers[7]).toEqual(before);
	expect(spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', 'check', '--root', root]).status).toBe(0);
	expect(git('log', '-1', '--format=%s')).toBe('geodata: update layer hubs (Logistics hubs)\n');
	// only the layer's file changed (the hand-made file also gains its bbox and one line a position, as `layer add` writes them)
	expect(git('diff', '--stat', 'HEAD~1', '--', 'geodata')).toMatch(/^ geodata\/hubs\.geojson \| \d+ [+-]+\n 1 file changed/);
});

for (const events of [false, true])
	test(`a CSV with a date column saved ${events ? 'as events: the slider counts each layer apart' : 'as it comes: its rows are not incidents'}`, async ({
		page
	}) => {
		test.setTimeout(120_000);
		await page.goto(address);
		await page.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		await page.locator('input[type=file]').setInputFiles('tests/fixtures/ordinary/excel-points.csv');
		await page.getByLabel(/^Title/).fill('Logistics points');
		await page.getByLabel('Confidence where a feature gives none').selectOption('reported');
		await page.getByLabel('As of').fill('2026-12-01');
		await expect(page.getByTestId('summary')).toContainText('4 of 4 features on the map');
		await expect(page.getByRole('checkbox', { name: /^Events \(incidents\)/ })).not.toBeChecked();
		if (events) await page.getByRole('checkbox', { name: /^Events \(incidents\)/ }).check();
		await page.getByRole('button', { name: 'Save to geodata/' }).click();
		await expect(page.getByTestId('saved')).toContainText('Saved “Logistics points”', { timeout: 30_000 });
		const entry = JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')).layers.find((l: { id: string }) => l.id === 'excel-points');
		expect(entry.events).toBe(events);

		const incursions = JSON.parse(readFileSync('geodata/incursions.geojson', 'utf8')).features.length as number;
		const atlas = await page.context().newPage();
		await atlas.goto(new URL('/?layers=incursions,excel-points', address).href);
		await atlas.waitForFunction(() => window.__atlas?.ready === true, null, { timeout: 45_000 });
		const readout = atlas.getByRole('region', { name: 'Time' }).locator('.readout');
		if (events) await expect(readout).toContainText(`Airspace incursions: ${incursions} of ${incursions} · Logistics points: 4 of 4`);
		// the four logistics points are not counted as incidents
		else await expect(readout).toContainText(`${incursions} of ${incursions} incidents`);
	});
