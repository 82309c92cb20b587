/**
 * What changed between two versions of a case, field by field, with readable paths: `patient.ageValue`,
 * `reactions[r2].outcome`, `reactions[r3]` (added or removed whole), `causality[d1/r1].company`,
 * `reporters[0].country`. Reactions, drugs and causality are matched by their keys (follow-ups keep them),
 * reporters by position, every other array compared as a whole value. The audit trail's `diffFields` compares
 * top-level fields only, so it does not fit here. Pure functions.
 */
import { stringify } from 'safe-stable-stringify';
import type { CaseContent, Causality, Drug, Patient, Reaction, Reporter } from './case-content';

export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

/*
 * Field orders: the order of the type's own fields, as complete records so that a field added to a type
 * without being added here fails to compile. Keys not in the type (old stored content) come last, sorted.
 */
const CASE_FIELDS: Record<keyof CaseContent, true> = {
  reportType: true,
  solicitedSource: true,
  literatureReference: true,
  initialReceiptOn: true,
  day0: true,
  significant: true,
  otherIdentifiers: true,
  linkedReports: true,
  reporters: true,
  patient: true,
  reactions: true,
  drugs: true,
  causality: true,
  narrative: true,
  lackOfEfficacy: true,
  specialSituations: true,
  expectednessOverrides: true,
  nullificationReason: true,
  synthetic: true,
};
const REPORTER_FIELDS: Record<keyof Reporter, true> = { name: true, qualification: true, country: true, primarySource: true };
const PATIENT_FIELDS: Record<keyof Patient, true> = {
  initials: true,
  identifier: true,
  ageValue: true,
  ageUnit: true,
  ageGroup: true,
  sex: true,
  weightKg: true,
  medicalHistory: true,
  diedOn: true,
};
const REACTION_FIELDS: Record<keyof Reaction, true> = {
  key: true,
  reportedTerm: true,
  lltCode: true,
  lltName: true,
  ptCode: true,
  ptName: true,
  socName: true,
  meddraVersion: true,
  onset: true,
  outcome: true,
  severity: true,
  seriousness: true,
};
const DRUG_FIELDS: Record<keyof Drug, true> = {
  key: true,
  role: true,
  productId: true,
  name: true,
  batchNumber: true,
  dose: true,
  route: true,
  actionTaken: true,
  dechallenge: true,
  rechallenge: true,
};
const CAUSALITY_FIELDS: Record<keyof Causality, true> = { drugKey: true, reactionKey: true, reporter: true, company: true };

type Row = Readonly<Record<string, unknown>>;

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function fieldOrder(known: Readonly<Record<string, true>>, ...rows: (Row | null)[]): string[] {
  const order = Object.keys(known);
  const extras = new Set(rows.flatMap((row) => (row === null ? [] : Object.keys(row))).filter((field) => !(field in known)));
  return [...order, ...[...extras].sort(compareText)];
}

function same(a: unknown, b: unknown): boolean {
  return a === b || stringify(a) === stringify(b);
}

/** A missing field counts as null. */
function valueOf(row: Row | null, field: string): unknown {
  return row?.[field] ?? null;
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rowsOf(value: unknown): Row[] {
  return Array.isArray(value) ? value.filter(isRow) : [];
}

function diffRow(prefix: string, before: Row | null, after: Row | null, known: Readonly<Record<string, true>>): FieldChange[] {
  return fieldOrder(known, before, after)
    .map((field) => ({ path: `${prefix}.${field}`, before: valueOf(before, field), after: valueOf(after, field) }))
    .filter((change) => !same(change.before, change.after));
}

/** Items by key, in order; a repeated key gets `#2`, `#3`… so nothing is lost. */
function byKey(items: readonly Row[], keyOf: (item: Row) => string): Map<string, Row> {
  const map = new Map<string, Row>();
  for (const item of items) {
    const key = keyOf(item);
    let unique = key;
    for (let n = 2; map.has(unique); n += 1) {
      unique = `${key}#${n}`;
    }
    map.set(unique, item);
  }
  return map;
}

/** Keyed items: changed fields of items on both sides, whole items added or removed; before's order, then new keys. */
function diffKeyed(name: string, before: unknown, after: unknown, keyOf: (item: Row) => string, known: Readonly<Record<string, true>>): FieldChange[] {
  const from = byKey(rowsOf(before), keyOf);
  const to = byKey(rowsOf(after), keyOf);
  const keys = [...new Set([...from.keys(), ...to.keys()])];
  return keys.flatMap((key) => {
    const a = from.get(key) ?? null;
    const b = to.get(key) ?? null;
    if (a === null || b === null) {
      return [{ path: `${name}[${key}]`, before: a, after: b }];
    }
    return diffRow(`${name}[${key}]`, a, b, known);
  });
}

/** Items by position: changed fields where both sides have one, the whole item where only one side does. */
function diffIndexed(name: string, before: unknown, after: unknown, known: Readonly<Record<string, true>>): FieldChange[] {
  const from = rowsOf(before);
  const to = rowsOf(after);
  return Array.from({ length: Math.max(from.length, to.length) }, (_, index) => {
    const a = from[index] ?? null;
    const b = to[index] ?? null;
    return a === null || b === null ? [{ path: `${name}[${index}]`, before: a, after: b }] : diffRow(`${name}[${index}]`, a, b, known);
  }).flat();
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

/**
 * The changes from `before` to `after`, in the order of the case's fields. With `before` null (the first
 * version) every field that holds something is listed as a change from null: nulls, empty texts and empty
 * arrays are left out.
 */
export function diffContents(before: Readonly<CaseContent> | null, after: Readonly<CaseContent>): FieldChange[] {
  const from = before as Row | null;
  const to = after as Row;
  const changes = fieldOrder(CASE_FIELDS, from, to).flatMap((field): FieldChange[] => {
    const a = valueOf(from, field);
    const b = valueOf(to, field);
    switch (field) {
      case 'patient':
        return diffRow('patient', isRow(a) ? a : null, isRow(b) ? b : null, PATIENT_FIELDS);
      case 'reactions':
        return diffKeyed('reactions', a, b, (item) => text(item.key), REACTION_FIELDS);
      case 'drugs':
        return diffKeyed('drugs', a, b, (item) => text(item.key), DRUG_FIELDS);
      case 'causality':
        return diffKeyed('causality', a, b, (item) => `${text(item.drugKey)}/${text(item.reactionKey)}`, CAUSALITY_FIELDS);
      case 'reporters':
        return diffIndexed('reporters', a, b, REPORTER_FIELDS);
      default:
        return same(a, b) ? [] : [{ path: field, before: a, after: b }];
    }
  });
  return before === null ? changes.filter((change) => !isEmpty(change.after)) : changes;
}
