// the embed's prerendered summary is the explorer's
export { load } from '../+page.server';
