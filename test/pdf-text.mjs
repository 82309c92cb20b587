// Prints the text of a PDF as JSON — one string per page — with Mozilla's pdf.js (pdfjs-dist, an ES
// module, hence a script of its own that the CommonJS tests run as a child process): node test/pdf-text.mjs <file>
import { readFile } from 'node:fs/promises';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const data = new Uint8Array(await readFile(process.argv[2]));
const pdf = await getDocument({ data, useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let number = 1; number <= pdf.numPages; number++) {
  const page = await pdf.getPage(number);
  const text = await page.getTextContent();
  pages.push(text.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
}
process.stdout.write(JSON.stringify({ info: (await pdf.getMetadata()).info, pages }));
