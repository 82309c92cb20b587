import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery } from '../api/client';
import type { paths } from '../api/schema';

export type SearchQuery = paths['/api/meddra/search']['get']['parameters']['query'];
export type SearchLevel = NonNullable<SearchQuery['level']>;

export const releasesQuery = queryOptions({
  queryKey: ['meddra', 'releases'],
  queryFn: (context) => api.get('/api/meddra/releases', undefined, fromQuery(context)),
});

export function searchQuery(query: SearchQuery) {
  return queryOptions({
    queryKey: ['meddra', 'search', query],
    queryFn: (context) => api.get('/api/meddra/search', { params: { query } }, fromQuery(context)),
    enabled: query.q.trim() !== '',
  });
}
