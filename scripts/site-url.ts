// Run first by `npm run build:site`, the build a newsroom publishes: social networks and CMSs read
// a page's Open Graph image and its oEmbed document only at absolute addresses, so that build
// needs the site's own address. A local build (`npm run build`, the tests) keeps them relative.
import { siteUrlProblem } from './lib/siteUrl';

const problem = siteUrlProblem(process.env.SITE_URL, process.env.BASE_PATH);
if (problem) {
	console.error(`build:site: ${problem}`);
	process.exit(1);
}
console.log(`build:site: the site's address is ${process.env.SITE_URL}`);
