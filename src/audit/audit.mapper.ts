import { AuditEntry } from './audit-entry.entity';
import { diffFields } from './audit-diff';
import type { AuditEntryResponse } from './dto/audit.response';

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
