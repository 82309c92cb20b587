/**
 * The prior of the gamma–Poisson shrinker for a run over a whole database, fitted fast (pharmacovigilance §6):
 * openEBGM's `autoSquash` (R/f_dataSquashing.R), then its truncated likelihood (`negLLsquash`) with the
 * analytic gradient, evaluated without allocating, maximised by box-constrained BFGS (quasi-newton.ts) from
 * openEBGM's documented starting points. ebgm-fit.ts holds the plain reference (squashData, the likelihood,
 * a thorough Nelder–Mead) the tests check this against. Pure and deterministic.
 */
import { digammaDifference, EbgmInputError, type Hyperparameters, lnGamma, lnGammaRatio } from './ebgm';
import { binSorted, checkNonEmpty, checkPositive, checkStart, checkWholeNumber, DEFAULT_STARTING_POINTS, inBounds, type SquashedPoint } from './ebgm-fit';
import { type Box, minimizeQuasiNewton } from './quasi-newton';

// Bound once: the likelihood loop runs millions of times (see ebgm-fit.ts).
const { abs, exp, floor, log, log1p, max, min } = Math;
const { isFinite: isFiniteNumber, isInteger: isIntegerNumber, POSITIVE_INFINITY } = Number;

// ---------------------------------------------------------------------------------------------------------
// Automatic squashing (openEBGM autoSquash)
// ---------------------------------------------------------------------------------------------------------

export interface AutoSquashOptions {
  /**
   * Points with the largest E left unsquashed, by position among the counts that are squashed: the first
   * value for the smallest such N, the next for the next N, the last for all further N (openEBGM `keep_pts`).
   */
  keepPoints?: readonly number[];
  /** Thresholds on a count's points to squash that choose its number of super points (openEBGM `cut_offs`). */
  cutOffs?: readonly number[];
  /** Super points per count, one more entry than `cutOffs` (openEBGM `num_super_pts`). */
  superPoints?: readonly number[];
}

/** openEBGM's `autoSquash` defaults. */
export const AUTO_SQUASH_DEFAULTS = {
  keepPoints: [100, 75, 50, 25],
  cutOffs: [500, 1_000, 10_000, 100_000, 500_000, 1_000_000, 5_000_000],
  superPoints: [50, 75, 150, 500, 750, 1_000, 2_000, 5_000],
} as const satisfies Required<AutoSquashOptions>;

function checkWholeNumbers(field: string, values: readonly number[], minimum: number): void {
  checkNonEmpty(field, values);
  for (const value of values) {
    checkWholeNumber(field, value, minimum);
  }
}

/** Checks paired columns of counts and expected counts: same length, not empty, every n ≥ minCount, E > 0. */
function checkColumns(n: ArrayLike<number>, e: ArrayLike<number>, minCount: number): void {
  if (n.length === 0) {
    throw new EbgmInputError('n', 'must contain at least one pair');
  }
  if (n.length !== e.length) {
    throw new EbgmInputError('e', `must have one expected count per count (${e.length} for ${n.length})`);
  }
  for (let i = 0; i < n.length; i++) {
    const count = n[i] ?? NaN;
    if (!(isIntegerNumber(count) && count >= minCount)) {
      throw new EbgmInputError('n', `must be a whole number of reports, ${minCount} or more (got ${count} at index ${i})`);
    }
    const expected = e[i] ?? NaN;
    if (!(isFiniteNumber(expected) && expected > 0)) {
      throw new EbgmInputError('e', `the expected count must be a positive number (got ${expected} at index ${i})`);
    }
  }
}

/** The E values grouped by count: `counts` increasing, group k is es[offsets[k] .. offsets[k+1]), input order. */
interface CountGroups {
  counts: number[];
  offsets: Int32Array;
  es: Float64Array;
}

function groupByCount(n: ArrayLike<number>, e: ArrayLike<number>): CountGroups {
  const sizes = new Map<number, number>();
  for (let i = 0; i < n.length; i++) {
    const count = n[i] ?? 0;
    sizes.set(count, (sizes.get(count) ?? 0) + 1);
  }
  const counts = [...sizes.keys()].sort((a, b) => a - b);
  const offsets = new Int32Array(counts.length + 1);
  const position = new Map<number, number>();
  counts.forEach((count, k) => {
    position.set(count, k);
    offsets[k + 1] = (offsets[k] ?? 0) + (sizes.get(count) ?? 0);
  });
  const fill = offsets.slice(0, counts.length);
  const es = new Float64Array(n.length);
  for (let i = 0; i < n.length; i++) {
    const k = position.get(n[i] ?? 0) ?? 0;
    es[fill[k] ?? 0] = e[i] ?? 0;
    fill[k] = (fill[k] ?? 0) + 1;
  }
  return { counts, offsets, es };
}

/** The entry for the `position`-th squashed count: the list's own entry, its last one past the end. */
function atPosition(values: readonly number[], position: number): number {
  return values[min(position, values.length - 1)] ?? 0;
}

/**
 * openEBGM's `autoSquash` (DuMouchel & Pregibon 2001): every count N with more than max(keepPoints) + 1 pairs
 * is squashed — its `keep` largest E left as they are, the rest cut into bins of
 * max(⌊(points − keep) / superPoints⌋, 2) consecutive sorted E values, each bin one point at its mean E with
 * weight = its size; the number of super points grows with the count's size through `cutOffs`. Counts with
 * fewer pairs (the large N, where each pair carries much information) are left unsquashed, weight 1.
 * Output ordered by N; within a squashed N the bins by increasing E, then the kept points.
 */
export function autoSquash(n: ArrayLike<number>, e: ArrayLike<number>, options: AutoSquashOptions = {}): SquashedPoint[] {
  const keepPoints = options.keepPoints ?? AUTO_SQUASH_DEFAULTS.keepPoints;
  const cutOffs = options.cutOffs ?? AUTO_SQUASH_DEFAULTS.cutOffs;
  const superPoints = options.superPoints ?? AUTO_SQUASH_DEFAULTS.superPoints;
  checkWholeNumbers('keepPoints', keepPoints, 0);
  checkWholeNumbers('cutOffs', cutOffs, 1);
  checkWholeNumbers('superPoints', superPoints, 1);
  if (superPoints.length !== cutOffs.length + 1) {
    throw new EbgmInputError('superPoints', `needs one entry more than cutOffs (${superPoints.length} for ${cutOffs.length})`);
  }
  checkColumns(n, e, 0);
  const threshold = max(...keepPoints) + 1;
  const { counts, offsets, es } = groupByCount(n, e);
  const out: SquashedPoint[] = [];
  let position = 0;
  counts.forEach((count, k) => {
    const group = es.subarray(offsets[k] ?? 0, offsets[k + 1] ?? 0);
    if (group.length <= threshold) {
      group.forEach((value) => out.push({ n: count, e: value, weight: 1 }));
      return;
    }
    const keep = atPosition(keepPoints, position);
    position++;
    const toSquash = group.length - keep;
    const band = cutOffs.findIndex((cutOff) => toSquash < cutOff);
    const supers = superPoints[band < 0 ? cutOffs.length : band] ?? 1;
    binSorted(count, group.sort(), max(floor(toSquash / supers), 2), keep, out);
  });
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Fast likelihood with gradient
// ---------------------------------------------------------------------------------------------------------

/**
 * Squashed data laid out for {@link evaluateLikelihood}: columns, each point's index into the distinct
 * counts, and the θ-independent part of the log-likelihood. The per-count arrays are scratch space that every
 * evaluation overwrites, so an evaluation allocates nothing.
 */
interface FastLikelihood {
  n: Float64Array;
  e: Float64Array;
  weight: Float64Array;
  countIndex: Int32Array;
  counts: Float64Array;
  minCount: number;
  /** Σ w (n ln E − ln n!): the factor E^n / n! shared by both components. */
  constant: number;
  /** Per distinct count, per component: ln Γ(α+n) − ln Γ(α) and ψ(α+n) − ψ(α). */
  lnGammaRatio: [Float64Array, Float64Array];
  digammaDiff: [Float64Array, Float64Array];
  /** One component's ℓ, ∂ℓ/∂ln α, ∂ℓ/∂ln β at the current point (scratch). */
  terms: Float64Array;
}

function prepareFast(squashed: readonly SquashedPoint[], minCount: number): FastLikelihood {
  const distinct = [...new Set(squashed.map((point) => point.n))].sort((a, b) => a - b);
  const indexOf = new Map(distinct.map((count, i) => [count, i] as const));
  let constant = 0;
  for (const { n, e, weight } of squashed) {
    constant += weight * (n * log(e) - lnGamma(n + 1));
  }
  const scratch = (): Float64Array => new Float64Array(distinct.length);
  return {
    n: Float64Array.from(squashed, (point) => point.n),
    e: Float64Array.from(squashed, (point) => point.e),
    weight: Float64Array.from(squashed, (point) => point.weight),
    countIndex: Int32Array.from(squashed, (point) => indexOf.get(point.n) ?? 0),
    counts: Float64Array.from(distinct),
    minCount,
    constant,
    lnGammaRatio: [scratch(), scratch()],
    digammaDiff: [scratch(), scratch()],
    terms: new Float64Array(3),
  };
}

function fillCountTerms(alpha: number, counts: Float64Array, lnGammaRatios: Float64Array, digammaDiffs: Float64Array): void {
  for (let j = 0; j < counts.length; j++) {
    const count = counts[j] ?? 0;
    lnGammaRatios[j] = lnGammaRatio(alpha, count);
    digammaDiffs[j] = digammaDifference(alpha, count);
  }
}

/** Below this the tail P(N ≥ N*) = 1 − P(N < N*) is summed directly instead: 1 − (sum near 1) loses digits. */
const TAIL_DIRECT = 0.01;

/**
 * One component's truncated log-probability ℓ = ln f(n) − ln P(N ≥ N*) (without the shared Eⁿ/n!) and its
 * derivatives α ∂ℓ/∂α and β ∂ℓ/∂β, written to `out`. f is the negative binomial with size α and
 * probability β/(β+E); with r = E/(β+E) its pmf satisfies f(k+1) = f(k)·(α+k)/(k+1)·r, and
 * α ∂ln f(k)/∂α = α(ψ(α+k) − ψ(α) − ln(1 + E/β)), β ∂ln f(k)/∂β = αr − k(1 − r).
 * Written with ln(1 + E/β) and without differences of large terms, so that it stays accurate when the
 * component approaches a point mass (α, β → ∞), where maximum likelihood sometimes heads.
 */
function componentTerms(alpha: number, beta: number, logBeta: number, n: number, e: number, lnGammaRatioN: number, digammaDiffN: number, minCount: number, out: Float64Array): void {
  const logGrowth = log1p(e / beta); // ln((β+E)/β)
  const invShifted = 1 / (beta + e);
  const r = e * invShifted;
  const stay = beta * invShifted; // 1 − r
  let logTail = 0;
  let tailByAlpha = 0;
  let tailByBeta = 0;
  if (minCount > 0) {
    // Head: P(N < N*) and its derivatives, by the pmf recurrence.
    let pmf = exp(-alpha * logGrowth);
    let psiDiff = 0;
    let head = 0;
    let headByAlpha = 0;
    let headByBeta = 0;
    let k = 0;
    for (; k < minCount; k++) {
      head += pmf;
      headByAlpha += pmf * (psiDiff - logGrowth);
      headByBeta += pmf * (alpha * r - k * stay);
      pmf *= ((alpha + k) / (k + 1)) * r;
      psiDiff += 1 / (alpha + k);
    }
    let tail = 1 - head;
    tailByAlpha = -headByAlpha;
    tailByBeta = -headByBeta;
    if (tail < TAIL_DIRECT && r < 0.5) {
      // Small E/(β+E): the terms fall at least geometrically, so the tail's own series is short and exact.
      tail = 0;
      tailByAlpha = 0;
      tailByBeta = 0;
      for (; k < minCount + 200 && pmf > 1e-17 * tail; k++) {
        tail += pmf;
        tailByAlpha += pmf * (psiDiff - logGrowth);
        tailByBeta += pmf * (alpha * r - k * stay);
        pmf *= ((alpha + k) / (k + 1)) * r;
        psiDiff += 1 / (alpha + k);
      }
    }
    logTail = log(tail);
    tailByAlpha /= tail;
    tailByBeta /= tail;
  }
  out[0] = lnGammaRatioN - alpha * logGrowth - n * (logBeta + logGrowth) - logTail;
  out[1] = alpha * (digammaDiffN - logGrowth - tailByAlpha);
  out[2] = alpha * r - n * stay - tailByBeta;
}

/** Coordinates for the quasi-Newton search: ln α1, ln μ1, ln α2, ln μ2, logit P, with μ = α/β the component mean. */
function toMeanShape(theta: Hyperparameters): Float64Array {
  const { alpha1, beta1, alpha2, beta2, p } = theta;
  return Float64Array.from([log(alpha1), log(alpha1 / beta1), log(alpha2), log(alpha2 / beta2), log(p) - log1p(-p)]);
}

function fromMeanShape(x: Float64Array): Hyperparameters {
  const logit = x[4] ?? 0;
  return {
    alpha1: exp(x[0] ?? 0),
    beta1: exp((x[0] ?? 0) - (x[1] ?? 0)),
    alpha2: exp(x[2] ?? 0),
    beta2: exp((x[2] ?? 0) - (x[3] ?? 0)),
    p: 1 / (1 + exp(-logit)),
  };
}

function positiveFinite(value: number): boolean {
  return value > 0 && value < POSITIVE_INFINITY;
}

/**
 * The negative log-likelihood at x = (ln α1, ln μ1, ln α2, ln μ2, logit P) — the same function as
 * {@link negativeLogLikelihood} (truncated at N* = minCount; minCount 0 is the untruncated likelihood) — with
 * its gradient written to `gradient`; +∞ where θ over- or underflows. Per point: three logarithms or
 * exponentials per component and two for the mixture; what depends on the count only is computed once per
 * distinct count. Mean and shape rather than α and β: when a component tends to a point mass (α → ∞ at a
 * fixed mean, as on data without overdispersion), that is one coordinate rather than a diagonal ridge.
 */
function evaluateLikelihood(data: FastLikelihood, x: Float64Array, gradient: Float64Array): number {
  const alpha1 = exp(x[0] ?? 0);
  const beta1 = exp((x[0] ?? 0) - (x[1] ?? 0));
  const alpha2 = exp(x[2] ?? 0);
  const beta2 = exp((x[2] ?? 0) - (x[3] ?? 0));
  const logit = x[4] ?? 0;
  const p = 1 / (1 + exp(-logit));
  if (!(positiveFinite(alpha1) && positiveFinite(beta1) && positiveFinite(alpha2) && positiveFinite(beta2) && p > 0 && p < 1)) {
    return POSITIVE_INFINITY;
  }
  const logP = -log1p(exp(-logit));
  const logQ = -log1p(exp(logit));
  const ratio1 = data.lnGammaRatio[0];
  const ratio2 = data.lnGammaRatio[1];
  const digamma1 = data.digammaDiff[0];
  const digamma2 = data.digammaDiff[1];
  fillCountTerms(alpha1, data.counts, ratio1, digamma1);
  fillCountTerms(alpha2, data.counts, ratio2, digamma2);
  const logBeta1 = (x[0] ?? 0) - (x[1] ?? 0);
  const logBeta2 = (x[2] ?? 0) - (x[3] ?? 0);
  const terms = data.terms;
  let total = 0;
  let byAlpha1 = 0;
  let byBeta1 = 0;
  let byAlpha2 = 0;
  let byBeta2 = 0;
  let byLogit = 0;
  for (let i = 0; i < data.n.length; i++) {
    const n = data.n[i] ?? 0;
    const e = data.e[i] ?? 0;
    const w = data.weight[i] ?? 0;
    const j = data.countIndex[i] ?? 0;
    componentTerms(alpha1, beta1, logBeta1, n, e, ratio1[j] ?? 0, digamma1[j] ?? 0, data.minCount, terms);
    const first = logP + (terms[0] ?? 0);
    const firstByAlpha = terms[1] ?? 0;
    const firstByBeta = terms[2] ?? 0;
    componentTerms(alpha2, beta2, logBeta2, n, e, ratio2[j] ?? 0, digamma2[j] ?? 0, data.minCount, terms);
    const second = logQ + (terms[0] ?? 0);
    // ln(e^first + e^second), and the first component's share of the point's likelihood.
    const ratio = exp(-abs(first - second));
    const share = first >= second ? 1 / (1 + ratio) : ratio / (1 + ratio);
    total += w * ((first >= second ? first : second) + log1p(ratio));
    byAlpha1 += w * share * firstByAlpha;
    byBeta1 += w * share * firstByBeta;
    byAlpha2 += w * (1 - share) * (terms[1] ?? 0);
    byBeta2 += w * (1 - share) * (terms[2] ?? 0);
    byLogit += w * (share - p);
  }
  // ln β = ln α − ln μ: at fixed μ, d/d ln α = α∂α + β∂β; at fixed α, d/d ln μ = −β∂β.
  gradient[0] = -(byAlpha1 + byBeta1);
  gradient[1] = byBeta1;
  gradient[2] = -(byAlpha2 + byBeta2);
  gradient[3] = byBeta2;
  gradient[4] = -byLogit;
  return -(total + data.constant);
}

// ---------------------------------------------------------------------------------------------------------
// Prior fit for runs
// ---------------------------------------------------------------------------------------------------------

export interface PriorFitOptions extends AutoSquashOptions {
  /** N*: every pair has n ≥ minCount and the likelihood is truncated there; 0 means zeros included, untruncated. */
  minCount: number;
  /** Starting points, tried in order; default {@link DEFAULT_STARTING_POINTS}. Each needs α, β > 0, 0 < P < 1. */
  startingPoints?: readonly Hyperparameters[];
  /** Quasi-Newton iterations allowed per starting point (default 60; see {@link fitPrior}). */
  maxIterations?: number;
  /** Further iterations for the best run when no start converged within `maxIterations` (default 500). */
  polishIterations?: number;
  /** openEBGM's `param_limit`: an estimate with any α or β ≥ this is out of bounds (default 100). */
  paramLimit?: number;
}

export interface PriorFit {
  theta: Hyperparameters;
  /** Negative log-likelihood of θ on the squashed data (the minimised function). */
  negLogLikelihood: number;
  /** The chosen run converged, within openEBGM's bounds (α, β < paramLimit, 0 < P < 1). */
  converged: boolean;
  /**
   * The chosen run reached the maximum of the likelihood (possibly on the edge of the search box), whether or
   * not the estimate is within openEBGM's bounds.
   */
  reachedOptimum: boolean;
  /** α and β below paramLimit, 0 < P < 1 (openEBGM's `in_bounds`). */
  inBounds: boolean;
  /** Another start reached the same likelihood (openEBGM's autoHyper asks for one such agreement). */
  agreed: boolean;
  /** Quasi-Newton iterations and likelihood evaluations (each with its gradient), summed over the starts tried. */
  iterations: number;
  evaluations: number;
  startsTried: number;
  pairs: number;
  squashedPoints: number;
  /** One line for users: squashing, likelihood, optimiser, and whether the estimate is at the edge. */
  method: string;
}

/**
 * The box the search stays in, on (ln α1, ln μ1, ln α2, ln μ2, logit P): shapes within 1e-6…1e6, means within
 * 1e-12…1e12, P within 4e-18…1 − 4e-18. On data with little overdispersion the likelihood keeps growing as a
 * component tends to a point mass (α → ∞), vanishes (P → 0) or spreads over orders of magnitude (α → 0): the
 * supremum is on the edge of the parameter space. A gamma of shape 1e6 is a point mass to six digits and one of
 * shape 1e-6 a log-uniform spread, so the fit stops on this box (where the likelihood is within rounding of its
 * supremum) instead of crawling towards infinity.
 */
const SHAPE_LIMIT = log(1e6);
const MEAN_LIMIT = log(1e12);
const LOGIT_LIMIT = 40;
const SEARCH_BOX: Box = {
  lower: Float64Array.from([-SHAPE_LIMIT, -MEAN_LIMIT, -SHAPE_LIMIT, -MEAN_LIMIT, -LOGIT_LIMIT]),
  upper: Float64Array.from([SHAPE_LIMIT, MEAN_LIMIT, SHAPE_LIMIT, MEAN_LIMIT, LOGIT_LIMIT]),
};

/** Two runs reached the same optimum when their values agree to this, relative (≈ 1e-3 for a million pairs). */
const VALUE_AGREEMENT = 1e-9;

interface Run {
  theta: Hyperparameters;
  value: number;
  converged: boolean;
  inBounds: boolean;
}

/** Ranks runs: converged within bounds first, then by smaller negative log-likelihood. */
function betterRun(a: Run, b: Run): boolean {
  const aOk = a.converged && a.inBounds;
  const bOk = b.converged && b.inBounds;
  if (aOk !== bOk) {
    return aOk;
  }
  return a.value < b.value;
}

function describe(options: PriorFitOptions, pairs: number, points: number, runs: readonly Run[], best: Run, agreed: boolean, starts: number): string {
  const custom = options.keepPoints !== undefined || options.cutOffs !== undefined || options.superPoints !== undefined;
  const squashing = `openEBGM autoSquash (${custom ? 'custom settings' : 'defaults'}): ${pairs.toLocaleString('en')} pairs → ${points.toLocaleString('en')} points`;
  const likelihood = options.minCount > 0 ? `maximum likelihood truncated at N ≥ ${options.minCount}` : 'maximum likelihood (untruncated)';
  const optimiser = `BFGS with analytic gradient from ${runs.length} of ${starts} starting points, ${options.maxIterations ?? 60} iterations each (${agreed ? 'two agreed' : 'no two agreed'})`;
  const edge = best.inBounds ? '' : '; estimate outside openEBGM bounds (a component near a point mass or vanishing: little overdispersion)';
  return `${squashing}; ${likelihood}; ${optimiser}${edge}`;
}

/**
 * Maximum-likelihood prior for a run over many pairs, as openEBGM does it but fast: openEBGM's `autoSquash`,
 * then its truncated likelihood (`negLLsquash` with N_star = minCount), minimised by BFGS with the analytic
 * gradient on (ln α1, ln μ1, ln α2, ln μ2, logit P), μ = α/β, within {@link SEARCH_BOX}. Starting points are
 * tried in order until two runs reach the same likelihood (openEBGM's autoHyper asks the best to agree with
 * another convergent run), each for at most `maxIterations` iterations; if none converged, the best is
 * carried on for `polishIterations` more. The best run is returned — converged within bounds first, then the
 * smallest negative log-likelihood. Components are not reordered.
 */
export function fitPrior(n: ArrayLike<number>, e: ArrayLike<number>, options: PriorFitOptions): PriorFit {
  const minCount = options.minCount;
  checkWholeNumber('minCount', minCount, 0);
  checkColumns(n, e, minCount);
  const starts = options.startingPoints ?? DEFAULT_STARTING_POINTS;
  checkNonEmpty('startingPoints', starts);
  starts.forEach(checkStart);
  const maxIterations = options.maxIterations ?? 60;
  checkWholeNumber('maxIterations', maxIterations, 1);
  const polishIterations = options.polishIterations ?? 500;
  checkWholeNumber('polishIterations', polishIterations, 0);
  const paramLimit = options.paramLimit ?? 100;
  checkPositive('paramLimit', paramLimit);

  const squashed = autoSquash(n, e, options);
  const data = prepareFast(squashed, minCount);
  const objective = (x: Float64Array, gradient: Float64Array): number => evaluateLikelihood(data, x, gradient);
  const runs: Run[] = [];
  let iterations = 0;
  let evaluations = 0;
  let best: Run | undefined;
  let agreed = false;
  const search = (from: Hyperparameters, budget: number): Run => {
    const result = minimizeQuasiNewton(objective, toMeanShape(from), SEARCH_BOX, budget);
    iterations += result.iterations;
    evaluations += result.evaluations;
    const theta = fromMeanShape(result.x);
    return { theta, value: result.value, converged: result.converged && isFiniteNumber(result.value), inBounds: inBounds(theta, paramLimit) };
  };
  for (const start of starts) {
    const run = search(start, maxIterations);
    runs.push(run);
    if (best === undefined || betterRun(run, best)) {
      best = run;
    }
    const chosen = best;
    agreed = runs.some((other) => other !== chosen && other.converged && abs(other.value - chosen.value) <= VALUE_AGREEMENT * abs(chosen.value));
    if (chosen.converged && agreed) {
      break;
    }
  }
  if (best === undefined) {
    throw new EbgmInputError('startingPoints', 'must contain at least one point');
  }
  // Each start gets a short budget (a start that does not converge in it rarely wins, and 5 long runs cost
  // seconds on a large database); when none converged, the best one is carried on to convergence.
  if (!best.converged && polishIterations > 0) {
    const polished = search(best.theta, polishIterations);
    if (polished.value <= best.value) {
      best = polished;
    }
  }
  return {
    theta: best.theta,
    negLogLikelihood: best.value,
    converged: best.converged && best.inBounds,
    reachedOptimum: best.converged,
    inBounds: best.inBounds,
    agreed,
    iterations,
    evaluations,
    startsTried: runs.length,
    pairs: n.length,
    squashedPoints: squashed.length,
    method: describe(options, n.length, squashed.length, runs, best, agreed, starts.length),
  };
}
