import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import type { components } from '../api/schema';

/** A date with its rule, legal source, explanation, weekend/closure flag and any assumption to confirm. */
export type RuledDate = components['schemas']['RuledDateResponse'];
export type Authorisation = components['schemas']['AuthorisationResponse'];
export type ProductSummary = ResponseBody<'/api/products', 'get'>[number];
export type ProductDetail = ResponseBody<'/api/products/{product}', 'get'>;
export type EurdEntry = ResponseBody<'/api/eurd-entries', 'get'>[number];
/** The authorisation's type history: granted type, conversion, renewal decisions, ending. */
export type TypeHistory = ResponseBody<'/api/products/{product}/authorisation/events', 'get'>;
/** The path to conversion into a standard authorisation: each specific obligation fulfilled or outstanding. */
export type ConversionPath = ResponseBody<'/api/products/{product}/conversion-path', 'get'>;

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

export function typeHistoryQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product, 'authorisation-events'],
    queryFn: (context) => api.get('/api/products/{product}/authorisation/events', { params: { path: { product } } }, fromQuery(context)),
  });
}

export function conversionPathQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product, 'conversion-path'],
    queryFn: (context) => api.get('/api/products/{product}/conversion-path', { params: { path: { product } } }, fromQuery(context)),
  });
}

export const eurdEntriesQuery = queryOptions({
  queryKey: ['eurd-entries'],
  queryFn: async (context) => await api.get('/api/eurd-entries', undefined, fromQuery(context)),
  staleTime: 5 * 60_000,
});

/** The product on the market of each member state, and where it stands under the sunset clause (Art 14(4)–(6)). */
export type MarketPresence = ResponseBody<'/api/products/{product}/market-presence', 'get'>;
export type MarketPresenceBody = components['schemas']['RecordMarketPresenceDto'];

export function marketPresenceQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product, 'market-presence'],
    queryFn: (context) => api.get('/api/products/{product}/market-presence', { params: { path: { product } } }, fromQuery(context)),
  });
}

export async function recordMarketPresence(product: string, body: MarketPresenceBody): Promise<ResponseBody<'/api/products/{product}/market-presence', 'post'>> {
  return await api.post('/api/products/{product}/market-presence', { params: { path: { product } }, body });
}
