import type { DeadlineQuery } from './deadlines-api';

type Values<K extends keyof DeadlineQuery> = NonNullable<DeadlineQuery[K]>;
/** Compiles only while `list` names every value the generated client allows (and nothing else). */
function allOf<T extends string>() {
  return <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : 'missing values')): L => list;
}

export const KINDS = allOf<Values<'kind'>>()(['obligation', 'cma-renewal', 'standard-renewal', 'annual-reassessment', 'psur', 'pass-final-report', 'pass-waiver-request', 'procedure-response', 'sunset', 'cessation-notice']);
export const STATUSES = allOf<Values<'status'>>()(['planned', 'in-progress', 'submitted', 'cancelled']);
export const CATEGORIES = allOf<Values<'category'>>()(['SOB', 'ANX', 'MEA', 'LEG', 'REC']);
export const STUDY_TYPES = allOf<Values<'studyType'>>()(['PASS', 'PAES', 'registry', 'long-term-follow-up', 'clinical-trial', 'none']);
export const SORTS = allOf<Values<'sort'>>()(['dueDate', 'product', 'kind', 'status']);
export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_PAGE_SIZE = 50;

function oneOf<T extends string>(list: readonly T[], value: string | null): T | undefined {
  return list.find((item) => item === value);
}

function positiveInt(value: string | null, max: number): number | undefined {
  if (value === null || !/^\d+$/.test(value)) {
    return undefined;
  }
  const n = Number(value);
  return n <= max ? n : undefined;
}

function flag(value: string | null): boolean | undefined {
  return value === 'true' ? true : value === 'false' ? false : undefined;
}

function text(value: string | null): string | undefined {
  const trimmed = value?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

/**
 * The deadlines view lives in the URL (bookmarkable, shared, kept over a reload): the same parameter
 * names as GET /api/deadlines. Values the API would refuse are dropped rather than sent.
 */
export function queryFromUrl(params: URLSearchParams): DeadlineQuery {
  const query: DeadlineQuery = {
    withinDays: positiveInt(params.get('withinDays'), 3660),
    overdue: flag(params.get('overdue')),
    includeOverdue: flag(params.get('includeOverdue')),
    product: text(params.get('product')),
    category: oneOf(CATEGORIES, params.get('category')),
    studyType: oneOf(STUDY_TYPES, params.get('studyType')),
    kind: oneOf(KINDS, params.get('kind')),
    owner: text(params.get('owner')),
    status: oneOf(STATUSES, params.get('status')),
    sort: oneOf(SORTS, params.get('sort')),
    order: oneOf(['asc', 'desc'] as const, params.get('order')),
    page: positiveInt(params.get('page'), 1_000_000),
    pageSize: positiveInt(params.get('pageSize'), 500),
  };
  if (query.page === 0) {
    query.page = undefined;
  }
  if (query.pageSize === 0) {
    query.pageSize = undefined;
  }
  return Object.fromEntries(Object.entries(query).filter(([, v]) => v !== undefined));
}

/** The URL's search string for a view: only what differs from the defaults, in a stable order. */
export function urlFromQuery(query: DeadlineQuery): URLSearchParams {
  const params = new URLSearchParams();
  const keys: (keyof DeadlineQuery)[] = ['withinDays', 'overdue', 'includeOverdue', 'product', 'category', 'studyType', 'kind', 'owner', 'status', 'sort', 'order', 'page', 'pageSize'];
  for (const key of keys) {
    const value = query[key];
    if (value === undefined || (key === 'page' && value === 1) || (key === 'pageSize' && value === DEFAULT_PAGE_SIZE)) {
      continue;
    }
    params.set(key, String(value));
  }
  return params;
}

/** A change of filter starts again at page 1. */
export function withFilter(query: DeadlineQuery, change: Partial<DeadlineQuery>): DeadlineQuery {
  const next: DeadlineQuery = { ...query, ...change };
  if (!('page' in change)) {
    delete next.page;
  }
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined && v !== ''));
}
