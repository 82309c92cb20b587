import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { paths } from '../api/schema';
import type { MilestoneUntilSchema } from '../milestones/milestones-api';

type ObligationFilter = NonNullable<paths['/api/obligations']['get']['parameters']['query']>;

/** UNTIL-SCHEMA: an obligation with its milestones (src/obligations/obligation.mapper.ts). */
export interface ObligationUntilSchema {
  id: string;
  productId: string;
  reference: string;
  category: NonNullable<ObligationFilter['category']>;
  studyType: NonNullable<ObligationFilter['studyType']>;
  /** The Annex II text, verbatim. */
  description: string;
  studyIds: string[];
  owner: string | null;
  status: 'open' | 'fulfilled' | 'withdrawn';
  illustrative: boolean;
  milestones: MilestoneUntilSchema[];
}

export type Obligation = Typed<'/api/obligations', 'get', ObligationUntilSchema[]>[number];

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
