import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { siteUrlProblem } from '../../scripts/lib/siteUrl';

// A published build needs the site's address; a local one does not.
describe("the published build's site address", () => {
	it('is required, absolute, and ends in the folder the site is hosted under', () => {
		expect(siteUrlProblem(undefined)).toMatch(/^SITE_URL is not set: .*npm run build:site\). For a local build, use npm run build\.$/);
		expect(siteUrlProblem('example.org')).toBe('SITE_URL "example.org" is not an address like https://example.org');
		expect(siteUrlProblem('ftp://example.org')).toBe('SITE_URL "ftp://example.org" must start with https:// (or http://)');
		expect(siteUrlProblem('https://example.org/?x=1')).toBe('SITE_URL "https://example.org/?x=1" must not have a query or a fragment');
		expect(siteUrlProblem('https://example.org/atlas')).toBe(
			'SITE_URL "https://example.org/atlas" has the path /atlas: set BASE_PATH=/atlas too, so the site\'s own links point there'
		);
		expect(siteUrlProblem('https://example.org/', '/graphics/atlas')).toBe(
			'SITE_URL "https://example.org/" must end in BASE_PATH /graphics/atlas, the folder the site is hosted under'
		);
		expect(siteUrlProblem('https://example.org/graphics/atlas/', '/graphics/atlas')).toBeNull();
		expect(siteUrlProblem('https://example.org')).toBeNull();
	});

	it('stops `npm run build:site` before it builds anything, with the message', () => {
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/site-url.ts'], { encoding: 'utf8', env: { ...process.env, SITE_URL: '' } });
		expect(run.status).toBe(1);
		expect(run.stderr).toContain('build:site: SITE_URL is not set');
		const ok = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/site-url.ts'], {
			encoding: 'utf8',
			env: { ...process.env, SITE_URL: 'https://example.org' }
		});
		expect(ok.status).toBe(0);
	});
});
