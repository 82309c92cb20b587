/**
 * The dossier's machine-readable bundle (renewal-dossier.md, "Formats"): one ZIP with the PDF, the workbook, the
 * canonical content JSON, every table as CSV and as JSON, and a manifest with each file's size and SHA-256, so a
 * checksum proves what was submitted. The same input gives the same bytes: fixed entry order, fixed compression,
 * every entry time the data lock point. Pure (no clock, no file system).
 */
import { createHash } from 'node:crypto';
import { strToU8, zipSync, type ZipOptions } from 'fflate';
import type { IsoDate } from '../common/calendar-date';
import { canonicalJson, type DossierContent } from './dossier-content';
import { type DossierTable, tableCsv, tableRecords } from './dossier-tables';

/** SHA-256 of the bytes, lower-case hex. */
export function sha256(buffer: Uint8Array): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/** The data lock point's year, month and day; DOS dates (as fflate writes them) cover 1980 to 2099. */
function zipDateParts(dataLockPoint: IsoDate): { year: number; month: number; day: number } {
  const [year, month, day] = (/^(\d{4})-(\d{2})-(\d{2})$/.exec(dataLockPoint)?.slice(1) ?? []).map(Number);
  if (year === undefined || month === undefined || day === undefined || year < 1980 || year > 2099) {
    throw new RangeError(`cannot stamp ZIP entries with ${dataLockPoint}: a ZIP date is a YYYY-MM-DD between 1980 and 2099`);
  }
  return { year, month, day };
}

/** One file of a deterministic ZIP, with the deflate level chosen for what it holds. */
export interface ZipEntry {
  path: string;
  data: Uint8Array;
  /** 0 stores (for data that is already compressed), 1–9 deflates. */
  level: ZipOptions['level'];
}

/**
 * Deflate level for text entries: fflate's default, fixed here so a library default change cannot change bytes.
 * fflate (pure JavaScript, pinned in the lockfile) rather than node:zlib: Node bundles Chromium's zlib fork,
 * whose deflate output differs from canonical zlib and has changed between Node releases (nodejs/node#33610,
 * #50138), so the same dossier could get other bytes after a Node upgrade.
 */
export const TEXT_LEVEL = 6;

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;

interface ZipHeaders {
  path: string;
  /** Offsets of the entry's central directory header and local file header. */
  central: number;
  local: number;
}

/** Every entry's headers, from the central directory (fflate writes no archive comment: the end record is last). */
function zipHeaders(zip: Uint8Array): ZipHeaders[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const end = zip.byteLength - 22;
  if (end < 0 || view.getUint32(end, true) !== END_OF_CENTRAL_DIRECTORY) {
    throw new Error('unexpected ZIP layout: no end of central directory record at the end');
  }
  const headers: ZipHeaders[] = [];
  let central = view.getUint32(end + 16, true);
  for (let left = view.getUint16(end + 10, true); left > 0; left -= 1) {
    const local = view.getUint32(central + 42, true);
    if (view.getUint32(central, true) !== CENTRAL_HEADER || view.getUint32(local, true) !== LOCAL_HEADER) {
      throw new Error('unexpected ZIP layout: a header signature is missing');
    }
    const nameLength = view.getUint16(central + 28, true);
    const path = new TextDecoder().decode(zip.subarray(central + 46, central + 46 + nameLength));
    headers.push({ path, central, local });
    central += 46 + nameLength + view.getUint16(central + 30, true) + view.getUint16(central + 32, true);
  }
  return headers;
}

/**
 * Writes the MS-DOS time 00:00:00 and the DLP's date into every local and central header. ZIP times carry no
 * time zone and fflate stores a Date's *local* fields; local midnight (new Date(y, m - 1, d)) gives the DLP at
 * 00:00 in almost every zone, but not where a daylight-saving change skips midnight (e.g. America/Santiago on
 * 2026-09-06, Africa/Cairo on 2026-04-24: that Date is 01:00). Writing the fields directly makes the bytes the
 * same on every machine. Headers are outside the CRC, so nothing else changes.
 */
function stampEntryTimes(zip: Uint8Array, dataLockPoint: IsoDate): void {
  const { year, month, day } = zipDateParts(dataLockPoint);
  const dosDate = ((year - 1980) << 9) | (month << 5) | day;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  for (const { central, local } of zipHeaders(zip)) {
    // Time (low 16 bits) 00:00:00, date (high 16 bits) the DLP.
    view.setUint32(central + 12, dosDate * 0x10000, true);
    view.setUint32(local + 10, dosDate * 0x10000, true);
  }
}

/**
 * Each entry's stored modification time as "YYYY-MM-DD HH:MM:SS", from the central directory and the local
 * header, to check a ZIP made by deterministicZip (they must agree and be the DLP at 00:00:00).
 */
export function zipEntryTimes(zip: Uint8Array): { path: string; central: string; local: string }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const read = (offset: number): string => {
    const time = view.getUint16(offset, true);
    const date = view.getUint16(offset + 2, true);
    const two = (n: number): string => String(n).padStart(2, '0');
    return `${(date >> 9) + 1980}-${two((date >> 5) & 15)}-${two(date & 31)} ${two(time >> 11)}:${two((time >> 5) & 63)}:${two((time & 31) * 2)}`;
  };
  return zipHeaders(zip).map(({ path, central, local }) => ({ path, central: read(central + 12), local: read(local + 10) }));
}

/**
 * A ZIP of the entries in the order given, every entry time the data lock point at 00:00 (see stampEntryTimes),
 * no other metadata (no extra fields, comments or attributes), so equal entries give equal bytes.
 */
export function deterministicZip(entries: readonly ZipEntry[], dataLockPoint: IsoDate): Uint8Array {
  const { year, month, day } = zipDateParts(dataLockPoint);
  const mtime = new Date(year, month - 1, day);
  const files: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const entry of entries) {
    if (Object.hasOwn(files, entry.path)) {
      throw new Error(`duplicate ZIP entry ${entry.path}`);
    }
    files[entry.path] = [entry.data, { level: entry.level, mtime }];
  }
  // fflate writes entries in the object's key order, which is insertion order for these (non-integer) names.
  const zip = zipSync(files);
  stampEntryTimes(zip, dataLockPoint);
  return zip;
}

export interface DossierManifestFile {
  path: string;
  size: number;
  sha256: string;
}

export interface DossierManifest {
  format: string;
  productId: string;
  product: string;
  euNumber: string | null;
  dataLockPoint: IsoDate;
  /** SHA-256 of content.json (the canonical JSON of the content), as printed in the PDF. */
  contentHash: string;
  /** Every file of the bundle but the manifest itself, sorted by path (code-unit order, not locale order). */
  files: DossierManifestFile[];
}

export interface DossierBundleInput {
  content: DossierContent;
  contentHash: string;
  pdf: Buffer;
  xlsx: Buffer;
  tables: DossierTable[];
}

/** JSON records one per line: diffs between two drafts show the changed rows, and 50,000 rows stay compact. */
function recordsJson(dossierTable: DossierTable): string {
  const lines = tableRecords(dossierTable).map((record) => JSON.stringify(record));
  return lines.length === 0 ? '[]\n' : `[\n${lines.join(',\n')}\n]\n`;
}

function byPath(a: DossierManifestFile, b: DossierManifestFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The bundle: dossier.pdf, dossier.xlsx, content.json, csv/<table>.csv, json/<table>.json, then manifest.json.
 * The PDF and the workbook are stored (already compressed), the text deflated at TEXT_LEVEL.
 * Throws when contentHash is not the hash of the content: a bundle must not certify other content than it holds.
 */
export function bundleDossier(input: DossierBundleInput): { zip: Buffer; manifest: DossierManifest } {
  const { content, tables } = input;
  const contentJson = strToU8(canonicalJson(content));
  const actualHash = sha256(contentJson);
  if (actualHash !== input.contentHash) {
    throw new Error(`the content hash ${input.contentHash} is not the hash of the content (${actualHash})`);
  }
  const entries: ZipEntry[] = [
    { path: 'dossier.pdf', data: input.pdf, level: 0 },
    { path: 'dossier.xlsx', data: input.xlsx, level: 0 },
    { path: 'content.json', data: contentJson, level: TEXT_LEVEL },
    ...tables.map((t): ZipEntry => ({ path: `csv/${t.name}.csv`, data: strToU8(tableCsv(t)), level: TEXT_LEVEL })),
    ...tables.map((t): ZipEntry => ({ path: `json/${t.name}.json`, data: strToU8(recordsJson(t)), level: TEXT_LEVEL })),
  ];
  const manifest: DossierManifest = {
    format: content.format,
    productId: content.product.id,
    product: content.product.name,
    euNumber: content.product.euNumber,
    dataLockPoint: content.dataLockPoint,
    contentHash: input.contentHash,
    files: entries.map((entry) => ({ path: entry.path, size: entry.data.byteLength, sha256: sha256(entry.data) })).sort(byPath),
  };
  const manifestEntry: ZipEntry = { path: 'manifest.json', data: strToU8(`${JSON.stringify(manifest, null, 2)}\n`), level: TEXT_LEVEL };
  const zip = deterministicZip([...entries, manifestEntry], content.dataLockPoint);
  return { zip: Buffer.from(zip.buffer, zip.byteOffset, zip.byteLength), manifest };
}
