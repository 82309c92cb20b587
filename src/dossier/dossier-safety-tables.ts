/**
 * The safety part of the dossier's tables (as at the data lock point): case counts, the summary tabulation, the
 * frequency comparison of the cited run, alerts, signals, exposure and the line listing. Pure.
 */
import { type FrequencyRow, roundTo } from '../frequencies/frequency-table';
import type { Counts, LineListingRow, SummaryRow } from '../safety-cases/tabulation';
import type { DossierAlert, DossierContent, DossierExposure, DossierSignal } from './dossier-content';
import { type ColumnSpec, type DossierTable, joined, table } from './dossier-table-spec';

interface CaseCount {
  group: 'interval' | 'cumulative' | 'excluded';
  measure: string;
  count: number;
}

/** Long format (one count per row): the interval/cumulative counts and the exclusions do not share a shape. */
function caseCounts(content: DossierContent): CaseCount[] {
  const { cases, excluded } = content.safety;
  return [
    ...(['interval', 'cumulative'] as const).flatMap((group) =>
      (['cases', 'serious', 'fatal'] as const).map((measure) => ({ group, measure, count: cases[group][measure] })),
    ),
    ...(['nullified', 'invalid', 'duplicates'] as const).map((measure) => ({ group: 'excluded' as const, measure, count: excluded[measure] })),
  ];
}

const CASE_COUNT_COLUMNS: readonly ColumnSpec<CaseCount>[] = [
  { key: 'group', header: 'Group', value: (c) => c.group },
  { key: 'measure', header: 'Measure', value: (c) => c.measure },
  { key: 'count', header: 'Count', value: (c) => c.count },
];

type TabulationRowType = 'term' | 'soc-subtotal' | 'total';

interface TabulationLine {
  rowType: TabulationRowType;
  soc: string | null;
  pt: string | null;
  interval: Counts;
  cumulative: Counts;
}

/**
 * Each SOC's PT rows followed by its subtotal, then the grand total. Rows and subtotals are matched by SOC
 * case-insensitively, as the tabulation groups them; a subtotal without rows is still shown, so nothing is lost.
 */
function tabulationLines(content: DossierContent): TabulationLine[] {
  const { rows, socSubtotals, total } = content.safety.tabulation;
  const subtotals = new Map(socSubtotals.map((s) => [s.soc.toLowerCase(), s]));
  const lines: TabulationLine[] = [];
  const closeSoc = (soc: string): void => {
    const subtotal = subtotals.get(soc.toLowerCase());
    if (subtotal !== undefined) {
      lines.push({ rowType: 'soc-subtotal', soc: subtotal.soc, pt: null, interval: subtotal.interval, cumulative: subtotal.cumulative });
      subtotals.delete(soc.toLowerCase());
    }
  };
  rows.forEach((row: SummaryRow, index) => {
    lines.push({ rowType: 'term', soc: row.soc, pt: row.pt, interval: row.interval, cumulative: row.cumulative });
    const next = rows[index + 1];
    if (next?.soc.toLowerCase() !== row.soc.toLowerCase()) {
      closeSoc(row.soc);
    }
  });
  for (const subtotal of subtotals.values()) {
    lines.push({ rowType: 'soc-subtotal', soc: subtotal.soc, pt: null, interval: subtotal.interval, cumulative: subtotal.cumulative });
  }
  lines.push({ rowType: 'total', soc: null, pt: null, interval: total.interval, cumulative: total.cumulative });
  return lines;
}

function countColumns(prefix: 'interval' | 'cumulative', label: string): ColumnSpec<TabulationLine>[] {
  const cap = (key: keyof Counts): string => `${prefix}${key.charAt(0).toUpperCase()}${key.slice(1)}`;
  return [
    { key: cap('spontaneousSerious'), header: `${label} spontaneous serious`, value: (line) => line[prefix].spontaneousSerious },
    { key: cap('spontaneousNonSerious'), header: `${label} spontaneous non-serious`, value: (line) => line[prefix].spontaneousNonSerious },
    { key: cap('studySerious'), header: `${label} study serious`, value: (line) => line[prefix].studySerious },
    { key: cap('studyNonSerious'), header: `${label} study non-serious`, value: (line) => line[prefix].studyNonSerious },
    { key: cap('total'), header: `${label} total`, value: (line) => line[prefix].total },
  ];
}

const TABULATION_COLUMNS: readonly ColumnSpec<TabulationLine>[] = [
  { key: 'rowType', header: 'Row type', value: (line) => line.rowType },
  { key: 'soc', header: 'SOC', value: (line) => line.soc },
  { key: 'pt', header: 'PT', value: (line) => line.pt },
  ...countColumns('interval', 'Interval'),
  ...countColumns('cumulative', 'Cumulative'),
];

/**
 * Proportions, interval bounds and reporting rates as fractions rounded to 6 decimal places (0.187086 = 18.7086%):
 * what a person reads in the workbook and the CSV files; the content's JSON keeps the exact figures.
 */
const FRACTION_DECIMALS = 6;
const FRACTION = `(fraction, ${FRACTION_DECIMALS} decimals)`;

function fraction(value: number | null): number | null {
  return roundTo(value, FRACTION_DECIMALS);
}

interface FrequencyLine {
  runId: string;
  row: FrequencyRow;
}

const FREQUENCY_COLUMNS: readonly ColumnSpec<FrequencyLine>[] = [
  { key: 'runId', header: 'Run', value: (f) => f.runId },
  { key: 'level', header: 'Level', value: (f) => f.row.level },
  { key: 'label', header: 'Label', value: (f) => f.row.label },
  { key: 'listedTerms', header: 'Listed terms', value: (f) => joined(f.row.listedTerms) },
  { key: 'patients', header: 'Patients', value: (f) => f.row.patients },
  { key: 'serious', header: 'Serious', value: (f) => f.row.serious },
  { key: 'fatal', header: 'Fatal', value: (f) => f.row.fatal },
  { key: 'solicitedPatients', header: 'Solicited patients', value: (f) => f.row.solicitedPatients },
  { key: 'solicitedExposed', header: 'Solicited exposed', value: (f) => f.row.solicitedExposed },
  { key: 'proportion', header: `Proportion ${FRACTION}`, value: (f) => fraction(f.row.proportion) },
  { key: 'ciLower', header: `CI lower ${FRACTION}`, value: (f) => fraction(f.row.interval?.lower ?? null) },
  { key: 'ciUpper', header: `CI upper ${FRACTION}`, value: (f) => fraction(f.row.interval?.upper ?? null) },
  { key: 'ciLevel', header: 'CI level', value: (f) => f.row.interval?.level ?? null },
  { key: 'ciMethod', header: 'CI method', value: (f) => f.row.interval?.method ?? null },
  { key: 'spontaneousPatients', header: 'Spontaneous patients', value: (f) => f.row.spontaneousPatients },
  { key: 'spontaneousExposed', header: 'Spontaneous exposed', value: (f) => f.row.spontaneousExposed },
  { key: 'reportingRate', header: `Reporting rate ${FRACTION}`, value: (f) => fraction(f.row.reportingRate) },
  { key: 'statedRatePercent', header: 'Stated rate (%)', value: (f) => f.row.statedRatePercent },
  { key: 'statedBand', header: 'Stated band', value: (f) => f.row.statedBand },
  { key: 'flag', header: 'Flag', value: (f) => f.row.flag },
  { key: 'explanation', header: 'Explanation', value: (f) => f.row.explanation },
  { key: 'followUpMedianMonths', header: 'Follow-up median (months)', value: (f) => f.row.followUp?.medianMonths ?? null },
  { key: 'followUpMaxMonths', header: 'Follow-up max (months)', value: (f) => f.row.followUp?.maxMonths ?? null },
  { key: 'followUpPatientYears', header: 'Follow-up patient-years (to 0.1)', value: (f) => roundTo(f.row.followUp?.patientYears ?? null, 1) },
  { key: 'followUpBasis', header: 'Follow-up basis', value: (f) => f.row.followUp?.basis ?? null },
];

function frequencyLines(content: DossierContent): FrequencyLine[] {
  const frequency = content.safety.frequency;
  return frequency === null ? [] : frequency.rows.map((row) => ({ runId: frequency.runId, row }));
}

const ALERT_COLUMNS: readonly ColumnSpec<DossierAlert>[] = [
  { key: 'source', header: 'Source', value: (a) => a.source },
  { key: 'event', header: 'Event', value: (a) => a.event },
  { key: 'rule', header: 'Rule', value: (a) => a.rule },
  { key: 'status', header: 'Status', value: (a) => a.status },
  { key: 'raisedOn', header: 'Raised on', value: (a) => a.raisedOn },
  { key: 'decidedOn', header: 'Decided on', value: (a) => a.decidedOn },
  { key: 'reason', header: 'Reason', value: (a) => a.reason },
  { key: 'alertId', header: 'Alert id', value: (a) => a.id },
];

const SIGNAL_COLUMNS: readonly ColumnSpec<DossierSignal>[] = [
  { key: 'title', header: 'Signal', value: (s) => s.title },
  { key: 'event', header: 'Event', value: (s) => s.event },
  { key: 'status', header: 'Status', value: (s) => s.status },
  { key: 'priority', header: 'Priority', value: (s) => s.priority },
  { key: 'openedOn', header: 'Opened on', value: (s) => s.openedOn },
  { key: 'closedOn', header: 'Closed on', value: (s) => s.closedOn },
  { key: 'recommendedAction', header: 'Recommended action', value: (s) => s.recommendedAction },
  { key: 'emergingSafetyIssue', header: 'Emerging safety issue', value: (s) => s.emergingSafetyIssue !== null },
  { key: 'esiEstablishedOn', header: 'ESI established on', value: (s) => s.emergingSafetyIssue?.establishedOn ?? null },
  { key: 'esiDueOn', header: 'ESI notification due', value: (s) => s.emergingSafetyIssue?.dueOn ?? null },
  { key: 'esiNotifiedOn', header: 'ESI notified on', value: (s) => s.emergingSafetyIssue?.notifiedOn ?? null },
  { key: 'regulatorOutcome', header: 'Regulator outcome', value: (s) => s.regulatorOutcome },
  { key: 'signalId', header: 'Signal id', value: (s) => s.id },
];

const EXPOSURE_COLUMNS: readonly ColumnSpec<DossierExposure>[] = [
  { key: 'kind', header: 'Kind', value: (e) => e.kind },
  { key: 'from', header: 'From', value: (e) => e.from },
  { key: 'to', header: 'To', value: (e) => e.to },
  { key: 'patients', header: 'Patients', value: (e) => e.patients },
  { key: 'source', header: 'Source', value: (e) => e.source },
];

/** Headers as in the PSUR line listing CSV (tabulation.ts), so both exports read alike. */
const LINE_LISTING_COLUMNS: readonly ColumnSpec<LineListingRow>[] = [
  { key: 'safetyReportId', header: 'Safety report id', value: (r) => r.safetyReportId },
  { key: 'worldwideId', header: 'Worldwide case id', value: (r) => r.worldwideId },
  { key: 'version', header: 'Version', value: (r) => r.version },
  { key: 'reportType', header: 'Report type', value: (r) => r.reportType },
  { key: 'country', header: 'Country', value: (r) => r.country },
  { key: 'initialReceiptOn', header: 'Initial receipt', value: (r) => r.initialReceiptOn },
  { key: 'ageSex', header: 'Age/sex', value: (r) => r.ageSex },
  { key: 'reactions', header: 'Reactions (PT)', value: (r) => r.reactions },
  { key: 'serious', header: 'Serious', value: (r) => r.serious },
  { key: 'outcomes', header: 'Outcomes', value: (r) => r.outcomes },
  { key: 'suspectDrugs', header: 'Suspect drugs', value: (r) => r.suspectDrugs },
  { key: 'synthetic', header: 'Synthetic', value: (r) => r.synthetic },
];

/** The safety tables, in the dossier's order. */
export function safetyTables(content: DossierContent): DossierTable[] {
  return [
    table('case-counts', 'Case counts', CASE_COUNT_COLUMNS, caseCounts(content)),
    table('summary-tabulation', 'Summary tabulation of reactions by SOC and PT', TABULATION_COLUMNS, tabulationLines(content)),
    table('frequency-comparison', 'Observed frequencies against the stated rates', FREQUENCY_COLUMNS, frequencyLines(content)),
    table('alerts', 'Alerts', ALERT_COLUMNS, content.safety.alerts),
    table('signals', 'Signals', SIGNAL_COLUMNS, content.safety.signals),
    table('exposure', 'Exposure', EXPOSURE_COLUMNS, content.safety.exposure),
  ];
}

/** The line listing of the interval as a table. */
export function lineListingTable(rows: readonly LineListingRow[]): DossierTable {
  return table('line-listing', 'Line listing of cases in the interval', LINE_LISTING_COLUMNS, rows);
}
