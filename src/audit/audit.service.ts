import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor } from '../common/actor';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  limit: number;
  afterSeq?: string;
}

/** Writes audit rows inside the caller's transaction, so a change and its trail commit or fail together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    const entry = manager.create(AuditEntry, {
      actor: actor.id,
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      before: toJson(record.before),
      after: toJson(record.after),
      reason: record.reason ?? null,
    });
    await manager.save(entry, { reload: false });
  }

  async list(manager: EntityManager, query: AuditQuery): Promise<AuditEntry[]> {
    const qb = manager.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.seq', 'ASC').limit(query.limit);
    if (query.entityType !== undefined) {
      qb.andWhere('a.entity_type = :entityType', { entityType: query.entityType });
    }
    if (query.entityId !== undefined) {
      qb.andWhere('a.entity_id = :entityId', { entityId: query.entityId });
    }
    if (query.afterSeq !== undefined) {
      qb.andWhere('a.seq > :afterSeq', { afterSeq: query.afterSeq });
    }
    return qb.getMany();
  }
}

/** A plain JSON copy (dates as ISO strings) so that before/after show exactly what was stored. */
function toJson(value: object | null | undefined): Record<string, unknown> | null {
  return value === null || value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
