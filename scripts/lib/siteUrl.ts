/**
 * What is wrong with the site address a published build is given, or null. It must be an absolute
 * http(s) address without a query or fragment; where the site is hosted under a sub-folder
 * (BASE_PATH), the address ends in that folder.
 */
export function siteUrlProblem(siteUrl: string | undefined, basePath = ''): string | null {
	const example = `SITE_URL=https://example.org${basePath} npm run build:site`;
	if (!siteUrl?.trim())
		return `SITE_URL is not set: a published build needs the site's address, for its Open Graph images and oEmbed documents (${example}). For a local build, use npm run build.`;
	if (!URL.canParse(siteUrl)) return `SITE_URL "${siteUrl}" is not an address like https://example.org${basePath}`;
	const url = new URL(siteUrl);
	if (url.protocol !== 'https:' && url.protocol !== 'http:') return `SITE_URL "${siteUrl}" must start with https:// (or http://)`;
	if (url.search || url.hash) return `SITE_URL "${siteUrl}" must not have a query or a fragment`;
	const path = url.pathname.replace(/\/+$/, '');
	const base = basePath.replace(/\/+$/, '');
	if (path !== base)
		return base
			? `SITE_URL "${siteUrl}" must end in BASE_PATH ${base}, the folder the site is hosted under`
			: `SITE_URL "${siteUrl}" has the path ${path}: set BASE_PATH=${path} too, so the site's own links point there`;
	return null;
}
