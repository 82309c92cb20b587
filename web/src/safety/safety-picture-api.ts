import { queryOptions } from '@tanstack/react-query';
import { api, fromQuery, type ResponseBody } from '../api/client';

export type FrequencyRunBrief = ResponseBody<'/api/frequency-runs', 'get'>[number];
export type FrequencyRun = ResponseBody<'/api/frequency-runs/{id}', 'get'>;
export type FrequencyRow = FrequencyRun['rows'][number];
export type FrequencyBand = NonNullable<FrequencyRow['statedBand']>;

/** How many of a product's runs the page offers (and follows a term through), newest first. */
export const RUNS_SHOWN = 20;

/**
 * The CIOMS III bands as fractions [lower, upper), as src/reference-safety/reference-terms.ts (BAND_LIMITS)
 * states them: a labelling convention drawn as a shaded range, not a statistic.
 */
export const BAND_RANGES: Readonly<Record<Exclude<FrequencyBand, 'not-known'>, { lower: number; upper: number | null; words: string }>> = {
  'very-common': { lower: 0.1, upper: null, words: 'very common (≥ 1/10)' },
  common: { lower: 0.01, upper: 0.1, words: 'common (≥ 1/100 to < 1/10)' },
  uncommon: { lower: 0.001, upper: 0.01, words: 'uncommon (≥ 1/1,000 to < 1/100)' },
  rare: { lower: 0.0001, upper: 0.001, words: 'rare (≥ 1/10,000 to < 1/1,000)' },
  'very-rare': { lower: 0, upper: 0.0001, words: 'very rare (< 1/10,000)' },
};

export function bandWords(band: FrequencyBand | null): string | null {
  if (band === null) {
    return null;
  }
  return band === 'not-known' ? 'not known' : BAND_RANGES[band].words;
}

export function runsQuery(product: string) {
  return queryOptions({
    queryKey: ['frequency-runs', 'list', product],
    queryFn: async (context) => await api.get('/api/frequency-runs', { params: { query: { product, limit: RUNS_SHOWN } } }, fromQuery(context)),
  });
}

export function runQuery(id: string) {
  return queryOptions({
    queryKey: ['frequency-runs', 'run', id],
    queryFn: async (context) => await api.get('/api/frequency-runs/{id}', { params: { path: { id } } }, fromQuery(context)),
    staleTime: Infinity, // a stored run never changes
  });
}

/** A fraction as a percentage for people: 0.6 → "60%", 0.0123 → "1.23%". */
export function percent(value: number | null): string {
  if (value === null) {
    return '—';
  }
  const p = value * 100;
  const digits = p === 0 || p >= 10 ? 1 : p >= 1 ? 2 : 3;
  return `${Number(p.toFixed(digits)).toString()}%`;
}
