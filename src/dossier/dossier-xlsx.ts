/**
 * The dossier's tables as an XLSX workbook (renewal-dossier.md, "an XLSX workbook where staff expect
 * spreadsheets"): one sheet per table, a bold frozen header row with a filter, dates as YYYY-MM-DD text (no
 * serial dates, so no time zone can move a day), numbers as numbers, booleans as Yes/No as in the CSV files.
 *
 * Reproducible bytes: exceljs stamps its ZIP entries with the current time, so its output is unzipped and zipped
 * again with deterministicZip (entry time = data lock point, fixed order, fixed level); the document properties
 * (creator, title, created, modified) come from the content only. Written with exceljs's streaming writer, which
 * keeps one row at a time instead of a cell object per value (a 50,000-case line listing).
 */
import { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import type { DossierContent } from './dossier-content';
import { deterministicZip, TEXT_LEVEL, type ZipEntry } from './dossier-bundle';
import type { DossierCell, DossierTable } from './dossier-tables';

export const WORKBOOK_CREATOR = 'cma-tracker';

/** Excel's limit on a sheet name's length. */
const SHEET_NAME_MAX = 31;
/** Column widths in characters: wide enough for a date or an id, narrow enough for a text column to fit a screen. */
const MIN_WIDTH = 8;
const MAX_WIDTH = 60;

/**
 * Sheet names Excel accepts: no \ / ? * [ ] :, no leading or trailing apostrophe, at most 31 characters, unique
 * ignoring case ("History" is reserved by Excel). A clash gets " (2)", " (3)" … within the 31 characters.
 */
export function sheetNames(names: readonly string[]): string[] {
  const taken = new Set<string>(['history']);
  return names.map((name) => {
    const clean = name.replace(/[\\/?*[\]:]/g, '-').replace(/^'+|'+$/g, '').trim() || 'sheet';
    let candidate = clean.slice(0, SHEET_NAME_MAX);
    for (let n = 2; taken.has(candidate.toLowerCase()); n += 1) {
      const suffix = ` (${n})`;
      candidate = `${clean.slice(0, SHEET_NAME_MAX - suffix.length)}${suffix}`;
    }
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}

/** What a cell holds in the workbook: text, a number, or nothing (null leaves the cell empty). */
function workbookValue(cell: DossierCell): string | number | null {
  if (typeof cell === 'boolean') {
    return cell ? 'Yes' : 'No';
  }
  return cell;
}

function displayLength(value: string | number | null): number {
  if (value === null) {
    return 0;
  }
  const text = String(value);
  return text.includes('\n') ? Math.max(...text.split('\n').map((line) => line.length)) : text.length;
}

/** The longest value (or header) of each column, plus a margin for the filter button, within MIN/MAX_WIDTH. */
export function columnWidths(table: DossierTable): number[] {
  return table.columns.map((column, index) => {
    let longest = column.header.length + 2;
    for (const row of table.rows) {
      longest = Math.max(longest, displayLength(workbookValue(row[index] ?? null)));
    }
    return Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, longest + 1));
  });
}

/** A1-style letters of a 1-based column number (1 → A, 27 → AA). */
function columnLetters(column: number): string {
  let letters = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The data lock point as the document's created/modified time: midnight UTC, which core.xml states in UTC. */
function dlpInstant(content: DossierContent): Date {
  return new Date(`${content.dataLockPoint}T00:00:00Z`);
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, table: DossierTable): void {
  const sheet = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
  });
  const widths = columnWidths(table);
  sheet.columns = table.columns.map((column, index) => ({ key: column.key, width: widths[index] }));
  if (table.columns.length > 0) {
    sheet.autoFilter = `A1:${columnLetters(table.columns.length)}1`;
  }
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.commit();
  for (const row of table.rows) {
    sheet.addRow(row.map(workbookValue)).commit();
  }
  sheet.commit();
}

/** Collects a stream's bytes in memory (exceljs writes to a stream; the caller wants a Buffer). */
function memorySink(): { stream: Writable; bytes: () => Buffer } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback): void {
      chunks.push(chunk);
      callback();
    },
  });
  return { stream, bytes: () => Buffer.concat(chunks) };
}

/**
 * exceljs's entries in a fixed order: [Content_Types].xml first (some readers look for it there), then by path.
 * Sorting rather than keeping exceljs's order makes the bytes independent of when its streams happened to finish.
 */
function normalisedEntries(xlsx: Uint8Array): ZipEntry[] {
  const files = unzipSync(xlsx);
  const first = '[Content_Types].xml';
  const paths = Object.keys(files).sort((a, b) => Number(b === first) - Number(a === first) || (a < b ? -1 : a > b ? 1 : 0));
  return paths.map((path) => ({ path, data: files[path] ?? new Uint8Array(), level: TEXT_LEVEL }));
}

export async function renderDossierXlsx(content: DossierContent, tables: DossierTable[]): Promise<Buffer> {
  const sink = memorySink();
  const instant = dlpInstant(content);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: sink.stream,
    useStyles: true,
    useSharedStrings: false,
    // Stored, not deflated: the entries are re-compressed by deterministicZip anyway.
    zip: { store: true },
  });
  workbook.creator = WORKBOOK_CREATOR;
  workbook.lastModifiedBy = WORKBOOK_CREATOR;
  workbook.title = `${content.product.name} renewal dossier, data lock point ${content.dataLockPoint}`;
  workbook.created = instant;
  workbook.modified = instant;
  const names = sheetNames(tables.map((t) => t.name));
  tables.forEach((table, index) => addSheet(workbook, names[index] ?? table.name, table));
  await workbook.commit();
  const zip = deterministicZip(normalisedEntries(sink.bytes()), content.dataLockPoint);
  return Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength);
}
