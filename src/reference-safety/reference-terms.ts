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
