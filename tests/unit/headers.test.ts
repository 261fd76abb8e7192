import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// static/_headers, read as Netlify and Cloudflare Pages read it: a path pattern at the start of a
// line (`*` matches the rest, `:name` one segment), its headers indented below it; every matching
// rule applies, so a page with two frame-ancestors policies would get both
const rules = readFileSync('static/_headers', 'utf8')
	.split('\n')
	.filter((line) => line.trim() !== '' && !line.startsWith('#'))
	.reduce<{ pattern: RegExp; source: string; headers: string[] }[]>((list, line) => {
		if (/^\s/.test(line)) list.at(-1)!.headers.push(line.trim());
		else {
			const regex = line
				.trim()
				.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
				.replace(/\*/g, '.*')
				.replace(/:\w+/g, '[^/]+');
			list.push({ pattern: new RegExp(`^${regex}$`), source: line.trim(), headers: [] });
		}
		return list;
	}, []);

const frameAncestors = (url: string) =>
	rules
		.filter((r) => r.pattern.test(url))
		.flatMap((r) => r.headers)
		.flatMap((h) => /^Content-Security-Policy:.*frame-ancestors ([^;]+)/i.exec(h)?.[1].trim() ?? []);

// every page and file route SvelteKit builds, with a made-up value for each parameter
const walk = (dir: string): string[] =>
	readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
const routes = walk('src/routes')
	.filter((f) => /\/\+(page\.svelte|server\.ts)$/.test(f))
	.map(
		(f) =>
			'/' +
			relative('src/routes', f)
				.replace(/\/?\+(page\.svelte|server\.ts)$/, '')
				.replace(/\[(\w+)\]/g, 'x')
	);

// only the embed is meant for other sites' pages; the editor for none at all, its own site's included
const expected = (route: string) => (route === '/embed' ? '*' : route === '/editor' ? "'none'" : "'self'");

describe('static/_headers', () => {
	it('finds the routes it checks', () => {
		expect(routes).toEqual(expect.arrayContaining(['/', '/editor', '/embed', '/scenes/x', '/sources', '/data', '/data/x.csv']));
	});

	// trailingSlash 'never': a page is served at /editor and, on some hosts, as the file /editor.html
	it.each(routes)('gives %s exactly one frame-ancestors policy, the one it needs', (route) => {
		for (const url of route === '/' ? ['/', '/index.html'] : [route, `${route}.html`]) expect(frameAncestors(url), url).toEqual([expected(route)]);
	});
});
