/**
 * The renewal dossier as a PDF (renewal-dossier.md: "a readable PDF — what is reviewed and signed"), drawn with
 * pdfkit: cover page, contents, the numbered sections, and the line listing as a landscape appendix.
 *
 * Reproducible bytes: the document's dates are the data lock point (midnight UTC), Producer and Creator are
 * fixed, and pdfkit's file ID is an MD5 of that info dictionary; font subset tags come from pdfkit's font ids
 * ("F1", "F2", …) and glyphs are numbered in order of first use, so the same content and hash draw the same
 * bytes. Nothing else in pdfkit reads the clock or a random source unless encryption is asked for.
 *
 * Two passes over one layout: the first only counts (pages, the page each heading lands on), the second draws,
 * knowing "Page X of Y" and the page numbers of the contents up front. pdfkit's `bufferPages` would do the same in
 * one pass by keeping every page open until the end, but that holds each page's content as thousands of small
 * buffers: 1.3 GB for a 50,000-case line listing. Here each page is written out as soon as the next one starts.
 *
 * Where things are: the PDF writer (pdfkit, fonts, document information) in `pdf/pdfkit-document.ts`; the layout
 * primitives (page styles, the canvas, tables, the page cursor) in `pdf/page-styles.ts`, `pdf/canvas.ts`,
 * `pdf/table-spec.ts`, `pdf/writer.ts` and the pure measuring in `pdf-layout.ts`; the numbered headings in
 * `pdf/headings.ts`; how values read in `pdf/wording.ts`; one module per section in `pdf/sections/`.
 *
 * Pure apart from reading the two DejaVu Sans font files (once per process; the built-in PDF fonts have no
 * Ł, ő, ≥ or →).
 */
import { parseIsoDate } from '../common/calendar-date';
import { type DossierContent, riskMinimisation, specificObligations } from './dossier-content';
import { type MeasureText, truncateText } from './pdf-layout';
import { COUNTING_CANVAS, type PageDecoration } from './pdf/canvas';
import { type DossierHeading, dossierHeadings, headingOf, type Headings } from './pdf/headings';
import { FOOTER, type FontName, PORTRAIT, RULE } from './pdf/page-styles';
import { documentOptions, fontMeasures, PdfKitCanvas, pdfKitConstructor, registerFonts } from './pdf/pdfkit-document';
import { alerts } from './pdf/sections/alerts';
import { benefitRisk } from './pdf/sections/benefit-risk';
import { caseCounts } from './pdf/sections/case-counts';
import { contents } from './pdf/sections/contents';
import { cover } from './pdf/sections/cover';
import { exposure } from './pdf/sections/exposure';
import { frequency } from './pdf/sections/frequency';
import { lineListing } from './pdf/sections/line-listing';
import { obligationsSection } from './pdf/sections/obligations';
import { procedures } from './pdf/sections/procedures';
import { proposedChanges } from './pdf/sections/proposed-changes';
import { signals } from './pdf/sections/signals';
import { sinceDataLockPoint } from './pdf/sections/since-data-lock-point';
import { tabulation } from './pdf/sections/tabulation';
import { Writer } from './pdf/writer';

export { anchorName, type DossierHeading, dossierHeadings } from './pdf/headings';
export { PDF_CREATOR, PDF_PRODUCER } from './pdf/pdfkit-document';
export { type TabulationLine, tabulationLines } from './pdf/sections/tabulation';
export { formatCount, timelinessText } from './pdf/wording';

export interface DossierPdfOptions {
  /** Deflate the page contents (default). Tests turn it off to read the content streams. */
  compress?: boolean;
}

/** The whole dossier, in order, on one Writer. */
function layout(w: Writer, content: DossierContent, hash: string, headingList: readonly DossierHeading[], pages: ReadonlyMap<string, number> | null): void {
  const headings: Headings = new Map(headingList.map((h) => [h.key, h]));
  w.startPage(PORTRAIT);
  cover(w, content, hash);
  w.startPage(PORTRAIT);
  contents(w, headingList, pages);
  w.startPage(PORTRAIT);
  obligationsSection(w, headings, 'sob', specificObligations(content), 'No specific obligations.');
  sinceDataLockPoint(w, headings, content);
  proposedChanges(w, headings, content);
  procedures(w, headings, content);
  obligationsSection(w, headings, 'anx', riskMinimisation(content), 'No additional risk-minimisation measures or other Annex II conditions.');
  w.heading(headingOf(headings, 'safety'));
  caseCounts(w, headings, content);
  tabulation(w, headings, content);
  frequency(w, headings, content);
  alerts(w, headings, content);
  signals(w, headings, content);
  exposure(w, headings, content);
  benefitRisk(w, headings, content);
  if (content.lineListing !== null) {
    lineListing(w, headings, content, content.lineListing);
  }
  w.finishPage();
}

// --- the document ------------------------------------------------------------------------------------------------

function footer(content: DossierContent, hash: string, totalPages: number, measure: Readonly<Record<FontName, MeasureText>>): PageDecoration {
  const width = (text: string): number => measure[FOOTER.font](text, FOOTER.size);
  return (canvas, page, frame) => {
    const y = frame.height - 36;
    const third = (frame.right - frame.left) / 3;
    canvas.rule(frame.left, frame.right, y - 5, RULE, 0.5);
    canvas.text(truncateText(`${content.product.name} · renewal dossier · data lock point ${content.dataLockPoint}`, third + 40, width), frame.left, y, FOOTER);
    const pageText = `Page ${page} of ${totalPages}`;
    canvas.text(pageText, (frame.left + frame.right - width(pageText)) / 2, y, FOOTER);
    const hashText = `SHA-256 ${hash.slice(0, 12)}`;
    canvas.text(hashText, frame.right - width(hashText), y, FOOTER);
  };
}

/** Midnight UTC of the data lock point: the only date the PDF carries. */
export function dossierPdfDate(dataLockPoint: string): Date {
  return new Date(`${parseIsoDate(dataLockPoint)}T00:00:00.000Z`);
}

/**
 * The renewal dossier as PDF bytes: the same content and hash always give the same bytes. `contentHash` is the
 * content's SHA-256 (hex), printed on the cover and in every footer, and kept in the document's Subject.
 */
export async function renderDossierPdf(content: DossierContent, contentHash: string, options: DossierPdfOptions = {}): Promise<Buffer> {
  if (!/^[0-9a-f]{64}$/.test(contentHash)) {
    throw new RangeError(`the content hash must be a SHA-256 in lower-case hex, got "${contentHash}"`);
  }
  const date = dossierPdfDate(content.dataLockPoint);
  const measure = fontMeasures();
  const headings = dossierHeadings(content);

  // First pass: count the pages and find where each heading lands.
  const counting = new Writer(COUNTING_CANVAS, measure, () => undefined);
  layout(counting, content, contentHash, headings, null);

  const PDFDocument = pdfKitConstructor();
  const doc = new PDFDocument(
    documentOptions(
      { title: `Renewal dossier: ${content.product.name}, data lock point ${content.dataLockPoint}`, subject: `Content SHA-256 ${contentHash}`, keywords: content.format },
      date,
      options.compress ?? true,
    ),
  );
  registerFonts(doc);
  const chunks: Uint8Array[] = [];
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  // Second pass: draw, with the page count and the contents' page numbers known.
  const drawing = new Writer(new PdfKitCanvas(doc), measure, footer(content, contentHash, counting.page, measure));
  layout(drawing, content, contentHash, headings, counting.headingPages);
  if (drawing.page !== counting.page) {
    throw new Error(`the dossier PDF laid out ${counting.page} pages but drew ${drawing.page}`);
  }
  doc.end();
  return await finished;
}
