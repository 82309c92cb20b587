/**
 * FAERS quarterly ASCII files (pharmacovigilance §4): `$`-delimited text with a header row — DEMO (one row
 * per report), DRUG, REAC, OUTC — and the list of deleted cases. Pure parsing: names, headers and lines in,
 * typed values or a problem out. Real files have rows with the wrong number of fields, Latin-1 bytes and
 * empty columns: a bad row is reported and skipped, never the whole load.
 */

import { copyValue } from '../common/copy-text';

/** What a FAERS drug is counted as in disproportionality: its active ingredient, else its verbatim name, trimmed, upper case. */
export function faersProduct(drugname: string | null, activeIngredient: string | null): string | null {
  const name = activeIngredient !== null && activeIngredient.trim() !== '' ? activeIngredient : drugname;
  return name === null || name.trim() === '' ? null : name.trim().toUpperCase();
}

/** What a FAERS reaction is counted as: its PT name, trimmed, lower case. */
export function faersEvent(pt: string | null): string | null {
  return pt === null || pt.trim() === '' ? null : pt.trim().toLowerCase();
}

export const FAERS_KINDS = ['demo', 'drug', 'reac', 'outc', 'deleted'] as const;
export type FaersKind = (typeof FAERS_KINDS)[number];
export type FaersTableKind = Exclude<FaersKind, 'deleted'>;

/** The columns stored, in table order; the first ones are required in the header. */
export const FAERS_COLUMNS: Readonly<Record<FaersTableKind, { kept: readonly string[]; required: readonly string[]; integers: readonly string[] }>> = {
  demo: {
    kept: ['primaryid', 'caseid', 'caseversion', 'i_f_code', 'event_dt', 'fda_dt', 'rept_cod', 'mfr_sndr', 'age', 'age_cod', 'sex', 'reporter_country', 'occr_country'],
    required: ['primaryid', 'caseid', 'caseversion'],
    integers: ['primaryid', 'caseid', 'caseversion'],
  },
  drug: { kept: ['primaryid', 'drug_seq', 'role_cod', 'drugname', 'prod_ai', 'route'], required: ['primaryid', 'drug_seq', 'role_cod', 'drugname'], integers: ['primaryid', 'drug_seq'] },
  reac: { kept: ['primaryid', 'pt', 'drug_rec_act'], required: ['primaryid', 'pt'], integers: ['primaryid'] },
  outc: { kept: ['primaryid', 'outc_cod'], required: ['primaryid', 'outc_cod'], integers: ['primaryid'] },
};

/** Which file this is, by FDA's naming (DEMO25Q3.txt, drug25q3.txt, DELETED_CASES_25Q3.txt…); null = not one we load. */
export function classifyFile(name: string): FaersKind | null {
  const base = name.split(/[\\/]/).pop()?.toUpperCase() ?? '';
  if (!base.endsWith('.TXT')) {
    return null;
  }
  if (base.startsWith('DELE')) {
    return 'deleted';
  }
  for (const kind of ['demo', 'drug', 'reac', 'outc'] as const) {
    if (base.startsWith(kind.toUpperCase()) && /\d{2}Q[1-4]/.test(base)) {
      return kind;
    }
  }
  return null;
}

/** "DEMO25Q3.txt" → "2025Q3"; null when the name carries no quarter. */
export function quarterOf(name: string): string | null {
  const match = /(\d{2})Q([1-4])/i.exec(name.split(/[\\/]/).pop() ?? '');
  return match === null ? null : `20${match[1]}Q${match[2]}`;
}

export const QUARTER_PATTERN = /^\d{4}Q[1-4]$/;

export interface FaersHeader {
  kind: FaersTableKind;
  /** Index in the line of each kept column (-1: an optional column the file does not have). */
  indexes: number[];
  /** Fields a line must have. */
  width: number;
  integerPositions: number[];
}

/** The fields of a line; `width` given, one trailing empty field beyond it (some years end every line with "$") is dropped. */
function fields(line: string, width?: number): string[] {
  const parts = line.split('$');
  const extra = width === undefined ? parts.length > 1 : parts.length === width + 1;
  if (extra && parts[parts.length - 1] === '') {
    parts.pop();
  }
  return parts;
}

/** The header row: every required column present (case-insensitive, any order). */
export function readHeader(kind: FaersTableKind, line: string): FaersHeader | { problem: string } {
  const names = fields(line.replace(/^\uFEFF/, '')).map((n) => n.trim().toLowerCase());
  const spec = FAERS_COLUMNS[kind];
  const missing = spec.required.filter((column) => !names.includes(column));
  if (missing.length > 0) {
    return { problem: `the header lacks ${missing.join(', ')} (found: ${names.slice(0, 12).join(', ')}${names.length > 12 ? '…' : ''})` };
  }
  return {
    kind,
    indexes: spec.kept.map((column) => names.indexOf(column)),
    width: names.length,
    integerPositions: spec.integers.map((column) => spec.kept.indexOf(column)),
  };
}

/** One data line: its kept values (empty = null), or the problem that makes it a bad row. */
export function parseLine(header: FaersHeader, line: string): { values: (string | null)[] } | { problem: string } {
  const parts = fields(line, header.width);
  if (parts.length !== header.width) {
    return { problem: `${parts.length} fields where the header has ${header.width}` };
  }
  const values = header.indexes.map((index) => {
    const value = index < 0 ? '' : (parts[index] ?? '').trim();
    return value === '' ? null : value;
  });
  for (const position of header.integerPositions) {
    const value = values[position];
    if (value === null || value === undefined || !/^\d{1,15}$/.test(value)) {
      return { problem: `${FAERS_COLUMNS[header.kind].kept[position]} "${value ?? ''}" is not a whole number` };
    }
  }
  return { values };
}

/** A line of the deleted-cases list: a case id; a first line that is not one is a header. */
export function parseDeletedLine(line: string): { caseid: string } | { problem: string } | null {
  const value = line.replace(/^\uFEFF/, '').replace(/\$$/, '').trim();
  if (value === '') {
    return null;
  }
  return /^\d{1,15}$/.test(value) ? { caseid: value } : { problem: `"${value.slice(0, 40)}" is not a case id` };
}

/** One COPY text-format line of values (the escaping scan is skipped when the values hold no backslash or tab). */
export function copyLine(values: readonly (string | null)[], raw: string): string {
  const escape = raw.includes('\\') || raw.includes('\t');
  return `${values.map((v) => (v === null ? '\\N' : escape ? copyValue(v) : v)).join('\t')}\n`;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** A line's bytes as text: ASCII as is, valid UTF-8 as UTF-8, anything else as Latin-1 (never a lost row). */
export function decodeLine(bytes: Buffer): string {
  for (let i = 0; i < bytes.length; i++) {
    if ((bytes[i] ?? 0) >= 0x80) {
      try {
        return UTF8.decode(bytes);
      } catch {
        return bytes.toString('latin1');
      }
    }
  }
  return bytes.toString('latin1');
}
