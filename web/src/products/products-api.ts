import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type Typed } from '../api/client';
import type { IsoDate } from '../dates/calendar-date';
import type { MilestoneUntilSchema } from '../milestones/milestones-api';

/** UNTIL-SCHEMA: a computed date on a weekend or closure day: flagged, never moved (src/deadlines/engine/derived-date.ts). */
export interface NonWorkingDayUntilSchema {
  reason: 'weekend' | 'closure';
  closureName?: string;
  suggestedDate: IsoDate;
  note: string;
}

/** UNTIL-SCHEMA: a date with its rule, as src/products/product.mapper.ts writes it. */
export interface RuleDateUntilSchema {
  date: IsoDate;
  ruleId: string;
  source: string;
  explanation: string;
  nonWorkingDay: NonWorkingDayUntilSchema | null;
}

/** UNTIL-SCHEMA: a marketing authorisation (toAuthorisationResponse). */
export interface AuthorisationUntilSchema {
  id: string;
  type: 'conditional' | 'standard' | 'exceptional-circumstances';
  holder: string;
  euNumber: string | null;
  notifiedOn: IsoDate;
  recordedExpiry: IsoDate | null;
  recordedExpirySource: string | null;
  marketedOn: IsoDate | null;
  illustrative: boolean;
  illustrativeNote: string | null;
}

/** UNTIL-SCHEMA: GET /api/products (toProductSummary). */
export interface ProductSummaryUntilSchema {
  id: string;
  name: string;
  activeSubstance: string;
  emaProductNumber: string | null;
  advancedTherapy: boolean;
  additionalMonitoring: boolean;
  orphanDesignation: string | null;
  authorisation: AuthorisationUntilSchema | null;
}

/** UNTIL-SCHEMA: GET /api/products/{product} (toProductDetail). */
export interface ProductDetailUntilSchema extends ProductSummaryUntilSchema {
  description: string;
  orphanDesignationDate: IsoDate | null;
  sourceNote: string;
  validity: { status: string; explanation: string; currentExpiry: IsoDate | null } | null;
  renewals: { cycle: number; expiry: RuleDateUntilSchema; windowOpens: RuleDateUntilSchema; applicationDue: RuleDateUntilSchema; milestoneId: string | null }[];
  psurs: { cycle: number; dlp: RuleDateUntilSchema; intervalMonths: number; submissionDue: RuleDateUntilSchema; milestoneId: string | null }[];
  milestones: MilestoneUntilSchema[];
}

/** UNTIL-SCHEMA: GET /api/eurd-entries (the EurdEntry entity as stored). */
export interface EurdEntryUntilSchema {
  id: string;
  substance: string;
  frequencyMonths: number;
  firstDlp: IsoDate;
  effectiveFrom: IsoDate;
  source: string;
}

export type ProductSummary = Typed<'/api/products', 'get', ProductSummaryUntilSchema[]>[number];
export type ProductDetail = Typed<'/api/products/{product}', 'get', ProductDetailUntilSchema>;
export type EurdEntry = Typed<'/api/eurd-entries', 'get', EurdEntryUntilSchema[]>[number];

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

export const eurdEntriesQuery = queryOptions({
  queryKey: ['eurd-entries'],
  queryFn: async (context) => await api.get('/api/eurd-entries', undefined, fromQuery(context)),
  staleTime: 5 * 60_000,
});
