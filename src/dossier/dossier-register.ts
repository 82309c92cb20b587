/**
 * The regulatory half of a renewal dossier: obligations and their milestones as in force when the dossier is
 * built, each milestone's due-date history (changes recorded after the data lock point marked) and timeliness at
 * the DLP against the due date then in force, and every change recorded after the DLP (due dates, text, status,
 * category, study ids, milestone steps and outcomes) with who, when and the procedure.
 */
import type { EntityManager } from 'typeorm';
import type { IsoDate } from '../common/calendar-date';
import type { DossierObligation, DueDateChange, RegulatoryChange, RegulatoryChangeField } from './dossier-content';
import { dueDateAtDataLockPoint, timeliness } from './dossier-rules';

/** Obligations in the order of Annex II: specific obligations first. */
const CATEGORY_ORDER = ['SOB', 'ANX', 'MEA', 'LEG', 'REC'];

const FIELD_WORDS: Readonly<Record<string, RegulatoryChangeField>> = {
  description: 'text',
  status: 'status',
  category: 'category',
  'study-ids': 'study ids',
  'milestone-status': 'milestone status',
  'milestone-outcome': 'outcome',
};

interface MilestoneRow {
  id: string;
  obligation_id: string;
  title: string;
  due_date: IsoDate;
  rule_id: string;
  rule_source: string;
  status: string;
  submitted_on: IsoDate | null;
  submission_ref: string | null;
  outcome: string | null;
  outcome_on: IsoDate | null;
  outcome_procedure_ref: string | null;
}

interface HistoryRow {
  milestone_id: string;
  from_date: IsoDate | null;
  to_date: IsoDate;
  change_source: string;
  procedure_ref: string | null;
  reason: string;
  changed_by: string;
  recorded_on: IsoDate;
}

interface ObligationChangeRow {
  obligation_id: string;
  milestone_id: string | null;
  field: string;
  from_value: string | null;
  to_value: string | null;
  change_source: string;
  procedure_ref: string | null;
  reason: string;
  changed_by: string;
  recorded_on: IsoDate;
}

/** Every obligation of the product with its milestones, and the changes recorded after the DLP, oldest first. */
export async function collectRegister(manager: EntityManager, productId: string, dlp: IsoDate): Promise<{ obligations: DossierObligation[]; changes: RegulatoryChange[] }> {
  const obligations = await manager.query<{ id: string; reference: string; category: string; study_type: string; description: string; study_ids: string[]; status: string }[]>(
    `SELECT id, reference, category, study_type, description, study_ids, status FROM obligation WHERE product_id = $1 ORDER BY array_position($2::text[], category), reference, id`,
    [productId, CATEGORY_ORDER],
  );
  const milestones = await manager.query<MilestoneRow[]>(
    `SELECT id, obligation_id, title, due_date::text, rule_id, rule_source, status, submitted_on::text, submission_ref, outcome, outcome_on::text, outcome_procedure_ref
       FROM milestone WHERE product_id = $1 AND obligation_id IS NOT NULL ORDER BY due_date, title, id`,
    [productId],
  );
  const history = await manager.query<HistoryRow[]>(
    `SELECT c.milestone_id, c.from_date::text, c.to_date::text, c.change_source, c.procedure_ref, c.reason, c.changed_by, c.recorded_on::text
       FROM due_date_change c JOIN milestone m ON m.id = c.milestone_id
      WHERE m.product_id = $1 AND m.obligation_id IS NOT NULL AND c.change_source <> 'initial'
      ORDER BY c.changed_at, c.id`,
    [productId],
  );
  const obligationChanges = await manager.query<(ObligationChangeRow & { changed_at: Date })[]>(
    `SELECT obligation_id, milestone_id, field, from_value, to_value, change_source, procedure_ref, reason, changed_by, recorded_on::text, changed_at
       FROM obligation_change WHERE product_id = $1 AND effective_on > $2::date ORDER BY changed_at, id`,
    [productId, dlp],
  );
  const historyOf = (milestoneId: string): DueDateChange[] =>
    history
      .filter((h) => h.milestone_id === milestoneId)
      .map((h) => ({ from: h.from_date, to: h.to_date, procedureRef: h.procedure_ref, reason: h.reason, changedOn: h.recorded_on, changedBy: h.changed_by, afterDataLockPoint: h.recorded_on > dlp }));
  const result: DossierObligation[] = obligations.map((o) => ({
    id: o.id,
    reference: o.reference,
    category: o.category,
    studyType: o.study_type,
    description: o.description,
    studyIds: [...o.study_ids].sort(),
    status: o.status,
    milestones: milestones
      .filter((m) => m.obligation_id === o.id)
      .map((m) => {
        const changes = historyOf(m.id);
        const atDlp = dueDateAtDataLockPoint(m.due_date, changes);
        return {
          id: m.id,
          title: m.title,
          dueDate: { date: m.due_date, ruleId: m.rule_id, source: m.rule_source },
          dueDateAtDataLockPoint: atDlp,
          status: m.status,
          submittedOn: m.submitted_on,
          submissionRef: m.submission_ref,
          ...timeliness({ dueDate: atDlp, status: m.status, submittedOn: m.submitted_on }, dlp),
          outcome: m.outcome,
          outcomeOn: m.outcome_on,
          outcomeProcedureRef: m.outcome_procedure_ref,
          history: changes,
        };
      }),
  }));
  return { obligations: result, changes: changesSince(result, history, obligationChanges, dlp) };
}

/** Due-date changes recorded after the DLP and obligation changes that took effect after it, in one list: by day recorded, then as made. */
function changesSince(obligations: readonly DossierObligation[], history: readonly HistoryRow[], obligationChanges: readonly ObligationChangeRow[], dlp: IsoDate): RegulatoryChange[] {
  const referenceOf = new Map(obligations.map((o) => [o.id, o.reference]));
  const milestoneOf = new Map(obligations.flatMap((o) => o.milestones.map((m) => [m.id, { title: m.title, reference: o.reference }] as const)));
  const dueDates = history
    .filter((h) => h.recorded_on > dlp)
    .map((h, order): RegulatoryChange & { order: number } => ({
      obligationReference: milestoneOf.get(h.milestone_id)?.reference ?? '',
      milestone: milestoneOf.get(h.milestone_id)?.title ?? null,
      field: 'due date',
      from: h.from_date,
      to: h.to_date,
      source: h.change_source,
      procedureRef: h.procedure_ref,
      reason: h.reason,
      changedBy: h.changed_by,
      changedOn: h.recorded_on,
      order,
    }));
  const others = obligationChanges.map((c, order): RegulatoryChange & { order: number } => ({
    obligationReference: referenceOf.get(c.obligation_id) ?? '',
    milestone: c.milestone_id === null ? null : (milestoneOf.get(c.milestone_id)?.title ?? null),
    field: FIELD_WORDS[c.field] ?? 'status',
    from: c.from_value,
    to: c.to_value,
    source: c.change_source,
    procedureRef: c.procedure_ref,
    reason: c.reason,
    changedBy: c.changed_by,
    changedOn: c.recorded_on,
    order: order + dueDates.length,
  }));
  // Stable: each source is already in the order made; within a day, due-date changes before the others.
  return [...dueDates, ...others].sort((a, b) => (a.changedOn < b.changedOn ? -1 : a.changedOn > b.changedOn ? 1 : a.order - b.order)).map(({ order: _order, ...change }) => change);
}
