/**
 * The PDF writer: pdfkit behind a small typed surface, the embedded DejaVu Sans fonts and their character widths,
 * the canvas that draws on a pdfkit document, and the document's fixed information (dates, creator, producer).
 *
 * Reproducible bytes: the document's dates are the data lock point (midnight UTC), Producer and Creator are
 * fixed, and pdfkit's file ID is an MD5 of that info dictionary; font subset tags come from pdfkit's font ids
 * ("F1", "F2", …) and glyphs are numbered in order of first use, so the same content and hash draw the same
 * bytes. Nothing else in pdfkit reads the clock or a random source unless encryption is asked for.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { characterWidthMeasure, type MeasureText } from '../pdf-layout';
import type { Canvas } from './canvas';
import type { FontName, Frame, Orientation, TextStyle } from './page-styles';

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

export function pdfKitConstructor(): PdfKitConstructor {
  pdfKit ??= loadModule('pdfkit') as PdfKitConstructor;
  return pdfKit;
}

// --- fonts -----------------------------------------------------------------------------------------------------

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
export function fontMeasures(): Readonly<Record<FontName, MeasureText>> {
  if (measures === null) {
    const PDFDocument = pdfKitConstructor();
    const doc = new PDFDocument(documentOptions({ title: 'measure', subject: '', keywords: '' }, new Date(0), true));
    registerFonts(doc);
    const measureWith = (font: FontName): MeasureText => characterWidthMeasure((char) => doc.font(PDF_FONT[font]).fontSize(1000).widthOfString(char));
    measures = { regular: measureWith('regular'), bold: measureWith('bold') };
  }
  return measures;
}

export function registerFonts(doc: PdfKitDocument): void {
  const data = fonts();
  doc.registerFont(PDF_FONT.regular, data.regular).registerFont(PDF_FONT.bold, data.bold);
}

/** pdfkit copies the options of each text call, so one object serves them all. */
const NO_LINE_BREAK = { lineBreak: false } as const;

/** pdfkit behind the Canvas, setting font, size and colours only when they change (each change is an operator). */
export class PdfKitCanvas implements Canvas {
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

/**
 * The whole info dictionary goes in with the options: pdfkit derives the file ID from it in its constructor, so
 * the ID depends on the content hash (in the Subject) and the data lock point, never on the clock.
 */
export function documentOptions(text: { title: string; subject: string; keywords: string }, date: Date, compress: boolean): PdfKitOptions {
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
