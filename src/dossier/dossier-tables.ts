/**
 * The renewal dossier's tables as plain rows (renewal-dossier.md, "a ZIP with the same content as CSV/JSON …
 * plus an XLSX workbook"): one definition that the workbook, the CSV files and the JSON files all render, so the
 * three can never disagree. Numbers stay numbers, dates stay YYYY-MM-DD text, absent values are null. Pure.
 */
import { type FrequencyRow, roundTo } from '../frequencies/frequency-table';
import { type CsvColumn, type Counts, type LineListingRow, type SummaryRow, toCsv } from '../safety-cases/tabulation';
import type { DossierAlert, DossierContent, DossierExposure, DossierMilestone, DossierObligation, DossierSignal, DueDateChange, ProcedureOutcome, ProposedChange, RegulatoryChange, RuledDate } from './dossier-content';

export type DossierCell = string | number | boolean | null;

export interface DossierColumn {
  /** Property name in the JSON files (camelCase, stable: consumers read it). */
  key: string;
  /** Column heading in the workbook and the CSV files. */
  header: string;
}

export interface DossierTable {
  /** File and sheet name, e.g. "obligations": lower case, hyphens, at most 31 characters (an Excel sheet name). */
  name: string;
  title: string;
  columns: DossierColumn[];
  /** One array per row, cells in column order. */
  rows: DossierCell[][];
}

/** A column and how to read its cell from one item: keeps each header next to its value. */
interface ColumnSpec<T> extends DossierColumn {
  value: (item: T) => DossierCell;
}

function table<T>(name: string, title: string, columns: readonly ColumnSpec<T>[], items: readonly T[]): DossierTable {
  return {
    name,
    title,
    columns: columns.map(({ key, header }) => ({ key, header })),
    rows: items.map((item) => columns.map((column) => column.value(item))),
  };
}

/** Lists inside one cell: the separator the line listing already uses for reactions and outcomes. */
function joined(values: readonly string[]): string {
  return values.join('; ');
}

// --- summary --------------------------------------------------------------------------------------------------

interface Fact {
  fact: string;
  value: DossierCell;
  ruleId: string | null;
  source: string | null;
}

function plainFact(fact: string, value: DossierCell): Fact {
  return { fact, value, ruleId: null, source: null };
}

function ruledFact(fact: string, date: RuledDate | null): Fact {
  return { fact, value: date?.date ?? null, ruleId: date?.ruleId ?? null, source: date?.source ?? null };
}

/**
 * The key facts, taken from the content alone: nothing about this rendering (no content hash, export time or
 * version number), since the hash is computed from the content and would make the tables depend on themselves.
 */
function facts(content: DossierContent): Fact[] {
  const { product, authorisation, period } = content;
  const renewal = authorisation.renewal;
  const frequency = content.safety.frequency;
  return [
    plainFact('Product', product.name),
    plainFact('Active substance', product.activeSubstance),
    plainFact('EMA product number', product.emaProductNumber),
    plainFact('EU number', product.euNumber),
    plainFact('Marketing authorisation holder', product.holder),
    plainFact('Advanced therapy', product.advancedTherapy),
    plainFact('Additional monitoring', product.additionalMonitoring),
    plainFact('Orphan designation', product.orphanDesignation),
    plainFact('Authorisation type', authorisation.type),
    plainFact('Authorisation notified on', authorisation.notifiedOn),
    ruledFact('Current expiry', authorisation.currentExpiry),
    plainFact('Renewal cycle', renewal?.cycle ?? null),
    ruledFact('Renewal window opens', renewal?.windowOpens ?? null),
    ruledFact('Renewal application due', renewal?.applicationDue ?? null),
    // The expiry this renewal is for (dossier-rules.ts: the current expiry at the DLP), not the one after renewal.
    ruledFact('Expiry the renewal is for', renewal?.expiry ?? null),
    plainFact('Data lock point', content.dataLockPoint),
    plainFact('Safety and exposure data', content.asAt.safety),
    plainFact('Regulatory status', content.asAt.regulatoryStatus),
    plainFact('Changes since the data lock point', content.changesSinceDataLockPoint.length),
    plainFact('Period from', period.from),
    plainFact('Period to', period.to),
    plainFact('Period basis', period.basis),
    plainFact('Frequency run', frequency?.runId ?? null),
    plainFact('Frequency run digest', frequency?.digest ?? null),
    plainFact('Frequency period', frequency?.period ?? null),
    plainFact('Frequency period start', frequency?.periodStart ?? null),
    plainFact('Reference safety information', frequency?.referenceSafety ?? null),
    plainFact('MedDRA version', frequency?.meddraVersion ?? null),
    // An open-ended record in the content model: shown as JSON with sorted keys so it renders the same every time.
    plainFact('Frequency exposure', frequency === null ? null : sortedJson(frequency.exposure)),
    plainFact('Illustrative data', authorisation.illustrative),
    plainFact('Dossier format', content.format),
  ];
}

function sortedJson(value: Record<string, unknown>): string {
  const keys = Object.keys(value).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify(Object.fromEntries(keys.map((key) => [key, value[key]])));
}

const SUMMARY_COLUMNS: readonly ColumnSpec<Fact>[] = [
  { key: 'fact', header: 'Fact', value: (f) => f.fact },
  { key: 'value', header: 'Value', value: (f) => f.value },
  { key: 'ruleId', header: 'Rule', value: (f) => f.ruleId },
  { key: 'source', header: 'Rule source', value: (f) => f.source },
];

// --- obligations and their timelines -------------------------------------------------------------------------

const OBLIGATION_COLUMNS: readonly ColumnSpec<DossierObligation>[] = [
  { key: 'reference', header: 'Reference', value: (o) => o.reference },
  { key: 'category', header: 'Category', value: (o) => o.category },
  { key: 'studyType', header: 'Study type', value: (o) => o.studyType },
  { key: 'description', header: 'Description', value: (o) => o.description },
  { key: 'studyIds', header: 'Study ids', value: (o) => joined(o.studyIds) },
  { key: 'status', header: 'Status', value: (o) => o.status },
  { key: 'milestones', header: 'Milestones', value: (o) => o.milestones.length },
  { key: 'obligationId', header: 'Obligation id', value: (o) => o.id },
];

interface MilestoneOf {
  obligation: DossierObligation;
  milestone: DossierMilestone;
}

const MILESTONE_COLUMNS: readonly ColumnSpec<MilestoneOf>[] = [
  { key: 'obligationReference', header: 'Obligation', value: ({ obligation }) => obligation.reference },
  { key: 'title', header: 'Milestone', value: ({ milestone }) => milestone.title },
  { key: 'dueDate', header: 'Due date', value: ({ milestone }) => milestone.dueDate.date },
  { key: 'dueDateRuleId', header: 'Due date rule', value: ({ milestone }) => milestone.dueDate.ruleId },
  { key: 'dueDateSource', header: 'Due date source', value: ({ milestone }) => milestone.dueDate.source },
  { key: 'dueDateAtDataLockPoint', header: 'Due date at the DLP', value: ({ milestone }) => milestone.dueDateAtDataLockPoint },
  { key: 'status', header: 'Status', value: ({ milestone }) => milestone.status },
  { key: 'submittedOn', header: 'Submitted on', value: ({ milestone }) => milestone.submittedOn },
  { key: 'submissionRef', header: 'Submission reference', value: ({ milestone }) => milestone.submissionRef },
  { key: 'timeliness', header: 'Timeliness at the DLP', value: ({ milestone }) => milestone.timeliness },
  { key: 'daysLate', header: 'Days late', value: ({ milestone }) => milestone.daysLate },
  { key: 'outcome', header: 'Outcome', value: ({ milestone }) => milestone.outcome },
  { key: 'outcomeOn', header: 'Outcome date', value: ({ milestone }) => milestone.outcomeOn },
  { key: 'outcomeProcedureRef', header: 'Outcome procedure', value: ({ milestone }) => milestone.outcomeProcedureRef },
  { key: 'dueDateChanges', header: 'Due date changes', value: ({ milestone }) => milestone.history.length },
  { key: 'milestoneId', header: 'Milestone id', value: ({ milestone }) => milestone.id },
];

interface ChangeOf extends MilestoneOf {
  change: DueDateChange;
}

const DUE_DATE_HISTORY_COLUMNS: readonly ColumnSpec<ChangeOf>[] = [
  { key: 'obligationReference', header: 'Obligation', value: ({ obligation }) => obligation.reference },
  { key: 'milestone', header: 'Milestone', value: ({ milestone }) => milestone.title },
  { key: 'changedOn', header: 'Changed on', value: ({ change }) => change.changedOn },
  { key: 'from', header: 'From', value: ({ change }) => change.from },
  { key: 'to', header: 'To', value: ({ change }) => change.to },
  { key: 'procedureRef', header: 'Procedure', value: ({ change }) => change.procedureRef },
  { key: 'reason', header: 'Reason', value: ({ change }) => change.reason },
  { key: 'changedBy', header: 'Changed by', value: ({ change }) => change.changedBy },
  { key: 'afterDataLockPoint', header: 'After the DLP', value: ({ change }) => change.afterDataLockPoint },
  { key: 'milestoneId', header: 'Milestone id', value: ({ milestone }) => milestone.id },
];

const SINCE_DLP_COLUMNS: readonly ColumnSpec<RegulatoryChange>[] = [
  { key: 'changedOn', header: 'Recorded on', value: (c) => c.changedOn },
  { key: 'obligationReference', header: 'Obligation', value: (c) => c.obligationReference },
  { key: 'milestone', header: 'Milestone', value: (c) => c.milestone },
  { key: 'field', header: 'Changed', value: (c) => c.field },
  { key: 'from', header: 'From', value: (c) => c.from },
  { key: 'to', header: 'To', value: (c) => c.to },
  { key: 'source', header: 'Source', value: (c) => c.source },
  { key: 'procedureRef', header: 'Procedure', value: (c) => c.procedureRef },
  { key: 'reason', header: 'Reason', value: (c) => c.reason },
  { key: 'changedBy', header: 'Changed by', value: (c) => c.changedBy },
];

function milestonesOf(content: DossierContent): MilestoneOf[] {
  return content.obligations.flatMap((obligation) => obligation.milestones.map((milestone) => ({ obligation, milestone })));
}

/** In the content's order (obligation, milestone, then the history as given). */
function changesOf(content: DossierContent): ChangeOf[] {
  return milestonesOf(content).flatMap(({ obligation, milestone }) => milestone.history.map((change) => ({ obligation, milestone, change })));
}

const PROPOSED_CHANGE_COLUMNS: readonly ColumnSpec<ProposedChange>[] = [
  { key: 'obligationReference', header: 'Obligation', value: (c) => c.obligationReference },
  { key: 'change', header: 'Proposed change', value: (c) => c.change },
  { key: 'reason', header: 'Reason', value: (c) => c.reason },
];

const PROCEDURE_COLUMNS: readonly ColumnSpec<ProcedureOutcome>[] = [
  { key: 'number', header: 'Procedure', value: (p) => p.number },
  { key: 'type', header: 'Type', value: (p) => p.type },
  { key: 'title', header: 'Title', value: (p) => p.title },
  { key: 'submittedOn', header: 'Submitted on', value: (p) => p.submittedOn },
  { key: 'opinionOn', header: 'Opinion on', value: (p) => p.opinionOn },
  { key: 'outcome', header: 'Outcome', value: (p) => p.outcome },
  { key: 'commissionDecisionOn', header: 'Commission decision on', value: (p) => p.commissionDecisionOn },
];

// --- safety ------------------------------------------------------------------------------------------------------

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

const BENEFIT_RISK_COLUMNS: readonly ColumnSpec<string>[] = [{ key: 'conclusion', header: 'Benefit–risk conclusion', value: (text) => text }];

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

/**
 * All tables of the dossier, always in this order. Every table is present even when empty (so the set of files
 * does not depend on the data), except the line listing, which is there only when the content has one.
 */
export function dossierTables(content: DossierContent): DossierTable[] {
  const tables = [
    table('summary', 'Summary', SUMMARY_COLUMNS, facts(content)),
    table('obligations', 'Obligations (Annex II conditions)', OBLIGATION_COLUMNS, content.obligations),
    table('milestones', 'Milestones', MILESTONE_COLUMNS, milestonesOf(content)),
    table('due-date-history', 'Due date history', DUE_DATE_HISTORY_COLUMNS, changesOf(content)),
    table('changes-since-dlp', 'Changes since the data lock point', SINCE_DLP_COLUMNS, content.changesSinceDataLockPoint),
    table('proposed-changes', 'Proposed changes to obligations and timelines', PROPOSED_CHANGE_COLUMNS, content.proposedChanges),
    table('procedures', 'Procedures since the last renewal', PROCEDURE_COLUMNS, content.procedures),
    table('case-counts', 'Case counts', CASE_COUNT_COLUMNS, caseCounts(content)),
    table('summary-tabulation', 'Summary tabulation of reactions by SOC and PT', TABULATION_COLUMNS, tabulationLines(content)),
    table('frequency-comparison', 'Observed frequencies against the stated rates', FREQUENCY_COLUMNS, frequencyLines(content)),
    table('alerts', 'Alerts', ALERT_COLUMNS, content.safety.alerts),
    table('signals', 'Signals', SIGNAL_COLUMNS, content.safety.signals),
    table('exposure', 'Exposure', EXPOSURE_COLUMNS, content.safety.exposure),
    table('benefit-risk', 'Benefit–risk conclusion', BENEFIT_RISK_COLUMNS, [content.benefitRisk]),
  ];
  if (content.lineListing !== null) {
    tables.push(table('line-listing', 'Line listing of cases in the interval', LINE_LISTING_COLUMNS, content.lineListing));
  }
  return tables;
}

/**
 * The table as RFC 4180 CSV through tabulation.ts's `toCsv` (header row, CRLF, quoting, formula-injection guard:
 * a text cell starting with = + - @ tab or CR gets a leading apostrophe; numbers are left alone), so every CSV
 * of the tracker is written one way. Booleans become Yes/No there, as in the workbook.
 *
 * UTF-8 without a byte order mark: these files are for machines (the workbook is the spreadsheet copy), and a BOM
 * ends up inside the first header name for most CSV readers. Excel users who open a CSV directly should import it
 * as UTF-8 (Data > From Text/CSV).
 */
export function tableCsv(dossierTable: DossierTable): string {
  const columns: CsvColumn<DossierCell[]>[] = dossierTable.columns.map((column, index) => ({ header: column.header, value: (row) => row[index] ?? null }));
  return toCsv(dossierTable.rows, columns);
}

/** The table's rows as objects keyed by column key (for the JSON files). Booleans stay booleans here. */
export function tableRecords(dossierTable: DossierTable): Record<string, DossierCell>[] {
  return dossierTable.rows.map((row) => Object.fromEntries(dossierTable.columns.map((column, index) => [column.key, row[index] ?? null])));
}
