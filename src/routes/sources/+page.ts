// The bibliography is plain HTML: readable with JavaScript off, and no map code is loaded.
export const csr = false;
