/**
 * PSUR/PBRER appendices from the cases as known at the data lock point (pharmacovigilance §7): the summary
 * tabulation (reactions by SOC and PT; serious vs non-serious; spontaneous vs study; interval vs cumulative),
 * the line listing (one row per case received in the interval) and their CSV. Pure functions.
 */
import { stringify } from 'csv-stringify/sync';
import { compareDates, type IsoDate } from '../common/calendar-date';
import type { IcsrReportType } from '../deadlines/engine/icsr';
import type { ReactionOutcome, Sex } from './case-content';

/** One case as it stood at the data lock point (its latest version on or before it). */
export interface CaseAtDlp {
  caseId: string;
  safetyReportId: string;
  worldwideId: string;
  version: number;
  reportType: IcsrReportType;
  country: string | null;
  initialReceiptOn: IsoDate;
  day0: IsoDate;
  patientSex: Sex | null;
  /** For display, e.g. "34 years". */
  patientAge: string | null;
  serious: boolean;
  synthetic: boolean;
  reactions: readonly {
    ptName: string | null;
    reportedTerm: string;
    socName: string | null;
    /** Any seriousness criterion on this reaction. */
    serious: boolean;
    outcome: ReactionOutcome;
    expected: boolean | null;
  }[];
  suspectDrugs: readonly string[];
}

/** The reporting interval; `to` is the data lock point. Both ends inclusive. */
export interface ReportingPeriod {
  from: IsoDate;
  to: IsoDate;
}

export interface Counts {
  spontaneousSerious: number;
  spontaneousNonSerious: number;
  studySerious: number;
  studyNonSerious: number;
  total: number;
}

export interface SummaryRow {
  soc: string;
  pt: string;
  interval: Counts;
  cumulative: Counts;
}

export interface SocSubtotal {
  soc: string;
  interval: Counts;
  cumulative: Counts;
}

/**
 * Rows by SOC then PT (case-insensitive; the uncoded group last), one subtotal per SOC in the same order,
 * and the grand total. Every count is of reactions (events), not of cases.
 */
export interface SummaryTabulation {
  rows: SummaryRow[];
  socSubtotals: SocSubtotal[];
  total: { interval: Counts; cumulative: Counts };
}

export interface LineListingRow {
  safetyReportId: string;
  worldwideId: string;
  version: number;
  reportType: IcsrReportType;
  country: string | null;
  initialReceiptOn: IsoDate;
  /** "34 years, female"; "age unknown, sex unknown". */
  ageSex: string;
  /** PTs (the reported term when uncoded), joined with "; ". */
  reactions: string;
  serious: boolean;
  /** One outcome per reaction, in the same order, joined with "; ". */
  outcomes: string;
  suspectDrugs: string;
  synthetic: boolean;
}

/** The SOC under which reactions without a MedDRA SOC are counted. */
export const UNCODED_SOC = 'Uncoded (no MedDRA dictionary)';

/** Spontaneous: spontaneous, literature and EudraVigilance downloads; study: solicited and clinical-trial reports. */
const SOURCE_GROUP: Record<IcsrReportType, 'spontaneous' | 'study'> = {
  spontaneous: 'spontaneous',
  literature: 'spontaneous',
  eudravigilance: 'spontaneous',
  solicited: 'study',
  'clinical-trial': 'study',
};

function zero(): Counts {
  return { spontaneousSerious: 0, spontaneousNonSerious: 0, studySerious: 0, studyNonSerious: 0, total: 0 };
}

function add(counts: Counts, reportType: IcsrReportType, serious: boolean): void {
  const group = SOURCE_GROUP[reportType];
  if (group === 'spontaneous') {
    counts[serious ? 'spontaneousSerious' : 'spontaneousNonSerious'] += 1;
  } else {
    counts[serious ? 'studySerious' : 'studyNonSerious'] += 1;
  }
  counts.total += 1;
}

function plus(a: Counts, b: Counts): Counts {
  return {
    spontaneousSerious: a.spontaneousSerious + b.spontaneousSerious,
    spontaneousNonSerious: a.spontaneousNonSerious + b.spontaneousNonSerious,
    studySerious: a.studySerious + b.studySerious,
    studyNonSerious: a.studyNonSerious + b.studyNonSerious,
    total: a.total + b.total,
  };
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Case-insensitive, ties broken by the exact text so the order never depends on the input's. */
function compareNames(a: string, b: string): number {
  return compareText(a.toLowerCase(), b.toLowerCase()) || compareText(a, b);
}

function compareSocs(a: string, b: string): number {
  return Number(a === UNCODED_SOC) - Number(b === UNCODED_SOC) || compareNames(a, b);
}

function checkPeriod(period: Readonly<ReportingPeriod>): void {
  if (compareDates(period.from, period.to) > 0) {
    throw new RangeError(`the reporting period starts (${period.from}) after its data lock point (${period.to})`);
  }
}

function inInterval(date: IsoDate, period: Readonly<ReportingPeriod>): boolean {
  return compareDates(period.from, date) <= 0 && compareDates(date, period.to) <= 0;
}

function upToDlp(date: IsoDate, period: Readonly<ReportingPeriod>): boolean {
  return compareDates(date, period.to) <= 0;
}

/** One entry per case: when a case is given more than once, its highest version counts. */
function latestPerCase(cases: readonly Readonly<CaseAtDlp>[]): Readonly<CaseAtDlp>[] {
  const latest = new Map<string, Readonly<CaseAtDlp>>();
  for (const item of cases) {
    const seen = latest.get(item.caseId);
    if (seen === undefined || item.version > seen.version) {
      latest.set(item.caseId, item);
    }
  }
  return [...latest.values()];
}

function ptOf(reaction: CaseAtDlp['reactions'][number]): string {
  const pt = reaction.ptName?.trim() ?? '';
  return pt === '' ? reaction.reportedTerm.trim() : pt;
}

function socOf(reaction: CaseAtDlp['reactions'][number]): string {
  const soc = reaction.socName?.trim() ?? '';
  return soc === '' ? UNCODED_SOC : soc;
}

/**
 * Summary tabulation of reactions by SOC and PT. Interval: initial receipt within [from, to]; cumulative:
 * initial receipt on or before `to`. A reaction is serious when it has a seriousness criterion. Reactions without
 * a SOC go under UNCODED_SOC with their PT name, or their reported term. PTs are grouped case-insensitively.
 */
export function summaryTabulation(cases: readonly Readonly<CaseAtDlp>[], period: Readonly<ReportingPeriod>): SummaryTabulation {
  checkPeriod(period);
  const groups = new Map<string, SummaryRow>();
  for (const item of latestPerCase(cases)) {
    if (!upToDlp(item.initialReceiptOn, period)) {
      continue;
    }
    const interval = inInterval(item.initialReceiptOn, period);
    for (const reaction of item.reactions) {
      const soc = socOf(reaction);
      const pt = ptOf(reaction);
      const key = `${soc.toLowerCase()}\u0000${pt.toLowerCase()}`;
      const row = groups.get(key) ?? { soc, pt, interval: zero(), cumulative: zero() };
      // Show the same spelling whatever the input order: the first in sort order.
      row.soc = compareNames(soc, row.soc) < 0 ? soc : row.soc;
      row.pt = compareNames(pt, row.pt) < 0 ? pt : row.pt;
      add(row.cumulative, item.reportType, reaction.serious);
      if (interval) {
        add(row.interval, item.reportType, reaction.serious);
      }
      groups.set(key, row);
    }
  }
  const rows = [...groups.values()].sort((a, b) => compareSocs(a.soc, b.soc) || compareNames(a.pt, b.pt));
  const socSubtotals: SocSubtotal[] = [];
  for (const row of rows) {
    const last = socSubtotals.at(-1);
    if (last?.soc.toLowerCase() === row.soc.toLowerCase()) {
      last.interval = plus(last.interval, row.interval);
      last.cumulative = plus(last.cumulative, row.cumulative);
    } else {
      socSubtotals.push({ soc: row.soc, interval: row.interval, cumulative: row.cumulative });
    }
  }
  const total = socSubtotals.reduce((sum, soc) => ({ interval: plus(sum.interval, soc.interval), cumulative: plus(sum.cumulative, soc.cumulative) }), {
    interval: zero(),
    cumulative: zero(),
  });
  return { rows, socSubtotals, total };
}

function ageSex(item: Readonly<CaseAtDlp>): string {
  const age = item.patientAge?.trim() ?? '';
  const sex = item.patientSex === null || item.patientSex === 'unknown' ? 'sex unknown' : item.patientSex;
  return `${age === '' ? 'age unknown' : age}, ${sex}`;
}

/** One row per case received in the interval [from, to], by initial receipt date then safety report id. */
export function lineListing(cases: readonly Readonly<CaseAtDlp>[], period: Readonly<ReportingPeriod>): LineListingRow[] {
  checkPeriod(period);
  return latestPerCase(cases)
    .filter((item) => inInterval(item.initialReceiptOn, period))
    .sort((a, b) => compareDates(a.initialReceiptOn, b.initialReceiptOn) || compareText(a.safetyReportId, b.safetyReportId))
    .map((item) => ({
      safetyReportId: item.safetyReportId,
      worldwideId: item.worldwideId,
      version: item.version,
      reportType: item.reportType,
      country: item.country,
      initialReceiptOn: item.initialReceiptOn,
      ageSex: ageSex(item),
      reactions: item.reactions.map(ptOf).join('; '),
      serious: item.serious,
      outcomes: item.reactions.map((reaction) => reaction.outcome).join('; '),
      suspectDrugs: item.suspectDrugs.join('; '),
      synthetic: item.synthetic,
    }));
}

/** A CSV column: its header and how to read the cell from a row. */
export interface CsvColumn<T> {
  header: string;
  value: (row: T) => unknown;
}

function countColumns(label: string, counts: (row: SummaryRow) => Counts): CsvColumn<SummaryRow>[] {
  return [
    { header: `${label} spontaneous serious`, value: (row) => counts(row).spontaneousSerious },
    { header: `${label} spontaneous non-serious`, value: (row) => counts(row).spontaneousNonSerious },
    { header: `${label} study serious`, value: (row) => counts(row).studySerious },
    { header: `${label} study non-serious`, value: (row) => counts(row).studyNonSerious },
    { header: `${label} total`, value: (row) => counts(row).total },
  ];
}

export const SUMMARY_TABULATION_COLUMNS: readonly CsvColumn<SummaryRow>[] = [
  { header: 'SOC', value: (row) => row.soc },
  { header: 'PT', value: (row) => row.pt },
  ...countColumns('Interval', (row) => row.interval),
  ...countColumns('Cumulative', (row) => row.cumulative),
];

export const LINE_LISTING_COLUMNS: readonly CsvColumn<LineListingRow>[] = [
  { header: 'Safety report id', value: (row) => row.safetyReportId },
  { header: 'Worldwide case id', value: (row) => row.worldwideId },
  { header: 'Version', value: (row) => row.version },
  { header: 'Report type', value: (row) => row.reportType },
  { header: 'Country', value: (row) => row.country },
  { header: 'Initial receipt', value: (row) => row.initialReceiptOn },
  { header: 'Age/sex', value: (row) => row.ageSex },
  { header: 'Reactions (PT)', value: (row) => row.reactions },
  { header: 'Serious', value: (row) => row.serious },
  { header: 'Outcomes', value: (row) => row.outcomes },
  { header: 'Suspect drugs', value: (row) => row.suspectDrugs },
  { header: 'Synthetic', value: (row) => row.synthetic },
];

type Cell = string | number;

/** Text as is, numbers as numbers, booleans Yes/No, null empty, arrays joined with "; ", anything else as JSON. */
function cell(value: unknown): Cell {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return value;
  }
  if (typeof value === 'boolean') {
    return value ? 'Yes' : 'No';
  }
  if (Array.isArray(value)) {
    return value.map((item) => String(cell(item))).join('; ');
  }
  return JSON.stringify(value) ?? '';
}

/**
 * RFC 4180 CSV with a header row: CRLF line ends, fields with a comma, a quote, CR or LF quoted, quotes doubled.
 * Spreadsheet-safe (OWASP CSV injection): a text cell that starts like a formula (= + - @, tab, CR) gets a
 * leading apostrophe; numbers (a negative count) are left alone. Written by csv-stringify, as the audit export.
 */
export function toCsv<T>(rows: readonly T[], columns: readonly CsvColumn<T>[]): string {
  const header = columns.map((column) => column.header);
  const records = rows.map((row) => columns.map((column) => cell(column.value(row))));
  return stringify([header, ...records], { record_delimiter: 'windows', quote_record_delimiter: true, escape_formulas: true });
}
