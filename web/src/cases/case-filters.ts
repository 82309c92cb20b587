import type { CaseQuery } from './cases-api';

type Values<K extends keyof CaseQuery> = NonNullable<CaseQuery[K]>;
/** Compiles only while `list` names every value the generated client allows (and nothing else). */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : 'missing values')): L => list;
}

export const STATUSES = allOf<Values<'status'>>()(['valid', 'incomplete', 'nullified']);
export const REPORT_TYPES = allOf<Values<'reportType'>>()(['spontaneous', 'solicited', 'literature', 'clinical-trial', 'eudravigilance']);
export const CLOCK_STATES = allOf<Values<'clock'>>()(['due', 'overdue', 'met']);
export const PAGE_SIZE = 50;

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((item) => item === value);
}

function flag(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function days(value: string | null): number | undefined {
  return value !== null && /^\d{1,3}$/.test(value) && Number(value) <= 366 ? Number(value) : undefined;
}

/** The order parameters are written to the URL in (only what is set). */
const KEYS: (keyof CaseQuery)[] = ['product', 'status', 'serious', 'seriousUnexpected', 'reportType', 'clock', 'dueWithinDays', 'receivedFrom', 'receivedTo', 'synthetic', 'after'];

/**
 * The case list's view lives in the URL (bookmarkable, kept over a reload): the same parameter names as
 * GET /api/safety-cases. Values the API would refuse are dropped rather than sent.
 */
export function queryFromUrl(params: URLSearchParams): CaseQuery {
  const receivedFrom = text(params.get('receivedFrom'));
  const receivedTo = text(params.get('receivedTo'));
  const query: CaseQuery = {
    product: text(params.get('product')),
    status: oneOf(STATUSES, params.get('status')),
    serious: flag(params.get('serious')),
    seriousUnexpected: flag(params.get('seriousUnexpected')),
    reportType: oneOf(REPORT_TYPES, params.get('reportType')),
    clock: oneOf(CLOCK_STATES, params.get('clock')),
    dueWithinDays: days(params.get('dueWithinDays')),
    receivedFrom: receivedFrom !== undefined && DATE.test(receivedFrom) ? receivedFrom : undefined,
    receivedTo: receivedTo !== undefined && DATE.test(receivedTo) ? receivedTo : undefined,
    synthetic: flag(params.get('synthetic')),
    after: text(params.get('after')),
    limit: PAGE_SIZE,
  };
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

export function urlFromQuery(query: CaseQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of KEYS) {
    const value = query[key];
    if (value !== undefined) {
      params.set(key, String(value));
    }
  }
  return params;
}

/** A change of filter starts again at the first page. */
export function withFilter(query: CaseQuery, change: Partial<CaseQuery>): CaseQuery {
  const next: CaseQuery = { ...query, ...change };
  if (!('after' in change)) {
    delete next.after;
  }
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
}
