// The save endpoint on `vite dev` (scripts/lib/saveEndpoint.ts, the same one `npm run editor`
// serves): the editor's "Save to geodata/" button. The session's token is printed with the
// editor's address when the server starts; the page keeps it for its tab.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import type { Plugin } from 'vite';
import { SAVE_PATH, saveHandler } from './saveEndpoint';

/** The plugin: present in `vite dev` only (`apply: 'serve'`), never in a build or `vite preview`. */
export function devSave(): Plugin {
	return {
		name: 'atlas-dev-save',
		apply: 'serve',
		configureServer(server) {
			const root = resolve(server.config.root, process.env.ATLAS_GEODATA ?? 'geodata');
			const own = () => [...(server.resolvedUrls?.local ?? []), ...(server.resolvedUrls?.network ?? [])].map((u) => new URL(u).origin);
			const token = randomBytes(24).toString('base64url');
			server.middlewares.use(SAVE_PATH, saveHandler({ root, ownOrigins: own, token }));
			server.httpServer?.once('listening', () =>
				// after vite's own lines: the address with the token is the one to open
				setTimeout(() => {
					const local = server.resolvedUrls?.local[0]?.replace(/\/$/, '');
					if (local) server.config.logger.info(`  ➜  Editor with saving: ${local}/editor#token=${token}`);
				}, 100)
			);
		}
	};
}
