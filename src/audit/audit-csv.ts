import { stringify } from 'csv-stringify/sync';
import type { DataSource } from 'typeorm';
import { diffFields } from './audit-diff';
import { redactCaseContent } from './audit-redaction';
import { AuditEntry } from './audit-entry.entity';
import type { ProductScope } from '../common/actor';
import { type AuditFilter, AuditService, checkAuditFilter } from './audit.service';

export const AUDIT_CSV_COLUMNS = ['seq', 'occurredAt', 'actor', 'action', 'entityType', 'entityId', 'productId', 'field', 'before', 'after', 'reason'] as const;

type CsvValue = string | number;

/** One CSV record per changed field; an entry that changed no field (e.g. an import batch without before) still gets one. */
export function toCsvRecords(entry: AuditEntry): CsvValue[][] {
  const head: CsvValue[] = [entry.seq, entry.occurredAt.toISOString(), entry.actor, entry.action, entry.entityType, entry.entityId, entry.productId ?? ''];
  const changes = diffFields(entry.before, entry.after);
  if (changes.length === 0) {
    return [[...head, '', '', '', entry.reason ?? '']];
  }
  return changes.map((change) => [...head, change.field, csvValue(change.before), csvValue(change.after), entry.reason ?? '']);
}

/** Text as is, numbers as numbers, null as an empty cell, anything else (objects, arrays, booleans) as JSON. */
function csvValue(value: unknown): CsvValue {
  if (value === null || value === undefined) {
    return '';
  }
  if (typeof value === 'string' || typeof value === 'number') {
    return value;
  }
  return JSON.stringify(value);
}

/**
 * Spreadsheet-safe: a UTF-8 byte order mark first (Excel then reads accents correctly), and cells that start like a
 * formula (= + - @) prefixed with ' (OWASP CSV injection), since actors and reasons are free text.
 */
function toCsv(records: CsvValue[][], first: boolean): string {
  return stringify(records, { header: first, columns: first ? [...AUDIT_CSV_COLUMNS] : undefined, bom: first, escape_formulas: true });
}

export interface AuditExport {
  filter: AuditFilter & { afterSeq?: string };
  productIds: ProductScope;
  /** Remove case content (a reader who may not read cases). */
  redact?: boolean;
  /** Entries read per query. */
  pageSize?: number;
}

/**
 * The CSV export as chunks of text, read page by page (by seq) inside one REPEATABLE READ snapshot, so a long export
 * is consistent and memory stays flat. Bad filters throw here, before anything is streamed; the header line goes out
 * with the first page, so a first query that fails fails the request (see startedStream), not a streamed file.
 */
export function auditCsv(dataSource: DataSource, audit: AuditService, request: AuditExport): AsyncGenerator<string> {
  checkAuditFilter(request.filter);
  return chunks(dataSource, audit, request);
}

async function* chunks(dataSource: DataSource, audit: AuditService, { filter, productIds, redact = false, pageSize = 1000 }: AuditExport): AsyncGenerator<string> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction('REPEATABLE READ');
    try {
      let afterSeq = filter.afterSeq;
      let header = true;
      let more = true;
      while (more) {
        const page = await audit.list(runner.manager, { ...filter, afterSeq, limit: pageSize }, productIds);
        const records = page.map((entry) => (redact ? redactCaseContent(entry) : entry)).flatMap(toCsvRecords);
        if (header || records.length > 0) {
          yield `${header ? toCsv([], true) : ''}${records.length > 0 ? toCsv(records, false) : ''}`;
          header = false;
        }
        afterSeq = page.at(-1)?.seq ?? afterSeq;
        more = page.length === pageSize;
      }
    } finally {
      await runner.rollbackTransaction();
    }
  } finally {
    await runner.release();
  }
}
