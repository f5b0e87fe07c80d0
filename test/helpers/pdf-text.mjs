// The text of a PDF as a reader extracts it, with PDF.js (pdfjs-dist, a devDependency): one
// line of JSON on stdout, { pages: ["…", …] }, for the PDF read from stdin. PDF.js ships only
// ES modules, which jest (CommonJS) cannot load, so tests run this as a child process.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const data = new Uint8Array(Buffer.concat(chunks));
const doc = await getDocument({ data, disableFontFace: true, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
  const content = await (await doc.getPage(n)).getTextContent();
  pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify({ pages }) + '\n');
