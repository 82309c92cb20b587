import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { IsoDate } from '../dates/calendar-date';

/** UNTIL-SCHEMA: a date with its rule, as src/products/product.mapper.ts writes it. */
export interface RuleDateUntilSchema {
  date: IsoDate;
  ruleId: string;
  source: string;
  explanation: string;
  nonWorkingDay: unknown;
}

/** UNTIL-SCHEMA: GET /api/products (toProductSummary); only the fields pages use so far. */
export interface ProductSummaryUntilSchema {
  id: string;
  name: string;
  activeSubstance: string;
  authorisation: { id: string; type: string; holder: string; illustrative: boolean } | null;
}

/** UNTIL-SCHEMA: GET /api/products/{product} (toProductDetail); only the fields pages use so far. */
export interface ProductDetailUntilSchema extends ProductSummaryUntilSchema {
  validity: { status: string; explanation: string; currentExpiry: IsoDate | null } | null;
  renewals: { cycle: number; expiry: RuleDateUntilSchema; windowOpens: RuleDateUntilSchema; applicationDue: RuleDateUntilSchema; milestoneId: string | null }[];
}

export type ProductSummary = Typed<'/api/products', 'get', ProductSummaryUntilSchema[]>[number];
export type ProductDetail = Typed<'/api/products/{product}', 'get', ProductDetailUntilSchema>;

export const productsQuery = queryOptions({
  queryKey: ['products'],
  queryFn: (context) => api.get('/api/products', undefined, fromQuery(context)),
  staleTime: 5 * 60_000,
});

export function productQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product],
    queryFn: (context) => api.get('/api/products/{product}', { params: { path: { product } } }, fromQuery(context)),
  });
}
