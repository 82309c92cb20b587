import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';

/** The header's unread reminders, polled every minute as a background request (it keeps no session alive). */
export const unreadCountQuery = queryOptions({
  queryKey: ['inbox', 'unread-count'],
  queryFn: (context) => api.get('/api/inbox/unread-count', undefined, fromQuery(context)),
  refetchInterval: 60_000,
  meta: { background: true },
});
