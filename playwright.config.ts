import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';

// Debian's chromium where it exists (CI, these machines); Playwright's own browser elsewhere
// (after `npx playwright install chromium` on a laptop).
const debianChromium = '/usr/bin/chromium';
const executablePath = process.env.CHROMIUM_PATH ?? (existsSync(debianChromium) ? debianChromium : undefined);
const port = Number(process.env.E2E_PORT ?? 4173);
const hostPort = port + 1;

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '**/*.e2e.ts',
	fullyParallel: true,
	workers: process.env.CI ? 2 : undefined,
	retries: process.env.CI ? 1 : 0,
	timeout: 60_000,
	expect: { timeout: 20_000 },
	reporter: [['list']],
	use: {
		baseURL: `http://127.0.0.1:${port}`,
		viewport: { width: 1280, height: 800 },
		launchOptions: {
			executablePath,
			args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic']
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } } }],
	webServer: [
		// the real built site, served as static files the way a host would
		{ command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1`, url: `http://127.0.0.1:${port}/`, reuseExistingServer: false, timeout: 60_000 },
		// a news site on another origin that embeds it
		{
			command: `node tests/e2e/host-server.mjs`,
			env: { HOST_PORT: String(hostPort) },
			url: `http://127.0.0.1:${hostPort}/pym.html`,
			reuseExistingServer: false,
			timeout: 30_000
		}
	]
});
