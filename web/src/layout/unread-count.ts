import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';

/** UNTIL-SCHEMA: GET /api/inbox/unread-count. */
interface UnreadCountUntilSchema {
  unread: number;
}

/** The header's unread reminders, polled every minute as a background request (it keeps no session alive). */
export const unreadCountQuery = queryOptions({
  queryKey: ['inbox', 'unread-count'],
  queryFn: async (context) => (await api.get('/api/inbox/unread-count', undefined, fromQuery(context))) as Typed<'/api/inbox/unread-count', 'get', UnreadCountUntilSchema>,
  refetchInterval: 60_000,
  meta: { background: true },
});
