import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { paths } from '../api/schema';

/** The filters of GET /api/inbox, from the generated client. */
export type InboxQuery = NonNullable<paths['/api/inbox']['get']['parameters']['query']>;
/** One reminder in the person's inbox. */
export type InboxItem = ResponseBody<'/api/inbox', 'get'>[number];

/** How many reminders the page shows, newest first (the API's default is 50, its cap 500). */
export const INBOX_LIMIT = 100;

/** The inbox view lives in the URL: `?unread=true` shows the unread reminders only. */
export function inboxQueryFromUrl(params: URLSearchParams): InboxQuery {
  return params.get('unread') === 'true' ? { unread: true, limit: INBOX_LIMIT } : { limit: INBOX_LIMIT };
}

export function inboxQuery(query: InboxQuery) {
  return queryOptions({
    queryKey: ['inbox', 'list', query],
    queryFn: (context) => api.get('/api/inbox', { params: { query } }, fromQuery(context)),
    placeholderData: (previous) => previous,
  });
}

/** After a change: the list and the header's unread count (both under ['inbox']) are fetched again. */
function refreshInbox(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: ['inbox'] });
}

export async function markRead(queryClient: QueryClient, id: string): Promise<void> {
  await api.post('/api/inbox/{id}/read', { params: { path: { id } } });
  await refreshInbox(queryClient);
}

/** Marks every unread reminder read; answers how many were. */
export async function markAllRead(queryClient: QueryClient): Promise<number> {
  const { marked } = await api.post('/api/inbox/read-all');
  await refreshInbox(queryClient);
  return marked;
}
