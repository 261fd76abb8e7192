// The tables are prerendered HTML, readable with JavaScript off; the client code sorts them and puts
// them in the reader's language.
export const csr = true;
