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
 * Pure apart from reading the two DejaVu Sans font files (once per process; the built-in PDF fonts have no
 * Ł, ő, ≥ or →).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { parseIsoDate } from '../common/calendar-date';
import type { FrequencyRow } from '../frequencies/frequency-table';
import { BAND_LIMITS, type FrequencyBand } from '../reference-safety/reference-terms';
import type { Counts, LineListingRow, SummaryRow } from '../safety-cases/tabulation';
import {
  type DossierContent,
  type DossierMilestone,
  type DossierObligation,
  type DueDateChange,
  type RegulatoryChange,
  riskMinimisation,
  type RuledDate,
  specificObligations,
  type Timeliness,
} from './dossier-content';
import { characterWidthMeasure, columnWidths, fitColumnsToWords, linesThatFit, type MeasureText, truncateText, widestWord, wrapText } from './pdf-layout';

export interface DossierPdfOptions {
  /** Deflate the page contents (default). Tests turn it off to read the content streams. */
  compress?: boolean;
}

export const PDF_CREATOR = 'cma-tracker';
export const PDF_PRODUCER = 'cma-tracker renewal dossier (pdfkit)';

// --- pdfkit ----------------------------------------------------------------------------------------------------

/**
 * The part of pdfkit this renderer uses. pdfkit ships no type declarations (its `types` folder only holds test
 * matchers), so it is loaded through `createRequire` and given this shape here.
 */
interface PdfOutline {
  addItem(title: string): PdfOutline;
}

interface PdfKitDocument {
  readonly outline: PdfOutline;
  registerFont(name: string, source: Buffer): PdfKitDocument;
  font(name: string): PdfKitDocument;
  fontSize(size: number): PdfKitDocument;
  fillColor(color: string): PdfKitDocument;
  strokeColor(color: string): PdfKitDocument;
  lineWidth(width: number): PdfKitDocument;
  widthOfString(text: string): number;
  text(text: string, x: number, y: number, options: { lineBreak: false; goTo?: string }): PdfKitDocument;
  moveTo(x: number, y: number): PdfKitDocument;
  lineTo(x: number, y: number): PdfKitDocument;
  rect(x: number, y: number, width: number, height: number): PdfKitDocument;
  fill(): PdfKitDocument;
  stroke(): PdfKitDocument;
  addPage(options: { size: 'A4'; layout: Orientation; margin: 0 }): PdfKitDocument;
  addNamedDestination(name: string, kind: 'XYZ', left: null, top: number, zoom: null): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): PdfKitDocument;
  on(event: 'end', listener: () => void): PdfKitDocument;
  on(event: 'error', listener: (error: Error) => void): PdfKitDocument;
  end(): void;
}

interface PdfKitOptions {
  size: 'A4';
  autoFirstPage: false;
  bufferPages: false;
  compress: boolean;
  lang: string;
  displayTitle: boolean;
  info: { Title: string; Subject: string; Keywords: string; Creator: string; Producer: string; CreationDate: Date; ModDate: Date };
}

type PdfKitConstructor = new (options: PdfKitOptions) => PdfKitDocument;

/**
 * pdfkit's private per-font cache of shaped words (`EmbeddedFont.layoutCache`). It is never emptied, and a line
 * listing has a unique word in every row (the safety report id): 50,000 cases leave about 200 MB of glyph runs
 * in it. Emptying it now and then only costs reshaping the common words; if a pdfkit version drops the field,
 * this does nothing.
 */
interface PdfKitFontCaches {
  _fontFamilies?: Record<string, { layoutCache?: object }>;
}

function forgetShapedWords(doc: PdfKitDocument): void {
  const fonts = (doc as unknown as PdfKitFontCaches)._fontFamilies ?? {};
  for (const font of Object.values(fonts)) {
    if (font.layoutCache !== undefined) {
      font.layoutCache = Object.create(null) as object;
    }
  }
}

/** Pages between two emptyings of the shaped-word cache: about 13,000 line-listing rows, some 50 MB. */
const SHAPED_WORDS_PAGES = 400;

const loadModule = createRequire(__filename);
let pdfKit: PdfKitConstructor | null = null;

function pdfKitConstructor(): PdfKitConstructor {
  pdfKit ??= loadModule('pdfkit') as PdfKitConstructor;
  return pdfKit;
}

// --- fonts -----------------------------------------------------------------------------------------------------

type FontName = 'regular' | 'bold';

const FONT_FILES: Readonly<Record<FontName, string>> = { regular: 'DejaVuSans.ttf', bold: 'DejaVuSans-Bold.ttf' };

/** Names the fonts are registered under in each document. */
const PDF_FONT: Readonly<Record<FontName, string>> = { regular: 'DejaVuSans', bold: 'DejaVuSans-Bold' };

let fontData: Readonly<Record<FontName, Buffer>> | null = null;

function fonts(): Readonly<Record<FontName, Buffer>> {
  if (fontData === null) {
    const directory = path.join(path.dirname(require.resolve('dejavu-fonts-ttf/package.json')), 'ttf');
    fontData = {
      regular: readFileSync(path.join(directory, FONT_FILES.regular)),
      bold: readFileSync(path.join(directory, FONT_FILES.bold)),
    };
  }
  return fontData;
}

let measures: Readonly<Record<FontName, MeasureText>> | null = null;

/**
 * Character widths of both fonts, measured on a document of their own that is never written: measuring on the
 * drawn document would switch its current font in the middle of drawing. Kept for the process (the widths of a
 * font never change).
 */
function fontMeasures(): Readonly<Record<FontName, MeasureText>> {
  if (measures === null) {
    const PDFDocument = pdfKitConstructor();
    const doc = new PDFDocument(documentOptions({ title: 'measure', subject: '', keywords: '' }, new Date(0), true));
    registerFonts(doc);
    const measureWith = (font: FontName): MeasureText => characterWidthMeasure((char) => doc.font(PDF_FONT[font]).fontSize(1000).widthOfString(char));
    measures = { regular: measureWith('regular'), bold: measureWith('bold') };
  }
  return measures;
}

function registerFonts(doc: PdfKitDocument): void {
  const data = fonts();
  doc.registerFont(PDF_FONT.regular, data.regular).registerFont(PDF_FONT.bold, data.bold);
}

// --- page geometry and styles ------------------------------------------------------------------------------------

type Orientation = 'portrait' | 'landscape';

/** A page and its text area, in points (y grows downwards, as pdfkit draws). */
interface Frame {
  orientation: Orientation;
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  /** Lowest y text may reach; the footer sits below it. */
  bottom: number;
}

const A4_SHORT = 595.28;
const A4_LONG = 841.89;
const PORTRAIT: Frame = { orientation: 'portrait', width: A4_SHORT, height: A4_LONG, left: 50, right: A4_SHORT - 50, top: 48, bottom: A4_LONG - 58 };
const LANDSCAPE: Frame = { orientation: 'landscape', width: A4_LONG, height: A4_SHORT, left: 36, right: A4_LONG - 36, top: 36, bottom: A4_SHORT - 50 };

interface TextStyle {
  font: FontName;
  size: number;
  color: string;
}

const INK = '#1a1a1a';
const MUTED = '#555555';
const ACCENT = '#1f3a5f';
const RULE = '#c4c9cf';
const HEADER_FILL = '#e4e9ef';
const SUBTOTAL_FILL = '#f2f4f6';
const TOTAL_FILL = '#dde3ea';
const NOTICE_FILL = '#fff3e0';
const NOTICE_EDGE = '#c0620f';

const BODY: TextStyle = { font: 'regular', size: 9.5, color: INK };
const SMALL: TextStyle = { font: 'regular', size: 7.5, color: MUTED };
const LABEL: TextStyle = { font: 'bold', size: 9, color: ACCENT };
const FOOTER: TextStyle = { font: 'regular', size: 7, color: MUTED };
const HEADING_STYLES: Readonly<Record<1 | 2, TextStyle>> = {
  1: { font: 'bold', size: 14, color: ACCENT },
  2: { font: 'bold', size: 11, color: ACCENT },
};
const HEADING_SPACE: Readonly<Record<1 | 2, { before: number; after: number }>> = {
  1: { before: 18, after: 8 },
  2: { before: 12, after: 5 },
};

/** Line height as a multiple of the font size (DejaVu Sans' own ascent + descent is 1.164). */
const LINE_FACTOR = 1.25;
const CELL_PAD_X = 3;
const CELL_PAD_Y = 2;

function lineHeight(style: TextStyle): number {
  return style.size * LINE_FACTOR;
}

// --- drawing surface ---------------------------------------------------------------------------------------------

/** What the layout draws on: pdfkit in the drawing pass, nothing in the counting pass. */
interface Canvas {
  addPage(frame: Frame): void;
  text(text: string, x: number, y: number, style: TextStyle, link?: string): void;
  rule(x1: number, x2: number, y: number, color: string, width: number): void;
  box(x: number, y: number, width: number, height: number, fill: string, edge?: string): void;
  bookmark(title: string, level: 1 | 2): void;
  anchor(name: string, y: number): void;
}

const COUNTING_CANVAS: Canvas = {
  addPage: () => undefined,
  text: () => undefined,
  rule: () => undefined,
  box: () => undefined,
  bookmark: () => undefined,
  anchor: () => undefined,
};

/** pdfkit copies the options of each text call, so one object serves them all. */
const NO_LINE_BREAK = { lineBreak: false } as const;

/** pdfkit behind the Canvas, setting font, size and colours only when they change (each change is an operator). */
class PdfKitCanvas implements Canvas {
  private font: FontName | null = null;
  private size = 0;
  private fillColor: string | null = null;
  private strokeColor: string | null = null;
  private strokeWidth = -1;
  private section: PdfOutline | null = null;
  private pages = 0;

  constructor(private readonly doc: PdfKitDocument) {}

  addPage(frame: Frame): void {
    this.pages += 1;
    if (this.pages % SHAPED_WORDS_PAGES === 0) {
      forgetShapedWords(this.doc);
    }
    this.doc.addPage({ size: 'A4', layout: frame.orientation, margin: 0 });
    // Colours and line width are page state in PDF; pdfkit's font and size are document state.
    this.fillColor = null;
    this.strokeColor = null;
    this.strokeWidth = -1;
  }

  text(text: string, x: number, y: number, style: TextStyle, link?: string): void {
    if (text === '') {
      return;
    }
    if (style.font !== this.font) {
      this.doc.font(PDF_FONT[style.font]);
      this.font = style.font;
    }
    if (style.size !== this.size) {
      this.doc.fontSize(style.size);
      this.size = style.size;
    }
    this.fill(style.color);
    this.doc.text(text, x, y, link === undefined ? NO_LINE_BREAK : { lineBreak: false, goTo: link });
  }

  rule(x1: number, x2: number, y: number, color: string, width: number): void {
    this.pen(color, width);
    this.doc.moveTo(x1, y).lineTo(x2, y).stroke();
  }

  box(x: number, y: number, width: number, height: number, fill: string, edge?: string): void {
    this.fill(fill);
    this.doc.rect(x, y, width, height).fill();
    if (edge !== undefined) {
      this.pen(edge, 0.8);
      this.doc.rect(x, y, width, height).stroke();
    }
  }

  bookmark(title: string, level: 1 | 2): void {
    if (level === 1 || this.section === null) {
      this.section = this.doc.outline.addItem(title);
    } else {
      this.section.addItem(title);
    }
  }

  anchor(name: string, y: number): void {
    this.doc.addNamedDestination(name, 'XYZ', null, y, null);
  }

  private pen(color: string, width: number): void {
    if (color !== this.strokeColor) {
      this.doc.strokeColor(color);
      this.strokeColor = color;
    }
    if (width !== this.strokeWidth) {
      this.doc.lineWidth(width);
      this.strokeWidth = width;
    }
  }

  private fill(color: string): void {
    if (color !== this.fillColor) {
      this.doc.fillColor(color);
      this.fillColor = color;
    }
  }
}

// --- headings and contents ---------------------------------------------------------------------------------------

/** A numbered heading: every one is in the contents and the bookmarks. */
export interface DossierHeading {
  key: string;
  number: string;
  title: string;
  level: 1 | 2;
}

const SAFETY_PARTS = [
  ['cases', 'Case counts'],
  ['tabulation', 'Summary tabulation of reactions by SOC and PT'],
  ['frequency', 'Observed frequencies against the reference safety information'],
  ['alerts', 'Alerts'],
  ['signals', 'Signals'],
  ['exposure', 'Exposure'],
] as const;

function obligationTitle(obligation: DossierObligation): string {
  return obligation.studyType === '' ? obligation.reference : `${obligation.reference} (${obligation.studyType})`;
}

/**
 * The dossier's numbered headings in order, from the content alone: the contents page is laid out before the
 * sections, and its length must not depend on where they fall.
 */
export function dossierHeadings(content: DossierContent): DossierHeading[] {
  const headings: DossierHeading[] = [];
  const add = (key: string, number: string, title: string, level: 1 | 2 = 1): void => {
    headings.push({ key, number, title, level });
  };
  add('sob', '1', 'Specific obligations');
  specificObligations(content).forEach((o, i) => add(`sob/${i}`, `1.${i + 1}`, obligationTitle(o), 2));
  add('since-dlp', '2', 'Changes to obligations and milestones since the data lock point');
  add('changes', '3', 'Proposed changes to obligations and timelines');
  add('procedures', '4', 'PSUR/PSUSA and other procedure outcomes in the period');
  add('anx', '5', 'Additional risk-minimisation measures and other Annex II conditions');
  riskMinimisation(content).forEach((o, i) => add(`anx/${i}`, `5.${i + 1}`, obligationTitle(o), 2));
  add('safety', '6', 'Safety summary');
  SAFETY_PARTS.forEach(([key, title], i) => add(`safety/${key}`, `6.${i + 1}`, title, 2));
  add('benefit-risk', '7', 'Benefit–risk conclusion');
  if (content.lineListing !== null) {
    add('line-listing', 'A', 'Appendix: line listing of the cases received in the period');
  }
  return headings;
}

/** The named destination of a heading (what the contents entries link to). */
export function anchorName(key: string): string {
  return `section-${key.replace(/[^A-Za-z0-9]+/g, '-')}`;
}

// --- the layout --------------------------------------------------------------------------------------------------

interface Column {
  header: string;
  weight: number;
  align?: 'left' | 'right';
  /** A label column (key–value tables). */
  label?: boolean;
}

interface TableSpec {
  columns: readonly Column[];
  size: number;
  /** Headings spanning several columns, drawn above the column headers ({ label: '', span: 1 } for a gap). */
  groups?: readonly { label: string; span: number }[];
  /** false: no header row, no rules (a key–value list). */
  header?: boolean;
  /** Repeated, with "(continued)", above the header on every page after the first. */
  caption?: string;
}

interface TableRow {
  cells: readonly string[];
  bold?: boolean;
  fill?: string;
  /** Indent of the first cell, in points (a PT under its SOC). */
  indent?: number;
  /** Never the last row on a page (a SOC subtotal stays with its first PT). */
  keepWithNext?: boolean;
  /** Drawn under the header when this row opens a continuation page (a PT's SOC, "… (continued)"). */
  context?: TableRow;
}

interface PreparedTable {
  spec: TableSpec;
  widths: number[];
  xs: number[];
  body: TextStyle;
  bold: TextStyle;
  labelStyle: TextStyle;
  line: number;
  headerLines: string[][];
  groupHeight: number;
  headerHeight: number;
}

/** Each table's word widths by its items (the same array in both passes), worked out once. */
const WORD_WIDTHS = new WeakMap<readonly unknown[], number[]>();

/**
 * Drawn on each page when it is complete (the footer, in the drawing pass): last in the page's content, so a
 * reader extracting the text meets it after the page's own.
 */
type PageDecoration = (canvas: Canvas, page: number, frame: Frame) => void;

/**
 * A cursor over pages: places headings, paragraphs and tables, starts a page when the next piece does not fit,
 * repeats table headers, and never leaves a heading alone at the bottom of a page (headings wait until the
 * first piece after them is placed, and move with it).
 */
class Writer {
  page = 0;
  /** The page each heading was placed on (key → page number, 1-based). */
  readonly headingPages = new Map<string, number>();
  private frame: Frame = PORTRAIT;
  private y = PORTRAIT.top;
  /** Nothing placed on this page yet (apart from the footer). */
  private fresh = true;
  private pending: DossierHeading[] = [];
  private readonly widthFunctions = new Map<string, (text: string) => number>();

  constructor(
    private readonly canvas: Canvas,
    private readonly measure: Readonly<Record<FontName, MeasureText>>,
    private readonly decorate: PageDecoration,
  ) {}

  get contentWidth(): number {
    return this.frame.right - this.frame.left;
  }

  startPage(frame: Frame = this.frame): void {
    this.finishPage();
    this.page += 1;
    this.frame = frame;
    this.canvas.addPage(frame);
    this.y = frame.top;
    this.fresh = true;
  }

  /** Completes the current page (its footer); called once more after the last page. */
  finishPage(): void {
    if (this.page > 0) {
      this.decorate(this.canvas, this.page, this.frame);
    }
  }

  width(text: string, style: TextStyle): number {
    return this.measure[style.font](text, style.size);
  }

  lines(text: string, maxWidth: number, style: TextStyle): string[] {
    return wrapText(text, maxWidth, this.widthIn(style));
  }

  /** One width function per font and size, made once: the line listing asks for one per cell. */
  private widthIn(style: TextStyle): (text: string) => number {
    const key = `${style.font}/${style.size}`;
    let width = this.widthFunctions.get(key);
    if (width === undefined) {
      const measure = this.measure[style.font];
      const size = style.size;
      width = (text) => measure(text, size);
      this.widthFunctions.set(key, width);
    }
    return width;
  }

  heading(heading: DossierHeading): void {
    this.pending.push(heading);
  }

  bookmark(title: string): void {
    this.canvas.bookmark(title, 1);
  }

  /** Moves below a piece just drawn: the page is no longer empty. */
  private advance(height: number): void {
    this.y += height;
    this.fresh = false;
  }

  /** Vertical space between pieces; none at the top of a page. */
  gap(height: number): void {
    if (!this.fresh) {
      this.y += height;
    }
  }

  paragraph(text: string, style: TextStyle = BODY, indent = 0): void {
    const lines = this.lines(text, this.contentWidth - indent, style);
    const height = lineHeight(style);
    lines.forEach((line, i) => {
      // The first two lines go together: no single line of a paragraph under a heading at the foot of a page.
      this.room(i === 0 ? Math.min(2, lines.length) * height : height);
      this.canvas.text(line, this.frame.left + indent, this.y, style);
      this.advance(height);
    });
  }

  /** A framed, tinted paragraph (the illustrative-data notice); never split. */
  notice(title: string, text: string): void {
    const pad = 8;
    const inner = this.contentWidth - 2 * pad;
    const titleLines = this.lines(title, inner, LABEL);
    const lines = this.lines(text, inner, BODY);
    const height = titleLines.length * lineHeight(LABEL) + lines.length * lineHeight(BODY) + 2 * pad;
    this.room(height);
    this.canvas.box(this.frame.left, this.y, this.contentWidth, height, NOTICE_FILL, NOTICE_EDGE);
    let y = this.y + pad;
    for (const line of titleLines) {
      this.canvas.text(line, this.frame.left + pad, y, { ...LABEL, color: NOTICE_EDGE });
      y += lineHeight(LABEL);
    }
    for (const line of lines) {
      this.canvas.text(line, this.frame.left + pad, y, BODY);
      y += lineHeight(BODY);
    }
    this.advance(height);
  }

  /** One entry of the contents: number, title (wrapped), dotted leader, page number; the title links to the heading. */
  contentsEntry(heading: DossierHeading, page: string): void {
    const style: TextStyle = heading.level === 1 ? { ...BODY, font: 'bold' } : BODY;
    const indent = heading.level === 1 ? 0 : 24;
    const numberWidth = heading.level === 1 ? 24 : 30;
    const pageWidth = 36;
    const x = this.frame.left + indent + numberWidth;
    const lines = this.lines(heading.title, this.frame.right - pageWidth - x, style);
    const height = lineHeight(style);
    this.gap(heading.level === 1 ? 7 : 2);
    this.room(lines.length * height);
    const link = anchorName(heading.key);
    this.canvas.text(heading.number, this.frame.left + indent, this.y, style, link);
    lines.forEach((line, i) => {
      this.canvas.text(line, x, this.y, style, link);
      if (i === lines.length - 1) {
        const end = x + this.width(line, style) + 4;
        const dots = Math.max(0, Math.floor((this.frame.right - pageWidth - end) / this.width('. ', SMALL)));
        this.canvas.text('. '.repeat(dots), end, this.y + 1, SMALL);
        this.canvas.text(page, this.frame.right - this.width(page, style), this.y, style, link);
      }
      this.advance(height);
    });
  }

  /** Rows of a table, split over as many pages as they need, the header repeated on each. */
  table<T>(spec: TableSpec, items: readonly T[], toRow: (item: T) => TableRow): void {
    const rows = items.map(toRow);
    const table = this.prepare(spec, items, rows);
    let headerPlaced = false;
    /** Some row (or part of one) is drawn: a header on a later page says "(continued)". */
    let started = false;
    for (let i = 0; i < rows.length; i += 1) {
      const row = rows[i] as TableRow;
      const next = row.keepWithNext === true ? (rows[i + 1] ?? null) : null;
      const keep = next === null ? 0 : this.rowHeight(table, this.cellLines(table, next));
      let lines: string[][] | null = this.cellLines(table, row);
      const context = started && row.context !== undefined ? { row: row.context, lines: this.cellLines(table, row.context) } : null;
      while (lines !== null) {
        const header = headerPlaced ? 0 : this.headerHeight(table, started) + (context === null ? 0 : this.rowHeight(table, context.lines));
        const height = this.rowHeight(table, lines);
        if (this.fits(header + height + keep) || (this.fresh && this.fits(header + height))) {
          this.placeHeader(table, headerPlaced, started, context);
          headerPlaced = true;
          this.drawRow(table, row, lines);
          started = true;
          lines = null;
          continue;
        }
        const pageHolds = this.frame.bottom - this.frame.top - this.headerHeight(table, true);
        if (!this.fresh && height <= pageHolds) {
          this.startPage();
          headerPlaced = false;
          continue;
        }
        // Taller than a page: as many lines as fit here, the rest on the next page.
        const room = this.frame.bottom - this.y - this.pendingHeight() - header - 2 * CELL_PAD_Y;
        const fit = linesThatFit(room, table.line, this.fresh ? 1 : 0);
        if (fit < 2 && !this.fresh) {
          this.startPage();
          headerPlaced = false;
          continue;
        }
        this.placeHeader(table, headerPlaced, started, context);
        this.drawRow(table, row, lines.map((cell) => cell.slice(0, fit)));
        started = true;
        const rest: string[][] = lines.map((cell) => cell.slice(fit));
        lines = rest.some((cell) => cell.length > 0) ? rest : null;
        if (lines !== null) {
          this.startPage();
          headerPlaced = false;
        }
      }
    }
  }

  private prepare(spec: TableSpec, items: readonly unknown[], rows: readonly TableRow[]): PreparedTable {
    const widths = fitColumnsToWords(
      columnWidths(
        spec.columns.map((c) => c.weight),
        this.contentWidth,
      ),
      this.wordWidths(spec, items, rows),
    );
    const xs: number[] = [];
    widths.reduce((x, w) => {
      xs.push(x);
      return x + w;
    }, this.frame.left);
    const body: TextStyle = { font: 'regular', size: spec.size, color: INK };
    const bold: TextStyle = { ...body, font: 'bold' };
    const line = lineHeight(body);
    const showHeader = spec.header !== false;
    const headerLines = showHeader ? spec.columns.map((c, i) => this.lines(c.header, (widths[i] ?? 0) - 2 * CELL_PAD_X, bold)) : [];
    const groupHeight = spec.groups === undefined ? 0 : line + 2 * CELL_PAD_Y;
    const headerHeight = showHeader ? Math.max(...headerLines.map((l) => l.length)) * line + 2 * CELL_PAD_Y + groupHeight : 0;
    return { spec, widths, xs, body, bold, labelStyle: { ...bold, color: ACCENT }, line, headerLines, groupHeight, headerHeight };
  }

  /**
   * What each column needs so that no word in it is split: its widest run of letters (headers, cells and
   * continuation rows alike) with the cell padding. Worked out once per table (the counting and the drawing pass
   * lay out the same items).
   */
  private wordWidths(spec: TableSpec, items: readonly unknown[], rows: readonly TableRow[]): number[] {
    const known = WORD_WIDTHS.get(items);
    if (known !== undefined) {
      return known;
    }
    const body = this.widthIn({ font: 'regular', size: spec.size, color: INK });
    const bold = this.widthIn({ font: 'bold', size: spec.size, color: INK });
    const needs = spec.columns.map((column) => (spec.header === false ? 0 : widestWord(column.header, bold)));
    const take = (row: TableRow): void => {
      row.cells.forEach((cell, i) => {
        const width = widestWord(cell, row.bold === true || spec.columns[i]?.label === true ? bold : body) + (i === 0 ? (row.indent ?? 0) : 0);
        if (width > (needs[i] ?? 0)) {
          needs[i] = width;
        }
      });
    };
    for (const row of rows) {
      take(row);
      if (row.context !== undefined) {
        take(row.context);
      }
    }
    // Rounded up to the next 0.01 pt, with 0.01 to spare: column widths are kept to 0.01 pt, rounded down.
    const widths = needs.map((need) => (need === 0 ? 0 : Math.ceil((need + 2 * CELL_PAD_X) * 100) / 100 + 0.01));
    WORD_WIDTHS.set(items, widths);
    return widths;
  }

  private headerHeight(table: PreparedTable, continued: boolean): number {
    const caption = continued && table.spec.caption !== undefined ? lineHeight(SMALL) + 2 : 0;
    return table.headerHeight + caption;
  }

  private cellLines(table: PreparedTable, row: TableRow): string[][] {
    const lines: string[][] = [];
    for (let i = 0; i < row.cells.length; i += 1) {
      const style = row.bold === true || table.spec.columns[i]?.label === true ? table.bold : table.body;
      const indent = i === 0 ? (row.indent ?? 0) : 0;
      lines.push(this.lines(row.cells[i] ?? '', (table.widths[i] ?? 0) - 2 * CELL_PAD_X - indent, style));
    }
    return lines;
  }

  private rowHeight(table: PreparedTable, lines: readonly (readonly string[])[]): number {
    let most = 1;
    for (const cell of lines) {
      most = Math.max(most, cell.length);
    }
    return most * table.line + 2 * CELL_PAD_Y;
  }

  /**
   * Headings waiting for this piece, then the table header when this page does not have it yet (with the
   * caption and the row's context on a continuation page).
   */
  private placeHeader(table: PreparedTable, headerPlaced: boolean, continued: boolean, context: { row: TableRow; lines: string[][] } | null): void {
    this.flushHeadings();
    if (headerPlaced || table.spec.header === false) {
      return;
    }
    const left = this.frame.left;
    const right = this.frame.right;
    if (continued && table.spec.caption !== undefined) {
      this.canvas.text(`${table.spec.caption} (continued)`, left, this.y, SMALL);
      this.y += lineHeight(SMALL) + 2;
    }
    this.canvas.box(left, this.y, right - left, table.headerHeight, HEADER_FILL);
    if (table.spec.groups !== undefined) {
      let column = 0;
      for (const group of table.spec.groups) {
        const x = table.xs[column] ?? left;
        const width = table.widths.slice(column, column + group.span).reduce((a, b) => a + b, 0);
        if (group.label !== '') {
          this.canvas.text(group.label, x + (width - this.width(group.label, table.bold)) / 2, this.y + CELL_PAD_Y, table.bold);
          this.canvas.rule(x + CELL_PAD_X, x + width - CELL_PAD_X, this.y + table.groupHeight - 1, RULE, 0.5);
        }
        column += group.span;
      }
    }
    const top = this.y + table.groupHeight + CELL_PAD_Y;
    table.headerLines.forEach((lines, i) => this.drawCell(table, i, lines, top, table.bold, 0));
    this.y += table.headerHeight;
    this.canvas.rule(left, right, this.y, ACCENT, 0.8);
    this.fresh = false;
    if (continued && context !== null) {
      this.drawRow(table, context.row, context.lines);
    }
  }

  private drawRow(table: PreparedTable, row: TableRow, lines: readonly (readonly string[])[]): void {
    const height = this.rowHeight(table, lines);
    if (row.fill !== undefined) {
      this.canvas.box(this.frame.left, this.y, this.contentWidth, height, row.fill);
    }
    const top = this.y + CELL_PAD_Y;
    for (let i = 0; i < lines.length; i += 1) {
      const style = row.bold === true ? table.bold : table.spec.columns[i]?.label === true ? table.labelStyle : table.body;
      this.drawCell(table, i, lines[i] ?? [], top, style, i === 0 ? (row.indent ?? 0) : 0);
    }
    this.y += height;
    if (table.spec.header !== false) {
      this.canvas.rule(this.frame.left, this.frame.right, this.y, RULE, 0.4);
    }
    this.fresh = false;
  }

  private drawCell(table: PreparedTable, column: number, lines: readonly string[], top: number, style: TextStyle, indent: number): void {
    const x = (table.xs[column] ?? this.frame.left) + CELL_PAD_X + indent;
    const right = (table.xs[column] ?? this.frame.left) + (table.widths[column] ?? 0) - CELL_PAD_X;
    const alignRight = table.spec.columns[column]?.align === 'right';
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i] ?? '';
      this.canvas.text(line, alignRight ? right - this.width(line, style) : x, top + i * table.line, style);
    }
  }

  private headingLines(heading: DossierHeading): string[] {
    return this.lines(`${heading.number} ${heading.title}`, this.contentWidth, HEADING_STYLES[heading.level]);
  }

  private headingHeight(heading: DossierHeading, atTop: boolean): number {
    const space = HEADING_SPACE[heading.level];
    return (atTop ? 0 : space.before) + this.headingLines(heading).length * lineHeight(HEADING_STYLES[heading.level]) + space.after;
  }

  private pendingHeight(): number {
    return this.pending.reduce((total, heading, i) => total + this.headingHeight(heading, i === 0 && this.fresh), 0);
  }

  private fits(height: number): boolean {
    return this.y + this.pendingHeight() + height <= this.frame.bottom + 1e-6;
  }

  /** Makes room for a piece `height` high (with the headings waiting for it): a new page unless this one is empty. */
  private room(height: number): void {
    if (!this.fits(height) && !this.fresh) {
      this.startPage();
    }
    this.flushHeadings();
  }

  private flushHeadings(): void {
    for (const heading of this.pending) {
      const style = HEADING_STYLES[heading.level];
      const space = HEADING_SPACE[heading.level];
      this.gap(space.before);
      this.headingPages.set(heading.key, this.page);
      this.canvas.anchor(anchorName(heading.key), this.y);
      this.canvas.bookmark(`${heading.number} ${heading.title}`, heading.level);
      for (const line of this.headingLines(heading)) {
        this.canvas.text(line, this.frame.left, this.y, style);
        this.y += lineHeight(style);
      }
      if (heading.level === 1) {
        this.canvas.rule(this.frame.left, this.frame.right, this.y + 1, ACCENT, 0.8);
      }
      this.y += space.after;
      this.fresh = false;
    }
    this.pending = [];
  }
}

// --- wording ----------------------------------------------------------------------------------------------------

const NONE = '—';

function orNone(value: string | null | undefined): string {
  return value === null || value === undefined || value === '' ? NONE : value;
}

function days(count: number): string {
  return count === 1 ? '1 day' : `${count} days`;
}

/** The milestone's timeliness at the data lock point, in words. */
export function timelinessText(timeliness: Timeliness, daysLate: number): string {
  switch (timeliness) {
    case 'on-time':
      return 'on time';
    case 'late':
      return `late by ${days(daysLate)}`;
    case 'pending':
      return 'pending';
    case 'overdue':
      return `overdue by ${days(daysLate)}`;
    case 'cancelled':
      return 'cancelled';
  }
}

function ruled(date: RuledDate | null): string {
  return date === null ? NONE : `${date.date}\nrule ${date.ruleId}; ${date.source}`;
}

/** Thousands separated by commas, whatever the server's locale. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

const AUTHORISATION_TYPES: Readonly<Record<DossierContent['authorisation']['type'], { type: string; procedure: string }>> = {
  conditional: { type: 'conditional marketing authorisation', procedure: 'Annual renewal of a conditional marketing authorisation' },
  standard: { type: 'marketing authorisation', procedure: 'Renewal of a marketing authorisation' },
  'exceptional-circumstances': {
    type: 'marketing authorisation under exceptional circumstances',
    procedure: 'Annual reassessment of a marketing authorisation under exceptional circumstances',
  },
};

function bandWords(band: FrequencyBand | null): string | null {
  if (band === null) {
    return null;
  }
  return band === 'not-known' ? 'not known' : BAND_LIMITS[band].words;
}

/** An open-ended record as "key: value; …" with sorted keys, so it reads the same every time. */
function recordText(record: Record<string, unknown>): string {
  const keys = Object.keys(record).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (keys.length === 0) {
    return NONE;
  }
  return keys
    .map((key) => {
      const value = record[key];
      return `${key}: ${value === null || value === undefined ? NONE : typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : JSON.stringify(value)}`;
    })
    .join('; ');
}

// --- sections ---------------------------------------------------------------------------------------------------

type Headings = ReadonlyMap<string, DossierHeading>;

function headingOf(headings: Headings, key: string): DossierHeading {
  const heading = headings.get(key);
  if (heading === undefined) {
    throw new Error(`no heading "${key}" in the dossier's contents`);
  }
  return heading;
}

const KEY_VALUE: TableSpec = {
  columns: [
    // Wide enough for a SHA-256 in hex on one line at 9 pt.
    { header: '', weight: 24, label: true },
    { header: '', weight: 76 },
  ],
  size: 9,
  header: false,
};

function keyValues(w: Writer, rows: readonly (readonly [string, string])[]): void {
  w.table(KEY_VALUE, rows, ([key, value]) => ({ cells: [key, value] }));
}

function cover(w: Writer, content: DossierContent, hash: string): void {
  const { product, authorisation, period } = content;
  const kind = AUTHORISATION_TYPES[authorisation.type];
  const renewal = authorisation.renewal;
  w.bookmark('Cover');
  w.paragraph(kind.procedure, { font: 'regular', size: 11, color: MUTED });
  w.gap(6);
  w.paragraph(product.name, { font: 'bold', size: 24, color: ACCENT });
  w.paragraph(product.activeSubstance, { font: 'regular', size: 13, color: INK });
  w.gap(10);
  if (authorisation.illustrative) {
    w.notice(
      'Illustrative data',
      'The data in this dossier are illustrative (demonstration data held by the tracker). They are not the marketing authorisation holder’s real decisions and must not be submitted.',
    );
    w.gap(10);
  }
  keyValues(w, [
    ['EU number', orNone(product.euNumber)],
    ['EMA product number', orNone(product.emaProductNumber)],
    ['Marketing authorisation holder', product.holder],
    ['Authorisation type', `${kind.type}, notified on ${authorisation.notifiedOn}`],
    ['Advanced therapy', yesNo(product.advancedTherapy)],
    ['Additional monitoring', yesNo(product.additionalMonitoring)],
    ['Orphan designation', orNone(product.orphanDesignation)],
    ['Current expiry', ruled(authorisation.currentExpiry)],
    ['Renewal cycle', renewal === null ? 'no renewal recorded' : String(renewal.cycle)],
    ['Renewal window opens', ruled(renewal?.windowOpens ?? null)],
    ['Renewal application due', ruled(renewal?.applicationDue ?? null)],
    ['Expiry after renewal', ruled(renewal?.expiry ?? null)],
    ['Data lock point', content.dataLockPoint],
    ['Safety and exposure data', content.asAt.safety],
    ['Regulatory status', content.asAt.regulatoryStatus],
    ['Reporting period', `${period.from} to ${period.to}\n${period.basis}`],
    ['Content hash (SHA-256)', hash],
    ['Dossier format', content.format],
  ]);
  w.gap(8);
  w.paragraph(
    'The content hash is the SHA-256 of this dossier’s content as canonical JSON; it is printed on every page (first 12 characters) and identifies the version that is reviewed and signed.',
    SMALL,
  );
}

function contents(w: Writer, headings: readonly DossierHeading[], pages: ReadonlyMap<string, number> | null): void {
  w.bookmark('Contents');
  w.paragraph('Contents', HEADING_STYLES[1]);
  w.gap(8);
  for (const heading of headings) {
    // The counting pass does not know the pages yet; the entry's layout does not depend on them.
    w.contentsEntry(heading, String(pages?.get(heading.key) ?? ''));
  }
}

const MILESTONES: TableSpec = {
  columns: [
    { header: 'Milestone', weight: 19 },
    { header: 'Due date (rule)', weight: 22 },
    { header: 'Status', weight: 11 },
    { header: 'Submitted on', weight: 17 },
    { header: 'Timeliness at the DLP', weight: 12 },
    { header: 'Outcome', weight: 19 },
  ],
  size: 7.5,
  caption: 'Milestones',
};

function milestoneRow(m: DossierMilestone): TableRow {
  const submitted = m.submittedOn === null ? NONE : m.submissionRef === null ? m.submittedOn : `${m.submittedOn}\n${m.submissionRef}`;
  const outcome =
    m.outcome === null ? NONE : `${m.outcome}${m.outcomeOn === null ? '' : `, ${m.outcomeOn}`}${m.outcomeProcedureRef === null ? '' : `\n${m.outcomeProcedureRef}`}`;
  const due = m.dueDateAtDataLockPoint === m.dueDate.date ? ruled(m.dueDate) : `${ruled(m.dueDate)}\nat the DLP: ${m.dueDateAtDataLockPoint} (changed since)`;
  return { cells: [m.title, due, m.status, submitted, timelinessText(m.timeliness, m.daysLate), outcome] };
}

const HISTORY: TableSpec = {
  columns: [
    { header: 'Milestone', weight: 20 },
    { header: 'Due date: from → to', weight: 21 },
    { header: 'Procedure', weight: 21 },
    { header: 'Reason', weight: 22 },
    { header: 'Recorded on, by', weight: 16 },
  ],
  size: 7.5,
  caption: 'Due-date history',
};

/** Who recorded a change and when, and whether it came after the data lock point. */
function recorded(change: { changedOn: string; changedBy: string }, afterDataLockPoint: boolean): string {
  return `${change.changedOn}\n${change.changedBy}${afterDataLockPoint ? '\nafter the DLP' : ''}`;
}

function obligationBlock(w: Writer, obligation: DossierObligation, heading: DossierHeading): void {
  w.heading(heading);
  keyValues(w, [
    ['Reference', `${obligation.reference} (${obligation.category}, ${obligation.studyType})`],
    ['Description', obligation.description],
    ['Study ids', obligation.studyIds.length === 0 ? NONE : obligation.studyIds.join(', ')],
    ['Status', obligation.status],
  ]);
  w.gap(6);
  if (obligation.milestones.length === 0) {
    w.paragraph('No milestones recorded.');
  } else {
    w.table(MILESTONES, obligation.milestones, milestoneRow);
  }
  const history = obligation.milestones.flatMap((milestone) => milestone.history.map((change) => ({ milestone, change })));
  if (history.length > 0) {
    w.gap(6);
    w.paragraph('Due-date history', LABEL);
    w.table(HISTORY, history, ({ milestone, change }: { milestone: DossierMilestone; change: DueDateChange }) => ({
      cells: [milestone.title, `${change.from ?? 'none'} → ${change.to}`, orNone(change.procedureRef), change.reason, recorded(change, change.afterDataLockPoint)],
    }));
  }
  w.gap(8);
}

function obligationsSection(w: Writer, headings: Headings, key: 'sob' | 'anx', obligations: readonly DossierObligation[], none: string): void {
  w.heading(headingOf(headings, key));
  if (obligations.length === 0) {
    w.paragraph(none);
    return;
  }
  obligations.forEach((obligation, i) => obligationBlock(w, obligation, headingOf(headings, `${key}/${i}`)));
}

const SINCE_DLP: TableSpec = {
  columns: [
    { header: 'Obligation, milestone', weight: 19 },
    { header: 'Changed', weight: 10 },
    { header: 'From → to', weight: 20 },
    { header: 'Source, procedure', weight: 18 },
    { header: 'Reason', weight: 19 },
    { header: 'Recorded on, by', weight: 14 },
  ],
  size: 7.5,
  caption: 'Changes since the data lock point',
};

function sinceDataLockPoint(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'since-dlp'));
  w.paragraph(
    `The obligations and milestones above are shown as in force when this version was built; the safety part is as at the data lock point (${content.dataLockPoint}). Every change recorded after the data lock point:`,
    SMALL,
  );
  w.gap(4);
  if (content.changesSinceDataLockPoint.length === 0) {
    w.paragraph('None: no change to an obligation or a milestone was recorded after the data lock point.');
    return;
  }
  w.table(SINCE_DLP, content.changesSinceDataLockPoint, (c: RegulatoryChange) => ({
    cells: [
      c.milestone === null ? c.obligationReference : `${c.obligationReference}\n${c.milestone}`,
      c.field,
      `${orNone(c.from)} → ${orNone(c.to)}`,
      c.procedureRef === null ? c.source : `${c.source}\n${c.procedureRef}`,
      c.reason,
      recorded(c, false),
    ],
  }));
}

function proposedChanges(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'changes'));
  if (content.proposedChanges.length === 0) {
    w.paragraph('None proposed.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Obligation', weight: 14 },
        { header: 'Proposed change', weight: 43 },
        { header: 'Reason', weight: 43 },
      ],
      size: 8,
      caption: 'Proposed changes',
    },
    content.proposedChanges,
    (c) => ({ cells: [c.obligationReference, c.change, c.reason] }),
  );
}

function procedures(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'procedures'));
  if (content.procedures.length === 0) {
    w.paragraph('No procedure outcomes in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Procedure', weight: 22 },
        { header: 'Type', weight: 8 },
        { header: 'Title', weight: 20 },
        { header: 'Submitted on', weight: 11.5 },
        { header: 'Opinion on', weight: 11.5 },
        { header: 'Outcome', weight: 11 },
        { header: 'Commission decision on', weight: 15.5 },
      ],
      size: 7.5,
      caption: 'Procedure outcomes',
    },
    content.procedures,
    (p) => ({ cells: [p.number, p.type, p.title, orNone(p.submittedOn), orNone(p.opinionOn), orNone(p.outcome), orNone(p.commissionDecisionOn)] }),
  );
}

function caseCounts(w: Writer, headings: Headings, content: DossierContent): void {
  const { cases, excluded } = content.safety;
  w.heading(headingOf(headings, 'safety/cases'));
  const rows = [
    [`Interval (${content.period.from} to ${content.period.to})`, cases.interval],
    [`Cumulative (up to ${content.dataLockPoint})`, cases.cumulative],
  ] as const;
  w.table(
    {
      columns: [
        { header: 'Valid cases', weight: 46 },
        { header: 'Cases', weight: 18, align: 'right' },
        { header: 'Serious', weight: 18, align: 'right' },
        { header: 'Fatal', weight: 18, align: 'right' },
      ],
      size: 8.5,
    },
    rows,
    ([label, counts]) => ({ cells: [label, formatCount(counts.cases), formatCount(counts.serious), formatCount(counts.fatal)] }),
  );
  w.gap(4);
  w.paragraph(
    `Not counted: ${formatCount(excluded.nullified)} nullified, ${formatCount(excluded.invalid)} invalid, ${formatCount(excluded.duplicates)} duplicate case(s).`,
    SMALL,
  );
}

const COUNT_KEYS = ['spontaneousSerious', 'spontaneousNonSerious', 'studySerious', 'studyNonSerious', 'total'] as const;
const COUNT_HEADERS = ['Spont. serious', 'Spont. non-serious', 'Study serious', 'Study non-serious', 'Total'];

function countCells(counts: Counts): string[] {
  return COUNT_KEYS.map((key) => formatCount(counts[key]));
}

const TABULATION: TableSpec = {
  columns: [
    { header: 'System organ class / preferred term', weight: 27 },
    ...[...COUNT_HEADERS, ...COUNT_HEADERS].map((header): Column => ({ header, weight: 7.3, align: 'right' })),
  ],
  groups: [
    { label: '', span: 1 },
    { label: 'Interval', span: 5 },
    { label: 'Cumulative', span: 5 },
  ],
  size: 7,
  caption: 'Summary tabulation',
};

export type TabulationLine = { kind: 'soc'; soc: string; interval: Counts; cumulative: Counts } | { kind: 'pt'; row: SummaryRow } | { kind: 'total'; interval: Counts; cumulative: Counts };

/** Each SOC's subtotal, then its PTs; SOCs in the subtotals' order (any SOC without one after them); the grand total last. */
export function tabulationLines(tabulation: DossierContent['safety']['tabulation']): TabulationLine[] {
  const bySoc = new Map<string, SummaryRow[]>();
  for (const row of tabulation.rows) {
    const rows = bySoc.get(row.soc) ?? [];
    rows.push(row);
    bySoc.set(row.soc, rows);
  }
  const lines: TabulationLine[] = [];
  for (const subtotal of tabulation.socSubtotals) {
    lines.push({ kind: 'soc', ...subtotal });
    lines.push(...(bySoc.get(subtotal.soc) ?? []).map((row): TabulationLine => ({ kind: 'pt', row })));
    bySoc.delete(subtotal.soc);
  }
  for (const rows of bySoc.values()) {
    lines.push(...rows.map((row): TabulationLine => ({ kind: 'pt', row })));
  }
  lines.push({ kind: 'total', ...tabulation.total });
  return lines;
}

function tabulationRow(line: TabulationLine): TableRow {
  switch (line.kind) {
    case 'soc':
      return { cells: [line.soc, ...countCells(line.interval), ...countCells(line.cumulative)], bold: true, fill: SUBTOTAL_FILL, keepWithNext: true };
    case 'pt':
      return {
        cells: [line.row.pt, ...countCells(line.row.interval), ...countCells(line.row.cumulative)],
        indent: 8,
        context: { cells: [`${line.row.soc} (continued)`, ...Array<string>(2 * COUNT_KEYS.length).fill('')], bold: true, fill: SUBTOTAL_FILL },
      };
    case 'total':
      return { cells: ['All reactions', ...countCells(line.interval), ...countCells(line.cumulative)], bold: true, fill: TOTAL_FILL };
  }
}

function tabulation(w: Writer, headings: Headings, content: DossierContent): void {
  const { tabulation } = content.safety;
  w.heading(headingOf(headings, 'safety/tabulation'));
  w.paragraph('Reactions (events, not cases) by MedDRA system organ class and preferred term; each SOC’s subtotal in bold above its terms.', SMALL);
  w.gap(4);
  if (tabulation.rows.length === 0) {
    w.paragraph('No reactions up to the data lock point.');
    return;
  }
  w.table(TABULATION, tabulationLines(tabulation), tabulationRow);
}

const FREQUENCIES: TableSpec = {
  columns: [
    { header: 'Term', weight: 21 },
    { header: 'Patients', weight: 11, align: 'right' },
    { header: 'Observed proportion', weight: 17 },
    { header: 'Stated rate / band', weight: 16 },
    { header: 'Flag', weight: 9 },
    { header: 'Explanation', weight: 26 },
  ],
  size: 7.5,
  caption: 'Observed frequencies',
};

function frequencyRow(row: FrequencyRow): TableRow {
  const patients = row.solicitedExposed === null ? formatCount(row.patients) : `${formatCount(row.patients)}\n${formatCount(row.solicitedPatients)} / ${formatCount(row.solicitedExposed)} solicited`;
  const interval = row.interval === null ? '' : `\n${Math.round(row.interval.level * 100)}% interval ${percent(row.interval.lower)}–${percent(row.interval.upper)} (${row.interval.method})`;
  const observed = row.proportion === null ? NONE : `${percent(row.proportion)}${interval}`;
  const stated = [row.statedRatePercent === null ? null : `${row.statedRatePercent}%`, bandWords(row.statedBand)].filter((s) => s !== null).join('\n');
  return { cells: [`${row.label}\n(${row.level})`, patients, observed, orNone(stated), orNone(row.flag), orNone(row.explanation)] };
}

function frequency(w: Writer, headings: Headings, content: DossierContent): void {
  const run = content.safety.frequency;
  w.heading(headingOf(headings, 'safety/frequency'));
  if (run === null) {
    w.paragraph('No aggregation run is cited in this dossier.');
    return;
  }
  keyValues(w, [
    ['Aggregation run', run.runId],
    ['Run digest', run.digest],
    ['Period', `${run.period}: ${run.periodStart ?? 'from the first case'} to ${run.dataLockPoint}`],
    ['Reference safety information', orNone(run.referenceSafety)],
    ['MedDRA version', orNone(run.meddraVersion)],
    ['Exposure', recordText(run.exposure)],
  ]);
  w.gap(6);
  if (run.rows.length === 0) {
    w.paragraph('The run has no rows.');
    return;
  }
  w.table(FREQUENCIES, run.rows, frequencyRow);
}

function alerts(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/alerts'));
  if (content.safety.alerts.length === 0) {
    w.paragraph('No alerts in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Raised on', weight: 11 },
        { header: 'Source', weight: 11 },
        { header: 'Event', weight: 19 },
        { header: 'Rule', weight: 20 },
        { header: 'Status', weight: 11 },
        { header: 'Decided on', weight: 11 },
        { header: 'Reason', weight: 17 },
      ],
      size: 7.5,
      caption: 'Alerts',
    },
    content.safety.alerts,
    (a) => ({ cells: [a.raisedOn, a.source, a.event, a.rule, a.status, orNone(a.decidedOn), orNone(a.reason)] }),
  );
}

function signals(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/signals'));
  if (content.safety.signals.length === 0) {
    w.paragraph('No signals in the period.');
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Signal', weight: 22 },
        { header: 'Status, priority', weight: 11 },
        { header: 'Opened on', weight: 11.5 },
        { header: 'Closed on', weight: 11.5 },
        { header: 'Recommended action', weight: 16 },
        { header: 'Emerging safety issue', weight: 15 },
        { header: 'Regulator outcome', weight: 13 },
      ],
      size: 7.5,
      caption: 'Signals',
    },
    content.safety.signals,
    (s) => {
      const esi = s.emergingSafetyIssue;
      const issue = esi === null ? 'no' : `established ${esi.establishedOn}\ndue ${orNone(esi.dueOn)}\nnotified ${orNone(esi.notifiedOn)}`;
      return {
        cells: [`${s.title}\nevent: ${s.event}`, `${s.status}\npriority ${orNone(s.priority)}`, s.openedOn, orNone(s.closedOn), orNone(s.recommendedAction), issue, orNone(s.regulatorOutcome)],
      };
    },
  );
}

function exposure(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'safety/exposure'));
  if (content.safety.exposure.length === 0) {
    w.paragraph(`No exposure figure recorded on or before the data lock point (${content.dataLockPoint}).`);
    return;
  }
  w.table(
    {
      columns: [
        { header: 'Kind', weight: 18 },
        { header: 'From', weight: 12 },
        { header: 'To', weight: 12 },
        { header: 'Patients', weight: 11, align: 'right' },
        { header: 'Source', weight: 47 },
      ],
      size: 7.5,
      caption: 'Exposure',
    },
    content.safety.exposure,
    (e) => ({ cells: [e.kind, orNone(e.from), orNone(e.to), formatCount(e.patients), e.source] }),
  );
}

function benefitRisk(w: Writer, headings: Headings, content: DossierContent): void {
  w.heading(headingOf(headings, 'benefit-risk'));
  const text = content.benefitRisk.trim();
  if (text === '') {
    w.paragraph('No conclusion entered.');
    return;
  }
  for (const paragraph of text.split(/\r?\n/)) {
    if (paragraph.trim() === '') {
      w.gap(lineHeight(BODY) / 2);
    } else {
      w.paragraph(paragraph);
    }
  }
}

/**
 * CIOMS II columns, with the version beside the id and the country beside the source: every cell is a separate
 * text object in the PDF, and at 50,000 cases each column costs about half a second.
 */
const LINE_LISTING: TableSpec = {
  columns: [
    { header: 'Safety report id, version', weight: 17 },
    { header: 'Source, country', weight: 12 },
    { header: 'Received on', weight: 8 },
    { header: 'Age, sex', weight: 13.5 },
    { header: 'Reactions (PT)', weight: 22 },
    { header: 'Serious', weight: 5.5 },
    { header: 'Outcomes', weight: 13 },
    { header: 'Suspect drugs', weight: 9 },
  ],
  size: 7,
  caption: 'Line listing',
};

function lineListingRow(row: LineListingRow): TableRow {
  const id = `${row.safetyReportId} v${row.version}${row.synthetic ? ' *' : ''}`;
  return {
    cells: [
      row.worldwideId === row.safetyReportId ? id : `${id}\n${row.worldwideId}`,
      row.country === null ? row.reportType : `${row.reportType}, ${row.country}`,
      row.initialReceiptOn,
      row.ageSex,
      row.reactions,
      yesNo(row.serious),
      row.outcomes,
      row.suspectDrugs,
    ],
  };
}

function lineListing(w: Writer, headings: Headings, content: DossierContent, rows: readonly LineListingRow[]): void {
  w.startPage(LANDSCAPE);
  w.heading(headingOf(headings, 'line-listing'));
  if (rows.length === 0) {
    w.paragraph(`No cases received in the period (${content.period.from} to ${content.period.to}).`);
    return;
  }
  const count = rows.length === 1 ? '1 case' : `${formatCount(rows.length)} cases`;
  w.paragraph(
    `${count} received in the period (${content.period.from} to ${content.period.to}), each as it stood at the data lock point (CIOMS II line listing). When it differs from the safety report id, the worldwide case id is on the second line.`,
    SMALL,
  );
  if (rows.some((row) => row.synthetic)) {
    w.paragraph('* synthetic case (test data, not a real report).', SMALL);
  }
  w.gap(4);
  w.table(LINE_LISTING, rows, lineListingRow);
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

/**
 * The whole info dictionary goes in with the options: pdfkit derives the file ID from it in its constructor, so
 * the ID depends on the content hash (in the Subject) and the data lock point, never on the clock.
 */
function documentOptions(text: { title: string; subject: string; keywords: string }, date: Date, compress: boolean): PdfKitOptions {
  return {
    size: 'A4',
    autoFirstPage: false,
    bufferPages: false,
    compress,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: text.title, Subject: text.subject, Keywords: text.keywords, Creator: PDF_CREATOR, Producer: PDF_PRODUCER, CreationDate: date, ModDate: date },
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
