import { CASE_READERS, Role } from '../auth/roles';
import type { AuditEntry } from './audit-entry.entity';

/** Audit rows whose before/after (and reason) hold case content: patient health data. */
const CASE_CONTENT_ENTITIES: ReadonlySet<string> = new Set(['safety-case', 'case-clock', 'case-link']);

/** Whether this role may see case content in the audit trail (the same roles that may read cases). */
export function seesCaseContent(role: Role): boolean {
  return CASE_READERS.includes(role);
}

/**
 * The entry as a reader without access to case data may see it: who did what to which case and when stays,
 * the content (before, after, reason) is removed. Other entries are returned as they are.
 */
export function redactCaseContent(entry: AuditEntry): AuditEntry & { redacted: boolean } {
  if (!CASE_CONTENT_ENTITIES.has(entry.entityType)) {
    return { ...entry, redacted: false };
  }
  return { ...entry, before: null, after: null, reason: entry.reason === null ? null : '[redacted: case content]', redacted: true };
}
