import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { paths } from '../api/schema';
import type { IsoDate } from '../dates/calendar-date';

/** The filters, sorting and paging of GET /api/deadlines, from the generated client. */
export type DeadlineQuery = NonNullable<paths['/api/deadlines']['get']['parameters']['query']>;

/**
 * UNTIL-SCHEMA: one row of GET /api/deadlines as src/deadlines/deadlines.controller.ts and
 * toMilestoneResponse write it today. Deleted once the OpenAPI document declares the response.
 */
export interface DeadlineUntilSchema {
  id: string;
  productId: string;
  authorisationId: string | null;
  obligationId: string | null;
  procedureId: string | null;
  kind: NonNullable<DeadlineQuery['kind']>;
  title: string;
  cycle: number | null;
  dueDate: IsoDate;
  why: { basis: string; ruleId: string; source: string; explanation: string };
  status: NonNullable<DeadlineQuery['status']>;
  allowedTransitions: string[];
  overdue: boolean;
  daysLeft: number | null;
  owner: string | null;
  illustrative: boolean;
  productName: string;
  obligationReference: string | null;
  category: string | null;
  studyType: string | null;
}

/** UNTIL-SCHEMA: GET /api/deadlines (see DeadlineUntilSchema). */
export interface DeadlinePageUntilSchema {
  today: IsoDate;
  /** Counted up to a cap (10,000): when `totalIsExact` is false there are more. */
  total: number;
  totalIsExact: boolean;
  /** Null when the page was asked for by cursor (`after`). */
  page: number | null;
  pageSize: number;
  /** `after` for the next page (keyset paging); null on the last page. */
  nextCursor: string | null;
  items: DeadlineUntilSchema[];
}

export type DeadlinePage = Typed<'/api/deadlines', 'get', DeadlinePageUntilSchema>;
export type Deadline = DeadlinePage['items'][number];

/** "12 deadlines", "more than 10000 deadlines". */
export function countText(page: Pick<DeadlinePage, 'total' | 'totalIsExact'>, noun = 'deadline'): string {
  return `${page.totalIsExact ? '' : 'more than '}${page.total} ${noun}${page.total === 1 && page.totalIsExact ? '' : 's'}`;
}

export function fetchDeadlines(query: DeadlineQuery, context: Parameters<typeof api.get>[2] = {}): Promise<DeadlinePage> {
  return api.get('/api/deadlines', { params: { query } }, context);
}

export function deadlinesQuery(query: DeadlineQuery) {
  return queryOptions({
    queryKey: ['deadlines', query],
    queryFn: (context) => fetchDeadlines(query, fromQuery(context)),
    placeholderData: (previous) => previous,
  });
}
