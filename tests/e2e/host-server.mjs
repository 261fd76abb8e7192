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

createServer(async (request, response) => {
	const file = files[new URL(request.url, 'http://host').pathname];
	if (!file) return response.writeHead(404).end('not found');
	response.writeHead(200, { 'content-type': `${file[1]}; charset=utf-8` }).end(await readFile(file[0]));
}).listen(port, '127.0.0.1', () => console.log(`host pages on http://127.0.0.1:${port}`));
