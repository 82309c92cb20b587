/**
 * From the counted pairs of a disproportionality run to its stored rows: every figure of
 * pharmacovigilance §6 per pair, EBGM under a prior fitted over all the run's pairs (or given with the run),
 * the screening presets each pair hits, why it is listed for case-by-case review, and the rows as COPY text.
 * Pure: counts in, rows and a summary out.
 */
import { copyNumber, copyValue } from '../common/copy-text';
import { disproportionality, type Disproportionality } from './disproportionality';
import { checkHyperparameters, type Hyperparameters, type PairScoreColumns, scorePairs } from './ebgm';
import { fitPrior } from './ebgm-prior';
import { pairKey, type PairCount } from './disproportionality-counts';
import { SCREENING_PRESETS, screeningHits } from './screening-presets';

/**
 * Fewest pairs the prior is fitted on: five hyperparameters from a handful of pairs would be noise (the
 * prior is meant to describe a whole database).
 */
export const MIN_PAIRS_FOR_PRIOR = 50;

/** Pairs scored at a time (EBGM, EB05, EB95) while the rows are produced. */
const SCORE_BLOCK = 16_384;

export const RESULT_COLUMNS = [
  'run_id', 'product', 'event', 'a', 'b', 'c', 'd', 'expected', 'prr', 'prr_lower', 'prr_upper', 'ror', 'ror_lower', 'ror_upper', 'chi2', 'chi2_yates', 'ic', 'ic025', 'ic975', 'ebgm', 'eb05', 'eb95', 'hits',
  'zero_cell_correction', 'review',
] as const;

/**
 * Why a pair is listed for case-by-case review whatever its statistics say (GVP IX Addendum I: statistics are
 * for when there are too many reports to read one by one): a zero cell (too few reports for a ratio to mean
 * much), a serious reaction assessed unexpected in one of our cases, an event on a loaded IME or DME list.
 */
export const REVIEW_REASONS = ['zero-cell', 'serious-unlisted', 'ime', 'dme'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];

export const REVIEW_REASON_TEXT: Readonly<Record<ReviewReason, string>> = {
  'zero-cell': 'a cell of the 2×2 table is 0: a ratio is infinite or rests on a zero-cell correction; read the reports',
  'serious-unlisted': 'a serious reaction of this term was assessed unexpected (not in the reference safety information) in one of our cases',
  ime: 'the event is on the loaded Important Medical Events list',
  dme: 'the event is on the loaded Designated Medical Events list',
};

/** What lists a pair for review besides its own table: our serious unexpected reactions, the IME/DME lists. */
export interface ReviewSources {
  /** pairKey(product, event) of pairs with a serious unexpected reaction in our cases. */
  seriousUnlisted: ReadonlySet<string>;
  /** Event (as counted: PT name, lower case) → the lists it is on. */
  eventLists: ReadonlyMap<string, readonly ('ime' | 'dme')[]>;
}

export const NO_REVIEW_SOURCES: ReviewSources = { seriousUnlisted: new Set(), eventLists: new Map() };

/** A prior given with a run instead of fitted (to reproduce a published or a regulator's prior), with its stated source. */
export interface GivenPrior extends Hyperparameters {
  source: string;
}

/** The run's pairs in columns as they stream out of the counting (no object per pair). */
export class PairColumns {
  readonly products: string[] = [];
  readonly events: string[] = [];
  readonly a: number[] = [];
  readonly productReports: number[] = [];
  readonly eventReports: number[] = [];
  /** N: reports with at least one event. */
  reports = 0;
  firstPairAt: number | null = null;

  readonly add = (pair: PairCount, reports: number): void => {
    this.firstPairAt ??= performance.now();
    this.products.push(pair.product);
    this.events.push(pair.event);
    this.a.push(pair.a);
    this.productReports.push(pair.productReports);
    this.eventReports.push(pair.eventReports);
    this.reports = reports;
  };

  get length(): number {
    return this.a.length;
  }

  /** E = (a+b)(a+c)/N for each pair: the expected count under independence, EBGM's E. */
  expected(): Float64Array {
    const n = this.reports;
    return Float64Array.from(this.a, (_, i) => ((this.productReports[i] ?? 0) * (this.eventReports[i] ?? 0)) / n);
  }
}

/** The EBGM part of a run's summary: the prior used and how it was obtained, or why there is none. */
export type EbgmSummary =
  | {
      applied: true;
      /** fitted: maximum likelihood over the run's pairs (older runs lack the field: fitted); given: with the request. */
      obtained?: 'fitted';
      theta: Hyperparameters;
      negLogLikelihood: number;
      /** openEBGM's bounds (α, β < 100): outside them a component is close to a point mass or spread over orders of magnitude. */
      withinOpenEbgmBounds: boolean;
      pairs: number;
      squashedPoints: number;
      truncatedAt: number;
      method: string;
      fitMs: number;
      scoreMs: number;
      fromRun?: string;
    }
  | {
      applied: true;
      obtained: 'given';
      theta: Hyperparameters;
      /** Where the hyperparameters come from, as the requester stated it. */
      source: string;
      method: string;
      pairs: number;
      scoreMs: number;
      fromRun?: string;
    }
  | { applied: false; reason: string };

export interface RunRowsOptions {
  runId: string;
  /** Smallest a counted: the likelihood of the prior is truncated there. */
  minCount: number;
  /** Keep only this product's rows (the prior is still fitted over every pair). */
  product: string | null;
  /** Products under additional monitoring (EMA screens them from a ≥ 3). */
  monitored: ReadonlySet<string>;
  /** Why EBGM is not computed, when the caller knows it cannot be (e.g. the pairs are one product's only). Ignored with a given prior. */
  noPrior?: string;
  /** Hyperparameters given with the run: used as they are, nothing fitted. */
  prior?: GivenPrior;
  /** Our serious unexpected reactions and the IME/DME lists, for the review reasons. */
  review?: ReviewSources;
}

function fitEbgm(pairs: PairColumns, expected: Float64Array, options: RunRowsOptions): { summary: EbgmSummary; theta: Hyperparameters | null } {
  if (options.prior !== undefined) {
    const { source, ...theta } = options.prior;
    checkHyperparameters(theta);
    return {
      summary: { applied: true, obtained: 'given', theta, source, method: `given with the run (not fitted): ${source}`, pairs: pairs.length, scoreMs: 0 },
      theta,
    };
  }
  if (options.noPrior !== undefined) {
    return { summary: { applied: false, reason: options.noPrior }, theta: null };
  }
  if (pairs.length < MIN_PAIRS_FOR_PRIOR) {
    return { summary: { applied: false, reason: `the prior is fitted over at least ${MIN_PAIRS_FOR_PRIOR} pairs; this run has ${pairs.length}` }, theta: null };
  }
  const started = performance.now();
  const fit = fitPrior(pairs.a, expected, { minCount: options.minCount });
  const fitMs = Math.round(performance.now() - started);
  // A maximum on the edge of the parameter space (openEBGM would refuse it) is still the maximum: EBGM under it
  // is computed, and the summary says the estimate is outside openEBGM's bounds.
  if (!fit.reachedOptimum) {
    return { summary: { applied: false, reason: `the prior's maximum-likelihood fit did not converge (${fit.method})` }, theta: null };
  }
  return {
    summary: {
      applied: true,
      obtained: 'fitted',
      theta: fit.theta,
      negLogLikelihood: fit.negLogLikelihood,
      withinOpenEbgmBounds: fit.inBounds,
      pairs: pairs.length,
      squashedPoints: fit.squashedPoints,
      truncatedAt: options.minCount,
      method: fit.method,
      fitMs,
      // Accumulated while the rows are produced (scored a block at a time, as they are written).
      scoreMs: 0,
    },
    theta: fit.theta,
  };
}

/** A text[] literal for COPY: the preset ids are plain words. */
function copyArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

function copyRow(runId: string, product: string, event: string, f: Disproportionality, ebgm: readonly [number | null, number | null, number | null], hits: readonly string[], review: readonly string[]): string {
  return `${[
    runId, copyValue(product), copyValue(event), f.a, f.b, f.c, f.d, f.expected, copyNumber(f.prr.value), copyNumber(f.prr.lower), copyNumber(f.prr.upper),
    copyNumber(f.ror.value), copyNumber(f.ror.lower), copyNumber(f.ror.upper), copyNumber(f.chiSquared), copyNumber(f.chiSquaredYates), f.ic, f.ic025, f.ic975,
    copyNumber(ebgm[0]), copyNumber(ebgm[1]), copyNumber(ebgm[2]), copyArray(hits), copyValue(f.zeroCellCorrection), copyArray(review),
  ].join('\t')}\n`;
}

const NO_REASONS: readonly ReviewReason[] = [];

/** Why a pair is listed for review (none for most pairs: the common path allocates nothing). */
function reviewReasons(product: string, event: string, f: Disproportionality, sources: ReviewSources): readonly ReviewReason[] {
  const zeroCell = f.b === 0 || f.c === 0 || f.d === 0 || f.a === 0;
  const unlisted = sources.seriousUnlisted.size > 0 && sources.seriousUnlisted.has(pairKey(product, event));
  const lists = sources.eventLists.size > 0 ? sources.eventLists.get(event) : undefined;
  if (!zeroCell && !unlisted && lists === undefined) {
    return NO_REASONS;
  }
  return [...(zeroCell ? (['zero-cell'] as const) : []), ...(unlisted ? (['serious-unlisted'] as const) : []), ...(lists ?? [])];
}

/**
 * A run's rows: EBGM's prior fitted (or not) on creation; then every figure, EBGM and the screening of each
 * pair (of one product, when asked) produced as COPY text in chunks of about 1 MB, so the caller can write
 * one chunk while the next is computed. `hits` and `rows` are complete once the chunks are.
 */
export class RunRows {
  readonly hits: Record<string, number> = Object.fromEntries(SCREENING_PRESETS.map((p) => [p.id, 0]));
  /** Pairs listed for review, per reason. */
  readonly review: Record<string, number> = Object.fromEntries(REVIEW_REASONS.map((r) => [r, 0]));
  rows = 0;
  readonly ebgm: EbgmSummary;
  private readonly expected: Float64Array;
  private readonly theta: Hyperparameters | null;

  constructor(
    private readonly pairs: PairColumns,
    private readonly options: RunRowsOptions,
  ) {
    this.expected = pairs.expected();
    const { summary, theta } = fitEbgm(pairs, this.expected, options);
    this.ebgm = summary;
    this.theta = theta;
  }

  *chunks(): Generator<string> {
    const { pairs, options, theta } = this;
    const reviewSources = options.review ?? NO_REVIEW_SOURCES;
    let current = '';
    // EBGM scored a block of pairs at a time, while the database takes in the rows written so far.
    let block: PairScoreColumns | null = null;
    let blockStart = 0;
    let scoreMs = 0;
    for (let i = 0; i < pairs.length; i++) {
      if (theta !== null && (block === null || i >= blockStart + SCORE_BLOCK)) {
        const started = performance.now();
        blockStart = i;
        block = scorePairs(theta, pairs.a.slice(i, i + SCORE_BLOCK), this.expected.subarray(i, i + SCORE_BLOCK));
        scoreMs += performance.now() - started;
      }
      const product = pairs.products[i] ?? '';
      if (options.product !== null && product !== options.product) {
        continue;
      }
      const a = pairs.a[i] ?? 0;
      const b = (pairs.productReports[i] ?? 0) - a;
      const c = (pairs.eventReports[i] ?? 0) - a;
      const figures = disproportionality({ a, b, c, d: pairs.reports - a - b - c });
      const j = i - blockStart;
      const ebgm = block === null ? ([null, null, null] as const) : ([block.ebgm[j] ?? null, block.eb05[j] ?? null, block.eb95[j] ?? null] as const);
      const pairHits = screeningHits({ ...figures, ebgm: ebgm[0], eb05: ebgm[1] }, { additionalMonitoring: options.monitored.has(product) });
      for (const id of pairHits) {
        this.hits[id] = (this.hits[id] ?? 0) + 1;
      }
      const event = pairs.events[i] ?? '';
      const review = reviewReasons(product, event, figures, reviewSources);
      for (const reason of review) {
        this.review[reason] = (this.review[reason] ?? 0) + 1;
      }
      current += copyRow(options.runId, product, event, figures, ebgm, pairHits, review);
      this.rows++;
      if (current.length > 1 << 20) {
        yield current;
        current = '';
      }
    }
    if (current !== '') {
      yield current;
    }
    if (this.ebgm.applied) {
      this.ebgm.scoreMs = Math.round(scoreMs);
    }
  }
}
