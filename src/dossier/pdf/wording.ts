/** How values read in the dossier PDF: dates with their rules, counts, percentages, missing values, key–value tables. */
import { BAND_LIMITS, type FrequencyBand } from '../../reference-safety/reference-terms';
import type { DossierContent, RuledDate, Timeliness } from '../dossier-content';
import type { TableSpec } from './table-spec';
import type { Writer } from './writer';

export const NONE = '—';

export function orNone(value: string | null | undefined): string {
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

export function ruled(date: RuledDate | null): string {
  return date === null ? NONE : `${date.date}\nrule ${date.ruleId}; ${date.source}`;
}

/** Thousands separated by commas, whatever the server's locale. */
export function formatCount(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export function percent(value: number): string {
  return `${(value * 100).toFixed(1)}%`;
}

export function yesNo(value: boolean): string {
  return value ? 'yes' : 'no';
}

export const AUTHORISATION_TYPES: Readonly<Record<DossierContent['authorisation']['type'], { type: string; procedure: string }>> = {
  conditional: { type: 'conditional marketing authorisation', procedure: 'Annual renewal of a conditional marketing authorisation' },
  standard: { type: 'marketing authorisation', procedure: 'Renewal of a marketing authorisation' },
  'exceptional-circumstances': {
    type: 'marketing authorisation under exceptional circumstances',
    procedure: 'Annual reassessment of a marketing authorisation under exceptional circumstances',
  },
};

export function bandWords(band: FrequencyBand | null): string | null {
  if (band === null) {
    return null;
  }
  return band === 'not-known' ? 'not known' : BAND_LIMITS[band].words;
}

/** An open-ended record as "key: value; …" with sorted keys, so it reads the same every time. */
export function recordText(record: Record<string, unknown>): string {
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

const KEY_VALUE: TableSpec = {
  columns: [
    // Wide enough for a SHA-256 in hex on one line at 9 pt.
    { header: '', weight: 24, label: true },
    { header: '', weight: 76 },
  ],
  size: 9,
  header: false,
};

export function keyValues(w: Writer, rows: readonly (readonly [string, string])[]): void {
  w.table(KEY_VALUE, rows, ([key, value]) => ({ cells: [key, value] }));
}
