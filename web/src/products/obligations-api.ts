import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';

export type Obligation = ResponseBody<'/api/obligations', 'get'>[number];

/** The obligations of one product (id or name), each with its milestones. */
export function obligationsQuery(product: string) {
  return queryOptions({
    queryKey: ['obligations', { product }],
    queryFn: async (context) => await api.get('/api/obligations', { params: { query: { product } } }, fromQuery(context)),
  });
}

export function obligationQuery(id: string) {
  return queryOptions({
    queryKey: ['obligations', id],
    queryFn: async (context) => await api.get('/api/obligations/{id}', { params: { path: { id } } }, fromQuery(context)),
  });
}
