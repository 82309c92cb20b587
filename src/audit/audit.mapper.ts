import { AuditEntry } from './audit-entry.entity';
import { diffFields, FieldChange } from './audit-diff';

export interface AuditEntryResponse {
  seq: string;
  occurredAt: string;
  txId: string;
  actor: string;
  entityType: string;
  entityId: string;
  action: string;
  productId: string | null;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** before → after, field by field (top-level fields). */
  changes: FieldChange[];
  /** Case content removed: the reader's role may not read cases. */
  redacted: boolean;
}

export function toAuditEntryResponse(entry: AuditEntry & { redacted?: boolean }): AuditEntryResponse {
  return {
    seq: entry.seq,
    occurredAt: entry.occurredAt.toISOString(),
    txId: entry.txId,
    actor: entry.actor,
    entityType: entry.entityType,
    entityId: entry.entityId,
    action: entry.action,
    productId: entry.productId,
    reason: entry.reason,
    before: entry.before,
    after: entry.after,
    changes: diffFields(entry.before, entry.after),
    redacted: entry.redacted ?? false,
  };
}
