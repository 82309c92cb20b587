import { isIsoDate } from '../dates/calendar-date';
import type { AuditFilter } from './audit-api';

const KEYS: readonly (keyof AuditFilter)[] = ['entityType', 'entityId', 'actor', 'action', 'productId', 'from', 'to', 'order'];

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed.slice(0, 200);
}

/**
 * The audit view lives in the URL, under the parameter names of GET /api/audit (`productId` takes a product's
 * name or id). Values the API would refuse for their form (a day that is not YYYY-MM-DD) are dropped rather than sent;
 * the API judges the rest (a `to` before `from` comes back as an error next to the field).
 */
export function filterFromUrl(params: URLSearchParams): AuditFilter {
  const from = params.get('from');
  const to = params.get('to');
  const filter: AuditFilter = {
    entityType: text(params.get('entityType')),
    entityId: text(params.get('entityId')),
    actor: text(params.get('actor')),
    action: text(params.get('action')),
    productId: text(params.get('productId')),
    from: from !== null && isIsoDate(from) ? from : undefined,
    to: to !== null && isIsoDate(to) ? to : undefined,
    order: params.get('order') === 'asc' ? 'asc' : undefined,
  };
  return Object.fromEntries(Object.entries(filter).filter(([, v]) => v !== undefined));
}

/** The URL's search string for a view: only what is set (newest first is the default), in a stable order. */
export function urlFromFilter(filter: AuditFilter): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = filter[key];
    if (value !== undefined && value !== '' && !(key === 'order' && value === 'desc')) {
      params.set(key, value);
    }
  }
  return params;
}

/** The filter with a change applied; empty values removed. */
export function withChange(filter: AuditFilter, change: Partial<AuditFilter>): AuditFilter {
  return Object.fromEntries(Object.entries({ ...filter, ...change }).filter(([, v]) => v !== undefined && v !== ''));
}

export function hasFilter(filter: AuditFilter): boolean {
  return KEYS.some((key) => key !== 'order' && filter[key] !== undefined);
}
