/**
 * The renewal dossier's tables as plain rows (renewal-dossier.md, "a ZIP with the same content as CSV/JSON …
 * plus an XLSX workbook"): one definition that the workbook, the CSV files and the JSON files all render, so the
 * three can never disagree. Numbers stay numbers, dates stay YYYY-MM-DD text, absent values are null. Pure.
 */
import { type CsvColumn, toCsv } from '../safety-cases/tabulation';
import type { DossierContent, DossierMilestone, DossierObligation, DueDateChange, ProcedureOutcome, ProposedChange, RegulatoryChange, RuledDate } from './dossier-content';
import { lineListingTable, safetyTables } from './dossier-safety-tables';
import { type ColumnSpec, type DossierCell, type DossierTable, joined, table } from './dossier-table-spec';

export type { DossierCell, DossierColumn, DossierTable } from './dossier-table-spec';

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

const BENEFIT_RISK_COLUMNS: readonly ColumnSpec<string>[] = [{ key: 'conclusion', header: 'Benefit–risk conclusion', value: (text) => text }];

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
    ...safetyTables(content),
    table('benefit-risk', 'Benefit–risk conclusion', BENEFIT_RISK_COLUMNS, [content.benefitRisk]),
  ];
  if (content.lineListing !== null) {
    tables.push(lineListingTable(content.lineListing));
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
