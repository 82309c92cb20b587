import { stringify } from 'safe-stable-stringify';

/** One changed top-level field of an audited record. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

export type AuditSnapshot = Record<string, unknown> | null | undefined;

/**
 * The top-level fields that differ between two snapshots of a record, sorted by field name (jsonb does not keep the
 * record's own order). Nested objects and arrays are compared by their JSON with sorted keys. A field missing on one
 * side counts as null, so a creation lists the fields set to something and a deletion the fields that held something.
 */
export function diffFields(before: AuditSnapshot, after: AuditSnapshot): FieldChange[] {
  const from = before ?? {};
  const to = after ?? {};
  const fields = [...new Set([...Object.keys(from), ...Object.keys(to)])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return fields
    .map((field) => ({ field, before: from[field] ?? null, after: to[field] ?? null }))
    .filter((change) => !sameJson(change.before, change.after));
}

function sameJson(a: unknown, b: unknown): boolean {
  return a === b || stringify(a) === stringify(b);
}
