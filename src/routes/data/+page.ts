// The tables are prerendered HTML, readable with JavaScript off; the client code only sorts them.
export const csr = true;
