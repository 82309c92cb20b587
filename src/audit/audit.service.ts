import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Actor, type ProductScope } from '../common/actor';
import { compareDates, type IsoDate, isIsoDate } from '../common/calendar-date';
import { InvalidInputError } from '../common/errors';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  entityType: string;
  entityId: string;
  action: string;
  /** The product the change belongs to, so that product-scoped users see it; null for system-wide records. */
  productId?: string | null;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

/** One bulk import batch (e.g. an E2B file): one audit row for the whole batch, naming the file by its checksum. */
export interface AuditBatch {
  entityType: string;
  action: string;
  productId?: string | null;
  fileName: string;
  /** SHA-256 of the imported file, hex. */
  fileSha256: string;
  /** Records written by the batch. */
  count: number;
  firstId?: string | null;
  lastId?: string | null;
  reason?: string | null;
}

/** Filters of the audit trail; every one optional, combined with AND. */
export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  productId?: string;
  /** First day (YYYY-MM-DD, UTC) of occurred_at, inclusive. */
  from?: IsoDate;
  /** Last day (YYYY-MM-DD, UTC) of occurred_at, inclusive. */
  to?: IsoDate;
}

export interface AuditQuery extends AuditFilter {
  limit: number;
  /** Oldest first (the default) or newest first. */
  order?: 'asc' | 'desc';
  /** Rows after this sequence number (paging oldest first). */
  afterSeq?: string;
  /** Rows before this sequence number (paging newest first). */
  beforeSeq?: string;
}

const SHA256_HEX = /^[0-9a-f]{64}$/i;

/** Writes audit rows inside the caller's transaction, so a change and its trail commit or fail together. */
@Injectable()
export class AuditService {
  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    const entry = manager.create(AuditEntry, {
      actor: actor.id,
      entityType: record.entityType,
      entityId: record.entityId,
      action: record.action,
      productId: record.productId ?? null,
      before: toJson(record.before),
      after: toJson(record.after),
      reason: record.reason ?? null,
    });
    await manager.save(entry, { reload: false });
  }

  /** One row for a whole import batch (entity id = the file's SHA-256), rather than one per imported record. */
  async recordBatch(manager: EntityManager, actor: Actor, batch: AuditBatch): Promise<void> {
    if (!SHA256_HEX.test(batch.fileSha256)) {
      throw InvalidInputError.field('fileSha256', 'must be a SHA-256 written as 64 hexadecimal digits');
    }
    if (!Number.isSafeInteger(batch.count) || batch.count < 1) {
      throw InvalidInputError.field('count', 'must be a whole number of at least 1');
    }
    if (batch.fileName.trim() === '') {
      throw InvalidInputError.field('fileName', 'must not be empty');
    }
    const fileSha256 = batch.fileSha256.toLowerCase();
    await this.record(manager, actor, {
      entityType: batch.entityType,
      entityId: fileSha256,
      action: batch.action,
      productId: batch.productId ?? null,
      after: { fileName: batch.fileName, fileSha256, count: batch.count, firstId: batch.firstId ?? null, lastId: batch.lastId ?? null },
      reason: batch.reason ?? null,
    });
  }

  /**
   * The trail, oldest first (or newest first), paged by sequence number. `productIds` null = every row; a list = only rows of those
   * products (rows of no product, e.g. closure days, are then hidden too).
   */
  async list(manager: EntityManager, query: AuditQuery, productIds: ProductScope): Promise<AuditEntry[]> {
    checkAuditFilter(query);
    if (productIds !== null && productIds.length === 0) {
      return [];
    }
    const qb = manager.getRepository(AuditEntry).createQueryBuilder('a').orderBy('a.seq', query.order === 'desc' ? 'DESC' : 'ASC').limit(query.limit);
    const equal: [keyof AuditFilter, string][] = [
      ['entityType', 'entity_type'],
      ['entityId', 'entity_id'],
      ['actor', 'actor'],
      ['action', 'action'],
      ['productId', 'product_id'],
    ];
    for (const [key, column] of equal) {
      if (query[key] !== undefined) {
        qb.andWhere(`a.${column} = :${key}`, { [key]: query[key] });
      }
    }
    // Days are UTC days whatever the session's time zone: a timestamp (without zone) AT TIME ZONE 'UTC' is that UTC instant.
    if (query.from !== undefined) {
      qb.andWhere(`a.occurred_at >= (CAST(:from AS date)::timestamp AT TIME ZONE 'UTC')`, { from: query.from });
    }
    if (query.to !== undefined) {
      qb.andWhere(`a.occurred_at < ((CAST(:to AS date) + 1)::timestamp AT TIME ZONE 'UTC')`, { to: query.to });
    }
    if (query.afterSeq !== undefined) {
      qb.andWhere('a.seq > :afterSeq', { afterSeq: query.afterSeq });
    }
    if (query.beforeSeq !== undefined) {
      qb.andWhere('a.seq < :beforeSeq', { beforeSeq: query.beforeSeq });
    }
    if (productIds !== null) {
      qb.andWhere('a.product_id IN (:...productIds)', { productIds });
    }
    return qb.getMany();
  }
}

/** Refuses an impossible day or a `to` before `from` (InvalidInputError naming the field). */
export function checkAuditFilter(filter: AuditFilter): void {
  for (const field of ['from', 'to'] as const) {
    const value = filter[field];
    if (value !== undefined && !isIsoDate(value)) {
      throw InvalidInputError.field(field, 'must be an existing calendar date written YYYY-MM-DD');
    }
  }
  if (filter.from !== undefined && filter.to !== undefined && compareDates(filter.from, filter.to) > 0) {
    throw InvalidInputError.field('to', `must not be before from (${filter.from})`);
  }
}

/** A plain JSON copy (dates as ISO strings) so that before/after show exactly what was stored. */
function toJson(value: object | null | undefined): Record<string, unknown> | null {
  return value === null || value === undefined ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}
