import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';
import { ApiError } from '../api/errors';
import type { components } from '../api/schema';

export type ReferenceSafetyVersion = ResponseBody<'/api/products/{product}/reference-safety', 'get'>[number];
export type ReferenceTerm = ReferenceSafetyVersion['terms'][number];
export type NewReferenceSafety = components['schemas']['CreateReferenceSafetyDto'];
export type NewReferenceTerm = NewReferenceSafety['terms'][number];
export type FrequencyBand = NonNullable<ReferenceTerm['frequencyBand']>;
export type Severity = NonNullable<ReferenceTerm['maxSeverity']>;
export type StatedOutcome = NonNullable<ReferenceTerm['outcome']>;
export type TermKind = ReferenceTerm['kind'];

export const BAND_LABELS: Record<FrequencyBand, string> = {
  'very-common': 'Very common (≥ 1/10)',
  common: 'Common (≥ 1/100 to < 1/10)',
  uncommon: 'Uncommon (≥ 1/1,000 to < 1/100)',
  rare: 'Rare (≥ 1/10,000 to < 1/1,000)',
  'very-rare': 'Very rare (< 1/10,000)',
  'not-known': 'Not known',
};
export const SEVERITY_LABELS: Record<Severity, string> = { mild: 'Mild', moderate: 'Moderate', severe: 'Severe' };
export const OUTCOME_LABELS: Record<StatedOutcome, string> = { fatal: 'Fatal', serious: 'Serious', 'life-threatening': 'Life-threatening', hospitalisation: 'Hospitalisation', disability: 'Disability' };
export const KIND_LABELS: Record<TermKind, string> = { reaction: 'Reaction', outcome: 'Outcome' };

export function options<K extends string>(labels: Record<K, string>): { value: K; label: string }[] {
  return (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));
}

export function referenceSafetyQuery(product: string) {
  return queryOptions({
    queryKey: ['products', product, 'reference-safety'],
    queryFn: (context) => api.get('/api/products/{product}/reference-safety', { params: { path: { product } } }, fromQuery(context)),
  });
}

export function createReferenceSafety(product: string, body: NewReferenceSafety): Promise<ReferenceSafetyVersion> {
  return api.post('/api/products/{product}/reference-safety', { params: { path: { product } }, body });
}

/** The API names a list item's field `terms[0].statedRatePercent`; the form's path is `terms.0.statedRatePercent`. */
export function withFormPaths(error: unknown): unknown {
  if (!(error instanceof ApiError)) {
    return error;
  }
  const errors = error.fieldProblems.map(({ field, problem }) => ({ field: field.replace(/\[(\d+)\]/g, '.$1'), problem }));
  return new ApiError(error.status, { code: error.code, message: error.message, errors, details: error.details, ...(error.errorId === undefined ? {} : { errorId: error.errorId }) }, null);
}
