import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { Deadline, DeadlineQuery } from '../deadlines/deadlines-api';
import type { TimelineWindow } from './timeline-layout';

/** The timeline reads at most this many deadlines (pages of 500 by keyset); beyond it the page says the view is cut. */
export const TIMELINE_MAX_DEADLINES = 2000;
const PAGE_SIZE = 500;

export interface TimelineDeadlines {
  items: Deadline[];
  /** False when there were more than TIMELINE_MAX_DEADLINES. */
  complete: boolean;
}

/**
 * The open deadlines from the overdue ones up to the range's end (GET /api/deadlines with `withinDays`),
 * for one product or all the user may see, by due date, every page read by keyset.
 */
export function timelineDeadlinesQuery(range: TimelineWindow, product: string | undefined) {
  return queryOptions({
    queryKey: ['deadlines', 'timeline', range.from, product ?? null],
    queryFn: async (context): Promise<TimelineDeadlines> => {
      const call = fromQuery(context);
      const items: Deadline[] = [];
      let after: string | undefined;
      for (;;) {
        const query: DeadlineQuery = { withinDays: range.withinDays, product, pageSize: PAGE_SIZE, after };
        const page = await api.get('/api/deadlines', { params: { query } }, call);
        items.push(...page.items);
        if (page.nextCursor === null) {
          return { items, complete: true };
        }
        if (items.length >= TIMELINE_MAX_DEADLINES) {
          return { items: items.slice(0, TIMELINE_MAX_DEADLINES), complete: false };
        }
        after = page.nextCursor;
      }
    },
    placeholderData: (previous) => previous,
  });
}
