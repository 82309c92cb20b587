/**
 * Observed frequency against the label (pharmacovigilance §5): the proportion of exposed patients with a
 * reaction, its exact (Clopper–Pearson) confidence interval, the CIOMS III frequency bands and the flag.
 * Pure functions; proportions are fractions (0.6 = 60%).
 */
import { jStat } from 'jstat';
import { BAND_LIMITS, type FrequencyBand } from '../reference-safety/reference-terms';

export const CONFIDENCE_LEVEL = 0.95;
export const INTERVAL_METHOD = 'Clopper–Pearson exact binomial';

export interface Interval {
  lower: number;
  upper: number;
  level: number;
  method: string;
}

/** Which band an observed proportion falls in (half-open bands). */
export function bandOf(proportion: number): Exclude<FrequencyBand, 'not-known'> {
  if (proportion >= 0.1) {return 'very-common';}
  if (proportion >= 0.01) {return 'common';}
  if (proportion >= 0.001) {return 'uncommon';}
  if (proportion >= 0.0001) {return 'rare';}
  return 'very-rare';
}

export class FrequencyInputError extends Error {
  readonly code = 'INVALID_FREQUENCY_INPUT';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

function checkCounts(cases: number, exposed: number): void {
  if (!Number.isInteger(exposed) || exposed < 0) {
    throw new FrequencyInputError('exposed', `must be a whole number of patients, 0 or more (got ${exposed})`);
  }
  if (!Number.isInteger(cases) || cases < 0) {
    throw new FrequencyInputError('cases', `must be a whole number of patients, 0 or more (got ${cases})`);
  }
  if (cases > exposed) {
    throw new FrequencyInputError('cases', `${cases} patients with the reaction cannot exceed the ${exposed} exposed`);
  }
}

/**
 * The exact two-sided interval for k events in n trials: lower = Beta(α/2; k, n−k+1), upper =
 * Beta(1−α/2; k+1, n−k), with lower = 0 at k = 0 and upper = 1 at k = n. Null when n = 0 (no denominator).
 */
export function clopperPearson(cases: number, exposed: number, level = CONFIDENCE_LEVEL): Interval | null {
  checkCounts(cases, exposed);
  if (!(level > 0 && level < 1)) {
    throw new FrequencyInputError('level', `must lie strictly between 0 and 1 (got ${level})`);
  }
  if (exposed === 0) {
    return null;
  }
  const alpha = 1 - level;
  const lower = cases === 0 ? 0 : jStat.beta.inv(alpha / 2, cases, exposed - cases + 1);
  const upper = cases === exposed ? 1 : jStat.beta.inv(1 - alpha / 2, cases + 1, exposed - cases);
  return { lower, upper, level, method: INTERVAL_METHOD };
}

/** What the reference safety information states for a term: a rate (a fraction) or a band, or nothing. */
export interface StatedFrequency {
  rate: number | null;
  band: FrequencyBand | null;
}

/**
 * What the label's figure is compared with, and the limit that the interval's lower bound must pass: a
 * stated rate is exceeded when the bound is above it; a band when the bound is at or above its upper limit.
 * A stated rate wins over a band (it is the more precise statement). Null when nothing can be exceeded.
 */
export function exceedanceLimit(stated: StatedFrequency): { limit: number; inclusive: boolean; description: string } | null {
  if (stated.rate !== null) {
    if (!(stated.rate >= 0 && stated.rate <= 1)) {
      throw new FrequencyInputError('rate', `must be a proportion between 0 and 1 (got ${stated.rate})`);
    }
    return { limit: stated.rate, inclusive: false, description: `stated rate ${formatPercent(stated.rate)}` };
  }
  if (stated.band === null || stated.band === 'not-known') {
    return null;
  }
  const band = BAND_LIMITS[stated.band];
  return band.upper === null ? null : { limit: band.upper, inclusive: true, description: `band ${band.words}` };
}

function passes(lowerBound: number, limit: { limit: number; inclusive: boolean }): boolean {
  return limit.inclusive ? lowerBound >= limit.limit : lowerBound > limit.limit;
}

/** Does an interval with this lower bound exceed what the label states (above a rate; at or above a band's upper limit)? */
export function exceedsLabel(lowerBound: number, stated: StatedFrequency): boolean {
  const limit = exceedanceLimit(stated);
  return limit !== null && passes(lowerBound, limit);
}

/** How the ratio may be read: an incidence estimate (solicited study or registry data) or a reporting rate (spontaneous). */
export type RatioBasis = 'incidence' | 'reporting-rate';

export type FrequencyFlag = 'exceeds' | 'unlisted' | 'uncoded';

export interface LabelComparison {
  cases: number;
  exposed: number;
  basis: RatioBasis;
  proportion: number | null;
  interval: Interval | null;
  stated: StatedFrequency;
  flag: 'exceeds' | null;
  /** The figures in words, e.g. "proportion 3/10 = 30.0% (95% CI 6.67%–65.2%)"; empty without a denominator. */
  observed: string;
  explanation: string;
}

/**
 * The observed figures of one term against what the label states. Flags "exceeds" when the interval's lower
 * bound passes the stated rate or the band's upper limit; otherwise makes no judgement. A reporting rate
 * (spontaneous data) is a lower bound of the true rate because of under-reporting: it can show that the
 * label is exceeded, never that the rate is consistent with it or below it — the explanation says so.
 */
export function compareWithLabel(cases: number, exposed: number, stated: StatedFrequency, basis: RatioBasis = 'incidence', level = CONFIDENCE_LEVEL): LabelComparison {
  const interval = clopperPearson(cases, exposed, level);
  const proportion = exposed === 0 ? null : cases / exposed;
  const limit = exceedanceLimit(stated);
  const noun = basis === 'incidence' ? 'proportion' : 'reporting rate';
  const base = { cases, exposed, basis, proportion, interval, stated };
  if (interval === null || proportion === null) {
    return { ...base, flag: null, observed: '', explanation: 'no patients exposed: no proportion can be given' };
  }
  const observed = `${noun} ${cases}/${exposed} = ${formatPercent(proportion)} (${Math.round(level * 100)}% CI ${formatPercent(interval.lower)}–${formatPercent(interval.upper)})`;
  if (limit === null) {
    const why = stated.band === 'very-common' && stated.rate === null ? 'very common has no upper limit, so it cannot be exceeded' : 'the label states no rate or band to hold it against';
    return { ...base, flag: null, observed, explanation: `${observed}; ${why}` };
  }
  if (passes(interval.lower, limit)) {
    return { ...base, flag: 'exceeds', observed, explanation: `${observed}: the lower bound is ${limit.inclusive ? 'at or above' : 'above'} the ${limit.description}` };
  }
  const caveat = basis === 'reporting-rate' ? ' (a reporting rate from spontaneous reports is a lower bound: no judgement that the rate is consistent or below)' : '';
  return { ...base, flag: null, observed, explanation: `${observed}: the lower bound does not pass the ${limit.description}${caveat}` };
}

/** 0.1234 → "12.3%", small values with enough digits to be seen. */
export function formatPercent(proportion: number): string {
  const percent = proportion * 100;
  if (percent === 0 || percent >= 10) {return `${percent.toFixed(1)}%`;}
  if (percent >= 0.1) {return `${percent.toFixed(2)}%`;}
  return `${percent.toPrecision(2)}%`;
}
