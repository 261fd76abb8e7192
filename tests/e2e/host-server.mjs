// A news site on another origin, for the embed tests: serves the host pages in ./host and the
// real pym.js from npm. Bound to loopback only.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const port = Number(process.env.HOST_PORT ?? 4174);
const here = new URL('.', import.meta.url).pathname;
const files = {
	'/pym.js': [join(here, '../../node_modules/pym.js/dist/pym.v1.min.js'), 'text/javascript'],
	'/pym.html': [join(here, 'host/pym.html'), 'text/html'],
	'/snippet.html': [join(here, 'host/snippet.html'), 'text/html']
};

/**
 * An article as a CMS renders it from the atlas's oEmbed document: the server fetches
 * `<atlas>/oembed.json` (or a scene's) and pastes its `html` into a column `width` px wide. A build
 * without SITE_URL gives root-relative addresses; they are the atlas's, so they are made absolute.
 */
async function oembedArticle(query) {
	const atlas = query.get('atlas');
	const document = await (await fetch(`${atlas}${query.get('doc') ?? '/oembed.json'}`)).json();
	const html = document.html.replace(/(src)="\//g, `$1="${atlas}/`);
	const width = Number(query.get('width') ?? 640);
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>An article with an oEmbed</title></head>
<body style="font-family: serif; margin: 0"><main style="max-width: ${width}px; margin: 0 auto"><h1>An article</h1><p style="height: 200px">Opening paragraphs…</p>${html}<p style="height: 1200px">More of the article…</p></main></body></html>`;
}

createServer(async (request, response) => {
	const address = new URL(request.url, 'http://host');
	if (address.pathname === '/oembed.html')
		return oembedArticle(address.searchParams).then(
			(page) => response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page),
			(error) => response.writeHead(502).end(String(error))
		);
	const file = files[address.pathname];
	if (!file) return response.writeHead(404).end('not found');
	response.writeHead(200, { 'content-type': `${file[1]}; charset=utf-8` }).end(await readFile(file[0]));
}).listen(port, '127.0.0.1', () => console.log(`host pages on http://127.0.0.1:${port}`));
