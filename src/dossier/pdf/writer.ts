/** The layout primitives: a cursor over pages that places headings, paragraphs, notices and tables. */
import { columnWidths, fitColumnsToWords, linesThatFit, type MeasureText, widestWord, wrapText } from '../pdf-layout';
import type { Canvas, PageDecoration } from './canvas';
import { anchorName, type DossierHeading } from './headings';
import { ACCENT, BODY, CELL_PAD_X, CELL_PAD_Y, type Frame, HEADER_FILL, HEADING_SPACE, HEADING_STYLES, type FontName, INK, LABEL, lineHeight, NOTICE_EDGE, NOTICE_FILL, PORTRAIT, RULE, SMALL, type TextStyle } from './page-styles';
import type { PreparedTable, TableRow, TableSpec } from './table-spec';

/** Each table's word widths by its items (the same array in both passes), worked out once. */
const WORD_WIDTHS = new WeakMap<readonly unknown[], number[]>();

/**
 * A cursor over pages: places headings, paragraphs and tables, starts a page when the next piece does not fit,
 * repeats table headers, and never leaves a heading alone at the bottom of a page (headings wait until the
 * first piece after them is placed, and move with it).
 */
export class Writer {
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
