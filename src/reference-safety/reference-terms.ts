/**
 * The reference safety information of a product (SmPC 4.8 for a marketed EU product, GVP Annex I) as data:
 * each listed term stands for a set of MedDRA PTs (a grouped term such as "infections" maps to many), with
 * its frequency band or stated rate. Pure types and code lists.
 */
import type { IsoDate } from '../common/calendar-date';
import type { Severity } from '../safety-cases/case-content';

/** CIOMS III frequency bands, half-open (very common ≥ 1/10 has no upper limit). */
export const FREQUENCY_BANDS = ['very-common', 'common', 'uncommon', 'rare', 'very-rare', 'not-known'] as const;
export type FrequencyBand = (typeof FREQUENCY_BANDS)[number];

/** The CIOMS III bands as half-open fractions [lower, upper); very common has no upper limit, "not known" no range. */
export const BAND_LIMITS: Readonly<Record<Exclude<FrequencyBand, 'not-known'>, { lower: number; upper: number | null; words: string }>> = {
  'very-common': { lower: 0.1, upper: null, words: 'very common (≥ 1/10)' },
  common: { lower: 0.01, upper: 0.1, words: 'common (≥ 1/100 and < 1/10)' },
  uncommon: { lower: 0.001, upper: 0.01, words: 'uncommon (≥ 1/1,000 and < 1/100)' },
  rare: { lower: 0.0001, upper: 0.001, words: 'rare (≥ 1/10,000 and < 1/1,000)' },
  'very-rare': { lower: 0, upper: 0.0001, words: 'very rare (< 1/10,000)' },
};

/** What an outcome rate counts: patients with a reaction of that outcome (fatal = outcome fatal or the death criterion). */
export const STATED_OUTCOMES = ['fatal', 'serious', 'life-threatening', 'hospitalisation', 'disability'] as const;
export type StatedOutcome = (typeof STATED_OUTCOMES)[number];

/** A listed reaction, or an outcome across reactions (e.g. "adverse reactions leading to death 8%"). */
export const TERM_KINDS = ['reaction', 'outcome'] as const;
export type TermKind = (typeof TERM_KINDS)[number];

export interface ReferenceTerm {
  term: string;
  kind: TermKind;
  /** PT names this listed term stands for (matched case-insensitively); a single reaction lists itself. */
  ptNames: string[];
  /** HLT names whose PTs all count as listed (needs a loaded dictionary to expand). */
  hltNames: string[];
  frequencyBand: FrequencyBand | null;
  /** A stated rate in percent (Zemcelpro acute GvHD 60). */
  statedRatePercent: number | null;
  /** Patients the rate was measured on; null = unknown (say so, never guess). */
  rateDenominator: number | null;
  denominatorNote: string | null;
  /** Does the label mention fatal outcomes for this reaction? If not, a fatal outcome is unexpected. */
  fatalOutcomeListed: boolean;
  /** The most severe form the label describes; a more severe reaction is unexpected. Null = not stated. */
  maxSeverity: Severity | null;
  /** For an outcome term: the outcome its rate counts; null for a reaction (or an outcome recorded before this was asked). */
  outcome: StatedOutcome | null;
  /** A late event: its frequency is shown with the follow-up time of the exposed patients. */
  lateOnset: boolean;
  note: string | null;
}

export interface ReferenceSafetyInformation {
  id: string;
  productId: string;
  version: number;
  document: string;
  effectiveFrom: IsoDate;
  /** False while the list is known to be partial (Zemcelpro from its lay summary). */
  complete: boolean;
  terms: ReferenceTerm[];
}
