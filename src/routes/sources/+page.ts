// The bibliography is plain HTML, readable with JavaScript off; the client code only puts it in the
// reader's language (no map code is loaded).
export const csr = true;
