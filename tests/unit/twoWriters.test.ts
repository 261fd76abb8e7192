import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { saveHandler } from '../../scripts/lib/saveEndpoint';
import { makeBundle } from '../../src/lib/editor/bundle';
import { defaultMeta } from '../../src/lib/editor/draftLayer';

// Two writers at once, as real processes: a `layer add` of a large file is stopped (SIGSTOP) while
// it checks the file, after it has read the manifest and before it writes; a second `add`, or the
// editor's save, comes meanwhile. Each once printed "added layers[…]" and exited 0, and the first
// then wrote its manifest over the second's entry, leaving its .geojson behind, in no layer.
let dir: string;
let root: string;
let big: string;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'atlas-two-writers-'));
	root = join(dir, 'geodata');
	cpSync('tests/fixtures/layer/geodata', root, { recursive: true });
	// past 2 million characters a file is checked in slices, and `add` says how far it has got: a
	// place to stop it where it has read the manifest and not yet written
	big = join(dir, 'depots-big.geojson');
	const features = Array.from({ length: 12_000 }, (_, i) => ({
		type: 'Feature',
		properties: { id: `depot-${i}`, name: `Depot ${i}`, sources: ['news-2025-03-ironclad-guarantees'], confidence: 'reported', asOf: '2025-09-04' },
		geometry: { type: 'Point', coordinates: [22 + (i % 100) / 100, 48 + Math.floor(i / 100) / 100] }
	}));
	writeFileSync(big, JSON.stringify({ type: 'FeatureCollection', features }, null, 2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const lines = (text: string) => text.split('\n').filter((l) => l !== '' && !l.startsWith('npm warn'));
const env = (more: Record<string, string>) => ({ ...process.env, INIT_CWD: process.cwd(), ...more });

function layer(args: string[], more: Record<string, string> = {}) {
	const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', ...args, '--root', root], { encoding: 'utf8', env: env(more) });
	return { status: run.status, out: lines(run.stdout), err: lines(run.stderr) };
}

/** `layer add` of the large file, stopped once it says it is checking; resolves with the process and its end. */
async function stoppedWhileChecking() {
	const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/layer.ts', 'add', big, '--title', 'Depots', '--kind', 'point', '--root', root], {
		env: env({ ATLAS_LAYER_WAIT_MS: '0' })
	});
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8').on('data', (text) => (stdout += text));
	const done = new Promise<{ status: number | null; out: string[]; err: string[] }>((resolve) =>
		child.on('close', (status) => resolve({ status, out: lines(stdout), err: lines(stderr) }))
	);
	let stopped = false;
	await new Promise<void>((resolve, reject) => {
		child.stderr.setEncoding('utf8').on('data', (text: string) => {
			stderr += text;
			if (stopped || !/checking .*depots-big\.geojson: \d+%/.test(stderr)) return;
			stopped = child.kill('SIGSTOP');
			resolve();
		});
		child.on('close', () => reject(new Error(`the first add ended before it was stopped: ${stderr}`)));
	});
	return { child, done };
}

const manifestIds = () => (JSON.parse(readFileSync(join(root, 'layers.json'), 'utf8')).layers as { id: string }[]).map((l) => l.id);
/** Every layer file in geodata/ belongs to a layer of the manifest: none was left behind by a lost entry. */
const orphans = () => readdirSync(root).filter((name) => name.endsWith('.geojson') && !manifestIds().includes(name.replace(/\.geojson$/, '')));

describe('two writers at once', { timeout: 60_000 }, () => {
	it('a second `add` is refused, naming the first one’s pid, and nothing is lost', async () => {
		const first = await stoppedWhileChecking();
		let second;
		try {
			second = layer(['add', 'tests/fixtures/layer/summits.csv', '--title', 'Summits', '--kind', 'point'], { ATLAS_LAYER_WAIT_MS: '0' });
		} finally {
			first.child.kill('SIGCONT');
		}
		expect(second.status).toBe(1);
		expect(second.err).toEqual([
			'geodata/ is being written; nothing was written:',
			`  geodata/.layer-journal: another \`npm run layer\` (pid ${first.child.pid}) is writing geodata/: wait for it or stop it`
		]);
		expect((await first.done).status).toBe(0);
		expect(manifestIds()).toEqual(['hubs', 'depots-big']);
		expect(orphans()).toEqual([]);
		expect(layer(['check']).status).toBe(0);
	});

	it('a second `add` that may wait does, then adds its layer beside the first’s', async () => {
		const first = await stoppedWhileChecking();
		const second = new Promise<number | null>((resolve) =>
			spawn(
				process.execPath,
				['--import', 'tsx', 'scripts/layer.ts', 'add', 'tests/fixtures/layer/summits.csv', '--title', 'Summits', '--kind', 'point', '--root', root],
				{ env: env({ ATLAS_LAYER_WAIT_MS: '60000' }), stdio: 'ignore' }
			).on('close', resolve)
		);
		// long enough for the second to reach geodata/ (it starts in about a second)
		await new Promise((resolve) => setTimeout(resolve, 3_000));
		first.child.kill('SIGCONT');
		expect((await first.done).status).toBe(0);
		expect(await second).toBe(0);
		expect(manifestIds().sort()).toEqual(['depots-big', 'hubs', 'summits']);
		expect(orphans()).toEqual([]);
	});

	it('the editor’s save meanwhile is refused (409) naming the pid, and nothing is lost', async () => {
		const token = 'test-token-0123456789abcdef';
		let origin = '';
		const server = createServer(saveHandler({ root, ownOrigins: () => [origin], token, waitMs: 300 }));
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const depots = readFileSync('tests/fixtures/editor/depots.geojson', 'utf8');
		const meta = {
			...defaultMeta('depots.geojson', 'point', ['name']),
			title: 'Fuel depots',
			sources: ['insightnews-2025-09-declarations-vs-commitments'],
			asOf: '2025-09-04'
		};
		const first = await stoppedWhileChecking();
		let response: Response;
		try {
			response = await fetch(`${origin}/`, {
				method: 'POST',
				body: JSON.stringify(makeBundle(meta, depots, { replace: false })),
				headers: { origin, 'content-type': 'application/json', 'x-atlas-token': token }
			});
		} finally {
			first.child.kill('SIGCONT');
			server.close();
		}
		expect(response.status).toBe(409);
		expect((await response.json()).problems[0].message).toBe(`another \`npm run layer\` (pid ${first.child.pid}) is writing geodata/: wait for it or stop it`);
		expect((await first.done).status).toBe(0);
		expect(manifestIds()).toEqual(['hubs', 'depots-big']);
		expect(orphans()).toEqual([]);
	});
});
