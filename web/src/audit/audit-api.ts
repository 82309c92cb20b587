import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { paths } from '../api/schema';
import type { Role } from '../session/session-store';

/** The filters and order of GET /api/audit, from the generated client (paging and limit are the page's). */
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type AuditFilter = Omit<AuditQuery, 'afterSeq' | 'beforeSeq' | 'limit'>;

/** UNTIL-SCHEMA: one changed top-level field (src/audit/audit-diff.ts). */
export interface FieldChangeUntilSchema {
  field: string;
  before: unknown;
  after: unknown;
}

/** UNTIL-SCHEMA: one row of GET /api/audit as src/audit/audit.mapper.ts writes it. */
export interface AuditEntryUntilSchema {
  seq: string;
  /** An instant, ISO 8601 in UTC. */
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
  changes: FieldChangeUntilSchema[];
  /** Case content removed by the server: the reader's role may not read cases. */
  redacted: boolean;
}

/** UNTIL-SCHEMA: GET /api/audit/verify (src/audit/audit-verify.ts). */
export interface AuditVerifyReportUntilSchema {
  ok: boolean;
  checkedLinks: number;
  checkedEntries: number;
  head: { seq: string; hash: string } | null;
  firstBreak: { linkSeq: string | null; txId: string; problem: string; detail: string } | null;
}

export type AuditEntry = Typed<'/api/audit', 'get', AuditEntryUntilSchema[]>[number];
export type AuditVerifyReport = Typed<'/api/audit/verify', 'get', AuditVerifyReportUntilSchema>;

/** Who may run the whole-chain check (src/audit/audit.controller.ts CHAIN_VERIFIERS); the API refuses the others. */
export const CHAIN_VERIFIERS: readonly Role[] = ['admin', 'viewer', 'qppv'];

export const AUDIT_PAGE_SIZE = 50;

/** The trail for a filter, a page at a time by sequence number: newest first unless the filter says `order: 'asc'`. */
export function auditQuery(filter: AuditFilter) {
  const order = filter.order ?? 'desc';
  return infiniteQueryOptions({
    queryKey: ['audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: async (context) => {
      const seq = context.pageParam === undefined ? {} : order === 'asc' ? { afterSeq: context.pageParam } : { beforeSeq: context.pageParam };
      const query: AuditQuery = { ...filter, order, limit: AUDIT_PAGE_SIZE, ...seq };
      return (await api.get('/api/audit', { params: { query } }, fromQuery(context))) as AuditEntry[];
    },
    getNextPageParam: (last) => (last.length < AUDIT_PAGE_SIZE ? undefined : last[last.length - 1]?.seq),
    placeholderData: (previous) => previous,
  });
}

/**
 * The filtered trail as the API's CSV (GET /api/audit/export.csv: the same filters, oldest first, one line per
 * changed field, case content redacted for roles that may not read cases), read as text through the one wrapper.
 */
export async function fetchAuditCsv(filter: AuditFilter): Promise<string> {
  const { order: _order, ...query } = filter;
  // openapi-fetch's parseAs: the wrapper passes the init through; the body is CSV, not JSON.
  const init = { params: { query }, parseAs: 'text' as const };
  const csv = (await api.get('/api/audit/export.csv', init)) as string;
  // Decoding drops the byte order mark the API sends first (spreadsheets read accents by it): put it back.
  return csv.startsWith('\uFEFF') ? csv : `\uFEFF${csv}`;
}

export async function verifyAuditChain(): Promise<AuditVerifyReport> {
  return (await api.get('/api/audit/verify')) as AuditVerifyReport;
}
