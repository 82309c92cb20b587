import { infiniteQueryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { components, paths } from '../api/schema';
import type { Role } from '../session/session-store';

/** The filters and order of GET /api/audit, from the generated client (paging and limit are the page's). */
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;
export type AuditFilter = Omit<AuditQuery, 'afterSeq' | 'beforeSeq' | 'limit'>;

/** One row of the trail: who, when, what (field by field), why; `redacted` when the server removed case content. */
export type AuditEntry = components['schemas']['AuditEntryResponse'];
export type FieldChange = components['schemas']['AuditFieldChangeResponse'];
export type AuditVerifyReport = components['schemas']['AuditVerifyResponse'];

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
      return api.get('/api/audit', { params: { query } }, fromQuery(context));
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
  return api.get('/api/audit/verify');
}
