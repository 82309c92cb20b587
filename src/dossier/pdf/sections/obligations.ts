/** Sections 1 and 5: specific obligations, and additional risk-minimisation measures and other Annex II conditions — each with its milestones and due-date history. */
import type { DossierMilestone, DossierObligation, DueDateChange } from '../../dossier-content';
import { type DossierHeading, headingOf, type Headings } from '../headings';
import { LABEL } from '../page-styles';
import type { TableRow, TableSpec } from '../table-spec';
import { keyValues, NONE, orNone, ruled, timelinessText } from '../wording';
import type { Writer } from '../writer';

const MILESTONES: TableSpec = {
  columns: [
    { header: 'Milestone', weight: 19 },
    { header: 'Due date (rule)', weight: 22 },
    { header: 'Status', weight: 11 },
    { header: 'Submitted on', weight: 17 },
    { header: 'Timeliness at the DLP', weight: 12 },
    { header: 'Outcome', weight: 19 },
  ],
  size: 7.5,
  caption: 'Milestones',
};

function milestoneRow(m: DossierMilestone): TableRow {
  const submitted = m.submittedOn === null ? NONE : m.submissionRef === null ? m.submittedOn : `${m.submittedOn}\n${m.submissionRef}`;
  const outcome =
    m.outcome === null ? NONE : `${m.outcome}${m.outcomeOn === null ? '' : `, ${m.outcomeOn}`}${m.outcomeProcedureRef === null ? '' : `\n${m.outcomeProcedureRef}`}`;
  const due = m.dueDateAtDataLockPoint === m.dueDate.date ? ruled(m.dueDate) : `${ruled(m.dueDate)}\nat the DLP: ${m.dueDateAtDataLockPoint} (changed since)`;
  return { cells: [m.title, due, m.status, submitted, timelinessText(m.timeliness, m.daysLate), outcome] };
}

const HISTORY: TableSpec = {
  columns: [
    { header: 'Milestone', weight: 20 },
    { header: 'Due date: from → to', weight: 21 },
    { header: 'Procedure', weight: 21 },
    { header: 'Reason', weight: 22 },
    { header: 'Recorded on, by', weight: 16 },
  ],
  size: 7.5,
  caption: 'Due-date history',
};

/** Who recorded a change and when, and whether it came after the data lock point. */
export function recorded(change: { changedOn: string; changedBy: string }, afterDataLockPoint: boolean): string {
  return `${change.changedOn}\n${change.changedBy}${afterDataLockPoint ? '\nafter the DLP' : ''}`;
}

function obligationBlock(w: Writer, obligation: DossierObligation, heading: DossierHeading): void {
  w.heading(heading);
  keyValues(w, [
    ['Reference', `${obligation.reference} (${obligation.category}, ${obligation.studyType})`],
    ['Description', obligation.description],
    ['Study ids', obligation.studyIds.length === 0 ? NONE : obligation.studyIds.join(', ')],
    ['Status', obligation.status],
  ]);
  w.gap(6);
  if (obligation.milestones.length === 0) {
    w.paragraph('No milestones recorded.');
  } else {
    w.table(MILESTONES, obligation.milestones, milestoneRow);
  }
  const history = obligation.milestones.flatMap((milestone) => milestone.history.map((change) => ({ milestone, change })));
  if (history.length > 0) {
    w.gap(6);
    w.paragraph('Due-date history', LABEL);
    w.table(HISTORY, history, ({ milestone, change }: { milestone: DossierMilestone; change: DueDateChange }) => ({
      cells: [milestone.title, `${change.from ?? 'none'} → ${change.to}`, orNone(change.procedureRef), change.reason, recorded(change, change.afterDataLockPoint)],
    }));
  }
  w.gap(8);
}

export function obligationsSection(w: Writer, headings: Headings, key: 'sob' | 'anx', obligations: readonly DossierObligation[], none: string): void {
  w.heading(headingOf(headings, key));
  if (obligations.length === 0) {
    w.paragraph(none);
    return;
  }
  obligations.forEach((obligation, i) => obligationBlock(w, obligation, headingOf(headings, `${key}/${i}`)));
}
