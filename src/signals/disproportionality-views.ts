/**
 * How a disproportionality run and its pairs are shown: the stored rows (raw SQL) mapped to the API's shapes
 * by plain functions.
 */
import { type Disproportionality, ZERO_CELL_CORRECTION_TEXT, type ZeroCellCorrection } from './disproportionality';
import type { SignalDatabase } from './disproportionality-counts';
import { type EbgmSummary, type GivenPrior, REVIEW_REASON_TEXT, type ReviewReason } from './run-results';
import { SCREENING_PRESETS } from './screening-presets';

export interface RunParameters {
  roles: string[];
  minCount: number;
  unit: 'reports';
  meddra: string;
  /** EBGM's hyperparameters given with the request (with their stated source) instead of fitted. */
  prior?: GivenPrior;
}

export interface DisproportionalityRunView {
  id: string;
  database: SignalDatabase;
  product: string | null;
  parameters: RunParameters & { presets: { id: string; name: string; rule: string; source: string; applied: boolean }[] };
  totals: {
    reports: number;
    pairs: number;
    hits: Record<string, number>;
    /** Pairs listed for case-by-case review, per reason (older runs lack it). */
    review?: Record<string, number>;
    /** The prior used for EBGM and how it was obtained (or why there is none); older runs lack it. */
    ebgm?: EbgmSummary;
    durationMs: number;
    /** Counting in PostgreSQL, the pairs streaming out, fitting EBGM's prior, then the figures (EBGM scores included: see ebgm.scoreMs) computed while the rows are written back. */
    phases: { countMs: number; pairsMs: number; ebgmMs?: number; writeMs: number };
    fromRun?: string;
  } | null;
  status: 'running' | 'done' | 'failed';
  error: string | null;
  trigger: 'request' | 'job';
  requestedBy: string;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface PairRow extends Disproportionality {
  product: string;
  event: string;
  /** EBGM and its 5% / 95% posterior quantiles; null when the run has no prior. */
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
  hits: string[];
  /** Why the pair is listed for case-by-case review whatever its statistics say, with the reasons in words. */
  review: { reason: ReviewReason; explanation: string }[];
}

export interface RawRun {
  id: string;
  database: SignalDatabase;
  product: string | null;
  parameters: RunParameters;
  totals: DisproportionalityRunView['totals'];
  status: DisproportionalityRunView['status'];
  error: string | null;
  trigger: 'request' | 'job';
  requested_by: string;
  started_at: Date;
  finished_at: Date | null;
}

/** Runs recorded before priors could be given have a fitted prior without saying so. */
function withObtained(totals: DisproportionalityRunView['totals']): DisproportionalityRunView['totals'] {
  const ebgm = totals?.ebgm;
  if (totals === null || ebgm === undefined || !ebgm.applied || ebgm.obtained !== undefined) {
    return totals;
  }
  return { ...totals, ebgm: { ...ebgm, obtained: 'fitted' } };
}

export function toRunView(r: RawRun): DisproportionalityRunView {
  return {
    id: r.id,
    database: r.database,
    product: r.product,
    parameters: { ...r.parameters, presets: SCREENING_PRESETS.map((p) => ({ id: p.id, name: p.name, rule: p.rule, source: p.source, applied: !p.needs.includes('ebgm') || r.totals?.ebgm?.applied === true })) },
    totals: withObtained(r.totals),
    status: r.status,
    error: r.error,
    trigger: r.trigger,
    requestedBy: r.requested_by,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

export interface RawResult {
  product: string;
  event: string;
  a: number;
  b: number;
  c: number;
  d: string;
  expected: number;
  prr: number | null;
  prr_lower: number | null;
  prr_upper: number | null;
  prr_infinite: boolean;
  ror: number | null;
  ror_lower: number | null;
  ror_upper: number | null;
  ror_infinite: boolean;
  chi2: number | null;
  chi2_yates: number | null;
  ic: number;
  ic025: number;
  ic975: number;
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
  hits: string[];
  zero_cell_correction: ZeroCellCorrection | null;
  review: ReviewReason[];
}

export function toPairRow(r: RawResult): PairRow {
  const d = Number(r.d);
  return {
    product: r.product,
    event: r.event,
    a: r.a,
    b: r.b,
    c: r.c,
    d,
    n: r.a + r.b + r.c + d,
    expected: r.expected,
    prr: { value: r.prr, infinite: r.prr_infinite, lower: r.prr_lower, upper: r.prr_upper },
    ror: { value: r.ror, infinite: r.ror_infinite, lower: r.ror_lower, upper: r.ror_upper },
    zeroCellCorrection: r.zero_cell_correction,
    chiSquared: r.chi2,
    chiSquaredYates: r.chi2_yates,
    ic: r.ic,
    ic025: r.ic025,
    ic975: r.ic975,
    ebgm: r.ebgm,
    eb05: r.eb05,
    eb95: r.eb95,
    notes: [
      ...(r.prr_infinite ? ['PRR infinite: the event is reported with no other product (c = 0)'] : []),
      ...(r.ror_infinite ? [`ROR infinite: ${r.b === 0 ? 'b' : 'c'} = 0`] : []),
      ...(r.zero_cell_correction === null ? [] : [ZERO_CELL_CORRECTION_TEXT[r.zero_cell_correction]]),
    ],
    hits: r.hits,
    review: r.review.map((reason) => ({ reason, explanation: REVIEW_REASON_TEXT[reason] })),
  };
}
