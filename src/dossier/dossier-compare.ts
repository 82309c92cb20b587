/**
 * What changed between two versions of a product's renewal dossier: in the obligations (added or removed,
 * status, milestones' due dates, status, submission, timeliness, outcome) and in the safety figures (case
 * counts, reactions by PT, frequency rows, alerts and signals), plus the data lock point and the user's text.
 * Pure.
 */
import { stringify } from 'safe-stable-stringify';
import { contentHash, type DossierContent, type DossierMilestone, type DossierObligation } from './dossier-content';

export interface Change {
  /** What changed, e.g. "SOB-001 / Interim report 2026" or "cases (interval)". */
  item: string;
  field: string;
  from: unknown;
  to: unknown;
}

export interface DossierComparison {
  from: { version: number; dataLockPoint: string; contentHash: string };
  to: { version: number; dataLockPoint: string; contentHash: string };
  identical: boolean;
  general: Change[];
  obligations: Change[];
  safety: Change[];
}

function same(a: unknown, b: unknown): boolean {
  return stringify(a) === stringify(b);
}

/** Field-by-field changes of two records (fields listed, in that order). */
function fieldChanges<T extends object>(item: string, a: T, b: T, fields: readonly (keyof T & string)[]): Change[] {
  return fields.filter((field) => !same(a[field], b[field])).map((field) => ({ item, field, from: a[field], to: b[field] }));
}

/** Records matched by key: added, removed, and the changes of those in both. */
function keyedChanges<T>(items: { a: readonly T[]; b: readonly T[] }, key: (t: T) => string, label: (t: T) => string, changes: (a: T, b: T) => Change[]): Change[] {
  const before = new Map(items.a.map((t) => [key(t), t]));
  const after = new Map(items.b.map((t) => [key(t), t]));
  const out: Change[] = [];
  for (const [k, t] of before) {
    const next = after.get(k);
    if (next === undefined) {
      out.push({ item: label(t), field: 'removed', from: label(t), to: null });
    } else {
      out.push(...changes(t, next));
    }
  }
  for (const [k, t] of after) {
    if (!before.has(k)) {
      out.push({ item: label(t), field: 'added', from: null, to: label(t) });
    }
  }
  return out;
}

const MILESTONE_FIELDS = ['title', 'status', 'submittedOn', 'submissionRef', 'timeliness', 'daysLate', 'outcome', 'outcomeOn', 'outcomeProcedureRef'] as const;

function milestoneChanges(obligation: string, a: DossierMilestone, b: DossierMilestone): Change[] {
  const item = `${obligation} / ${b.title}`;
  const due = a.dueDate.date === b.dueDate.date ? [] : [{ item, field: 'dueDate', from: a.dueDate.date, to: b.dueDate.date }];
  return [...due, ...fieldChanges(item, a, b, MILESTONE_FIELDS), ...(a.history.length === b.history.length ? [] : [{ item, field: 'due-date changes', from: a.history.length, to: b.history.length }])];
}

function obligationChanges(a: DossierObligation, b: DossierObligation): Change[] {
  return [
    ...fieldChanges(b.reference, a, b, ['reference', 'category', 'description', 'studyIds', 'status']),
    ...keyedChanges(
      { a: a.milestones, b: b.milestones },
      (m) => m.id,
      (m) => `${b.reference} / ${m.title}`,
      (x, y) => milestoneChanges(b.reference, x, y),
    ),
  ];
}

function safetyChanges(a: DossierContent, b: DossierContent): Change[] {
  const out: Change[] = [];
  for (const reach of ['interval', 'cumulative'] as const) {
    out.push(...fieldChanges(`cases (${reach})`, a.safety.cases[reach], b.safety.cases[reach], ['cases', 'serious', 'fatal']));
  }
  out.push(...fieldChanges('cases left out', a.safety.excluded, b.safety.excluded, ['nullified', 'invalid', 'duplicates']));
  const reactions = (c: DossierContent): { key: string; interval: number; cumulative: number }[] => c.safety.tabulation.rows.map((r) => ({ key: `${r.soc} / ${r.pt}`, interval: r.interval.total, cumulative: r.cumulative.total }));
  out.push(
    ...keyedChanges(
      { a: reactions(a), b: reactions(b) },
      (r) => r.key,
      (r) => `reactions: ${r.key}`,
      (x, y) => fieldChanges(`reactions: ${y.key}`, x, y, ['interval', 'cumulative']),
    ),
  );
  const frequencyRows = (c: DossierContent): { key: string; patients: number; proportion: number | null; flag: string | null }[] =>
    (c.safety.frequency?.rows ?? []).map((r) => ({ key: `${r.level}: ${r.label}`, patients: r.patients, proportion: r.proportion, flag: r.flag }));
  out.push(
    ...keyedChanges(
      { a: frequencyRows(a), b: frequencyRows(b) },
      (r) => r.key,
      (r) => `frequency: ${r.key}`,
      (x, y) => fieldChanges(`frequency: ${y.key}`, x, y, ['patients', 'proportion', 'flag']),
    ),
  );
  out.push(...keyedChanges({ a: a.safety.alerts, b: b.safety.alerts }, (x) => x.id, (x) => `alert: ${x.event} (${x.rule})`, (x, y) => fieldChanges(`alert: ${y.event}`, x, y, ['status', 'decidedOn'])));
  out.push(...keyedChanges({ a: a.safety.signals, b: b.safety.signals }, (x) => x.id, (x) => `signal: ${x.title}`, (x, y) => fieldChanges(`signal: ${y.title}`, x, y, ['status', 'priority', 'closedOn', 'recommendedAction', 'regulatorOutcome'])));
  return out;
}

export function compareDossiers(from: { version: number; content: DossierContent }, to: { version: number; content: DossierContent }): DossierComparison {
  const [a, b] = [from.content, to.content];
  const general = [
    ...fieldChanges('dossier', a, b, ['dataLockPoint', 'benefitRisk', 'proposedChanges', 'procedures']),
    ...(same(a.lineListing === null, b.lineListing === null) ? [] : [{ item: 'dossier', field: 'line listing appendix', from: a.lineListing !== null, to: b.lineListing !== null }]),
  ];
  const obligations = keyedChanges({ a: a.obligations, b: b.obligations }, (o) => o.id, (o) => o.reference, obligationChanges);
  const safety = safetyChanges(a, b);
  const [hashA, hashB] = [contentHash(a), contentHash(b)];
  return {
    from: { version: from.version, dataLockPoint: a.dataLockPoint, contentHash: hashA },
    to: { version: to.version, dataLockPoint: b.dataLockPoint, contentHash: hashB },
    identical: hashA === hashB,
    general,
    obligations,
    safety,
  };
}
