/**
 * Maximum-likelihood fitting of the gamma–Poisson shrinker's hyperparameters θ = (α1, β1, α2, β2, P), the
 * way FDA's openEBGM does it (R package openEBGM, files R/f_dataSquashing.R, R/f_likelihoodEqs.R and
 * R/f_hyperEstimation.R):
 *
 * 1. {@link squash} — openEBGM's `squashData`: for one count N, sort the pairs by E, leave the `keep_pts`
 *    pairs with the LARGEST E unsquashed, cut the rest into consecutive bins of `bin_size` (the last bin,
 *    the one with the largest E among the squashed, may be partial) and replace each bin by one point at the
 *    bin's mean E with weight = the bin's size. (openEBGM's `autoSquash`, with bin sizes chosen per count,
 *    is in ebgm-prior.ts.)
 * 2. {@link negativeLogLikelihood} — openEBGM's `negLLsquash` (truncated) / `negLLzeroSquash` (not truncated):
 *    the plain reference.
 * 3. {@link fitHyperparameters} — openEBGM's `exploreHypers`/`autoHyper`: local minimisation from several
 *    starting points, keeping the smallest negative log-likelihood among the convergent, in-bounds results.
 *    openEBGM uses R's nlminb / nlm / BFGS; here a derivative-free Nelder–Mead on transformed parameters.
 *    Thorough but slow: seconds to minutes on a whole database.
 * 4. What a run over a whole database uses instead — autoSquash, the same likelihood with its analytic
 *    gradient, BFGS — is ebgm-prior.ts's fitPrior: seconds for 650,000 pairs.
 *
 * Everything here is pure and deterministic.
 */
import { checkHyperparameters, EbgmInputError, Hyperparameters, lnGamma, lnGammaRatio } from './ebgm';

// Bound once: the likelihood loop runs millions of times, and looking up globals such as `Math` is an order of
// magnitude slower inside vm contexts (jest's test environment among them) than reading module constants.
const { abs, exp, expm1, log, log1p, min } = Math;
const { isFinite: isFiniteNumber, isInteger: isIntegerNumber, POSITIVE_INFINITY, NEGATIVE_INFINITY } = Number;

/** One product–event pair before squashing: N reports, E expected. */
export interface CountPoint {
  n: number;
  e: number;
}

/** A (possibly squashed) point: `weight` original pairs with count `n`, represented at expected count `e`. */
export interface SquashedPoint {
  n: number;
  e: number;
  weight: number;
}

export interface SquashOptions {
  /** Points per bin (openEBGM `bin_size`, default 50, at least 2). */
  binSize?: number;
  /** Points with the largest E left unsquashed for each N (openEBGM `keep_pts`, default 100). */
  keepPoints?: number;
  /** A count is squashed only if it has at least `minBins` × `binSize` points (openEBGM `min_bin`, default 50). */
  minBins?: number;
  /** A count is squashed only if it has at least this many points (openEBGM `min_pts`, default 500). */
  minPoints?: number;
  /** Only counts N ≤ maxCount are squashed (openEBGM squashes one `count` per call); default: every N. */
  maxCount?: number;
}

export interface LikelihoodOptions {
  /**
   * Whether the data hold only pairs with N ≥ minCount (default true, openEBGM's usual `negLLsquash`); false
   * means every pair, zeros included, is present (`negLLzeroSquash`).
   */
  truncated?: boolean;
  /** openEBGM's `N_star`: the smallest count in the data when truncated (default 1). */
  minCount?: number;
}

export interface FitOptions extends LikelihoodOptions {
  /** Starting points; default {@link DEFAULT_STARTING_POINTS}. Each needs α, β > 0 and 0 < P < 1. */
  startingPoints?: readonly Hyperparameters[];
  /** Nelder–Mead iterations allowed per starting point, restarts included (default 5000). */
  maxIterations?: number;
  /** Relative tolerance on the spread of the simplex's function values (default 1e-10). */
  tolerance?: number;
  /** openEBGM's `param_limit`: an estimate with any α or β ≥ this is out of bounds (default 100). */
  paramLimit?: number;
}

export interface FitResult {
  theta: Hyperparameters;
  negLogLikelihood: number;
  /** Nelder–Mead met its tolerance within the iteration bound AND the estimate is in bounds (openEBGM). */
  converged: boolean;
  /** Nelder–Mead iterations spent on the chosen starting point. */
  iterations: number;
  /** The starting point that produced `theta`. */
  start: Hyperparameters;
}

/**
 * The starting points used by openEBGM's documentation for `autoHyper`/`exploreHypers` (which has no default
 * `theta_init`): the autoHyper example rows, the hyperparameter vignette's rows, and hyperEM's example start.
 * The first is DuMouchel's (1999) "lightly justified" guess.
 */
export const DEFAULT_STARTING_POINTS: readonly Hyperparameters[] = [
  { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 },
  { alpha1: 0.1, beta1: 0.1, alpha2: 10, beta2: 10, p: 0.2 },
  { alpha1: 0.1, beta1: 0.2, alpha2: 10, beta2: 10, p: 0.2 },
  { alpha1: 0.3, beta1: 0.5, alpha2: 6, beta2: 6, p: 0.5 },
  { alpha1: 1, beta1: 1, alpha2: 2, beta2: 2, p: 0.3 },
];

// ---------------------------------------------------------------------------------------------------------
// Input checks
// ---------------------------------------------------------------------------------------------------------

function checkN(n: number): void {
  if (!(isIntegerNumber(n) && n >= 0)) {
    throw new EbgmInputError('n', `must be a whole number of reports, 0 or more (got ${n})`);
  }
}

function checkE(e: number): void {
  if (!(isFiniteNumber(e) && e > 0)) {
    throw new EbgmInputError('e', `the expected count must be a positive number (got ${e})`);
  }
}

function checkWeight(weight: number): void {
  if (!(isFiniteNumber(weight) && weight > 0)) {
    throw new EbgmInputError('weight', `must be a positive number (got ${weight})`);
  }
}

export function checkWholeNumber(field: string, value: number, minimum: number): void {
  if (!(isIntegerNumber(value) && value >= minimum)) {
    throw new EbgmInputError(field, `must be a whole number, ${minimum} or more (got ${value})`);
  }
}

export function checkPositive(field: string, value: number): void {
  if (!(isFiniteNumber(value) && value > 0)) {
    throw new EbgmInputError(field, `must be a positive number (got ${value})`);
  }
}

export function checkNonEmpty(field: string, points: readonly unknown[]): void {
  if (points.length === 0) {
    throw new EbgmInputError(field, 'must contain at least one point');
  }
}

/** Checks the squashed data, and that every count is at least `minCount` when the likelihood is truncated. */
function checkSquashed(squashed: readonly SquashedPoint[], truncated: boolean, minCount: number): void {
  checkNonEmpty('squashed', squashed);
  for (const point of squashed) {
    checkN(point.n);
    checkE(point.e);
    checkWeight(point.weight);
    if (truncated && point.n < minCount) {
      throw new EbgmInputError('n', `the truncated likelihood needs every count ≥ minCount = ${minCount} (got ${point.n})`);
    }
  }
}

function resolveLikelihoodOptions(options: LikelihoodOptions): { truncated: boolean; minCount: number } {
  const truncated = options.truncated ?? true;
  const minCount = options.minCount ?? 1;
  if (truncated) {
    checkWholeNumber('minCount', minCount, 1);
  }
  return { truncated, minCount };
}

// ---------------------------------------------------------------------------------------------------------
// Data squashing
// ---------------------------------------------------------------------------------------------------------

/**
 * openEBGM's `squashData` on one count's E values, already sorted increasingly: all but the `keepPoints`
 * largest are cut into consecutive bins of `binSize` (the last possibly partial), each replaced by one point
 * at the bin's mean E weighted by its size; then the kept points, weight 1. Appends to `out`.
 */
export function binSorted(n: number, sorted: ArrayLike<number>, binSize: number, keepPoints: number, out: SquashedPoint[]): void {
  const numSquash = sorted.length - keepPoints;
  for (let start = 0; start < numSquash; start += binSize) {
    const end = min(start + binSize, numSquash);
    let sum = 0;
    for (let i = start; i < end; i++) {
      sum += sorted[i] ?? 0;
    }
    out.push({ n, e: sum / (end - start), weight: end - start });
  }
  for (let i = numSquash; i < sorted.length; i++) {
    out.push({ n, e: sorted[i] ?? 0, weight: 1 });
  }
}

/**
 * Squashes the points of one count (openEBGM `squashData` for `count` = that N), or returns them unsquashed
 * (weight 1, input order) where openEBGM would refuse: fewer than `minPoints` points, fewer than `minBins`
 * bins' worth, or fewer than `binSize` points left once `keepPoints` are set aside.
 * Output: the bins in increasing E (weights binSize, the last possibly the remainder), then the kept points.
 */
function squashOneCount(n: number, es: readonly number[], binSize: number, keepPoints: number, minBins: number, minPoints: number): SquashedPoint[] {
  const total = es.length;
  const numSquash = total - keepPoints;
  if (total < minPoints || total / binSize < minBins || numSquash < binSize) {
    return es.map((e) => ({ n, e, weight: 1 }));
  }
  const result: SquashedPoint[] = [];
  binSorted(n, Float64Array.from(es).sort(), binSize, keepPoints, result);
  return result;
}

/**
 * openEBGM's data squashing (DuMouchel & Pregibon 2001), applied to every distinct N ≤ `maxCount`: pairs with
 * the same N and similar E are merged into one weighted "super point" at their mean E, so the likelihood is
 * evaluated on far fewer points. Total weight per N equals the number of pairs and Σ weight·E is preserved.
 * Counts that openEBGM would refuse to squash (see {@link SquashOptions}) are passed through with weight 1.
 * Output is ordered by N (as openEBGM's `setorder(results, N)`).
 */
export function squash(points: readonly CountPoint[], options: SquashOptions = {}): SquashedPoint[] {
  checkNonEmpty('points', points);
  const binSize = options.binSize ?? 50;
  const keepPoints = options.keepPoints ?? 100;
  const minBins = options.minBins ?? 50;
  const minPoints = options.minPoints ?? 500;
  const maxCount = options.maxCount ?? POSITIVE_INFINITY;
  checkWholeNumber('binSize', binSize, 2);
  checkWholeNumber('keepPoints', keepPoints, 0);
  checkWholeNumber('minBins', minBins, 1);
  checkWholeNumber('minPoints', minPoints, 1);
  if (!(maxCount >= 0)) {
    throw new EbgmInputError('maxCount', `must be 0 or more (got ${maxCount})`);
  }
  const byCount = new Map<number, number[]>();
  for (const point of points) {
    checkN(point.n);
    checkE(point.e);
    const group = byCount.get(point.n);
    if (group) {
      group.push(point.e);
    } else {
      byCount.set(point.n, [point.e]);
    }
  }
  const counts = [...byCount.keys()].sort((a, b) => a - b);
  return counts.flatMap((n) => {
    const es = byCount.get(n) ?? [];
    if (n > maxCount) {
      return es.map((e) => ({ n, e, weight: 1 }));
    }
    return squashOneCount(n, es, binSize, keepPoints, minBins, minPoints);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Likelihood
// ---------------------------------------------------------------------------------------------------------

/** ln(e^a + e^b) without overflow; −∞ when both are −∞. */
function logAddExp(a: number, b: number): number {
  if (a === NEGATIVE_INFINITY) {
    return b;
  }
  if (b === NEGATIVE_INFINITY) {
    return a;
  }
  return a > b ? a + log1p(exp(b - a)) : b + log1p(exp(a - b));
}

/** The data in columns, with the distinct counts indexed so Γ terms are computed once per count. */
interface PreparedData {
  n: Float64Array;
  e: Float64Array;
  logE: Float64Array;
  weight: Float64Array;
  /** Index of each point's count in `distinct`. */
  countIndex: Int32Array;
  distinct: number[];
  /** ln(n!) for each distinct count. */
  logFactorial: Float64Array;
}

function prepare(squashed: readonly SquashedPoint[]): PreparedData {
  const distinct = [...new Set(squashed.map((point) => point.n))].sort((a, b) => a - b);
  const indexOf = new Map(distinct.map((n, i) => [n, i] as const));
  return {
    n: Float64Array.from(squashed, (point) => point.n),
    e: Float64Array.from(squashed, (point) => point.e),
    logE: Float64Array.from(squashed, (point) => log(point.e)),
    weight: Float64Array.from(squashed, (point) => point.weight),
    countIndex: Int32Array.from(squashed, (point) => indexOf.get(point.n) ?? 0),
    distinct,
    logFactorial: Float64Array.from(distinct, (n) => lnGamma(n + 1)),
  };
}

/** ln Γ(α+k) − ln Γ(α) − ln k! for each k in `counts`: the count-only part of the negative binomial. */
function countTerms(alpha: number, counts: readonly number[]): Float64Array {
  return Float64Array.from(counts, (k) => lnGammaRatio(alpha, k) - lnGamma(k + 1));
}

/**
 * ln of one component's likelihood contribution for each point: ln f(n) − ln(1 − F(minCount − 1)) when
 * truncated, ln f(n) otherwise, with f the negative binomial of {@link logNegativeBinomial} (size α,
 * prob β/(β+E)). The tail 1 − F is computed as −expm1(ln F) so it stays accurate when F is close to 1.
 * ln Γ(α+n) − ln Γ(α) comes from {@link lnGammaRatio}: with jStat's gammaln the difference lost about a unit of
 * log-likelihood at α ≈ 10⁸ (a component near a point mass), rounding noise a minimiser would chase.
 */
function componentLogTerms(alpha: number, beta: number, data: PreparedData, truncated: boolean, minCount: number): Float64Array {
  const perCount = Float64Array.from(data.distinct, (n, i) => lnGammaRatio(alpha, n) - (data.logFactorial[i] ?? 0));
  const belowMin = truncated ? countTerms(alpha, Array.from({ length: minCount }, (_, k) => k)) : new Float64Array(0);
  const out = new Float64Array(data.n.length);
  for (let i = 0; i < out.length; i++) {
    const e = data.e[i] ?? 0;
    const logStay = -log1p(e / beta); // ln(β/(β+E))
    const logMove = (data.logE[i] ?? 0) - log(beta + e); // ln(E/(β+E))
    const logF = (perCount[data.countIndex[i] ?? 0] ?? 0) + alpha * logStay + (data.n[i] ?? 0) * logMove;
    if (!truncated) {
      out[i] = logF;
      continue;
    }
    let logCdf = NEGATIVE_INFINITY;
    for (let k = 0; k < belowMin.length; k++) {
      logCdf = logAddExp(logCdf, (belowMin[k] ?? 0) + alpha * logStay + k * logMove);
    }
    out[i] = logF - log(-expm1(logCdf));
  }
  return out;
}

/** The weighted negative log-likelihood on prepared data (θ assumed valid). */
function preparedNegLogLikelihood(theta: Hyperparameters, data: PreparedData, truncated: boolean, minCount: number): number {
  const first = componentLogTerms(theta.alpha1, theta.beta1, data, truncated, minCount);
  const second = componentLogTerms(theta.alpha2, theta.beta2, data, truncated, minCount);
  const logP = log(theta.p);
  const logQ = log1p(-theta.p);
  let total = 0;
  for (let i = 0; i < first.length; i++) {
    total -= (data.weight[i] ?? 0) * logAddExp(logP + (first[i] ?? 0), logQ + (second[i] ?? 0));
  }
  return total;
}

/**
 * The weighted negative log-likelihood of θ, as openEBGM's `negLLsquash` (truncated, the default) or
 * `negLLzeroSquash` (`truncated: false`):
 *
 *   −Σ wᵢ ln( P·f₁(nᵢ)/(1 − F₁(N*−1)) + (1−P)·f₂(nᵢ)/(1 − F₂(N*−1)) )        (truncated, N* = minCount)
 *   −Σ wᵢ ln( P·f₁(nᵢ) + (1−P)·f₂(nᵢ) )                                       (not truncated)
 *
 * where f_k and F_k are the pmf and CDF of the negative binomial marginal of component k at Eᵢ. Note that
 * openEBGM truncates EACH COMPONENT and then mixes with weight P — not the mixture divided by its own
 * P(N ≥ N*); this keeps that convention (both define proper distributions on N ≥ N*, P means different
 * things). openEBGM also demands min(n) = N*; here only n ≥ N* is required.
 */
export function negativeLogLikelihood(theta: Hyperparameters, squashed: readonly SquashedPoint[], options: LikelihoodOptions = {}): number {
  checkHyperparameters(theta);
  const { truncated, minCount } = resolveLikelihoodOptions(options);
  checkSquashed(squashed, truncated, minCount);
  return preparedNegLogLikelihood(theta, prepare(squashed), truncated, minCount);
}

// ---------------------------------------------------------------------------------------------------------
// Optimisation
// ---------------------------------------------------------------------------------------------------------

/** Unconstrained coordinates: ln α1, ln β1, ln α2, ln β2, logit P — every real vector is a valid θ. */
function toUnconstrained(theta: Hyperparameters): number[] {
  return [log(theta.alpha1), log(theta.beta1), log(theta.alpha2), log(theta.beta2), log(theta.p) - log1p(-theta.p)];
}

function fromUnconstrained(x: readonly number[]): Hyperparameters {
  const logitP = x[4] ?? 0;
  return {
    alpha1: exp(x[0] ?? 0),
    beta1: exp(x[1] ?? 0),
    alpha2: exp(x[2] ?? 0),
    beta2: exp(x[3] ?? 0),
    p: 1 / (1 + exp(-logitP)),
  };
}

interface MinimizeResult {
  x: number[];
  value: number;
  iterations: number;
  converged: boolean;
}

/** Replaces non-finite objective values by +∞ so the simplex simply moves away from them. */
function safe(f: (x: readonly number[]) => number): (x: readonly number[]) => number {
  return (x) => {
    const value = f(x);
    return isFiniteNumber(value) ? value : POSITIVE_INFINITY;
  };
}

/** a + t·(b − a), component-wise. */
function along(a: readonly number[], b: readonly number[], t: number): number[] {
  return a.map((ai, i) => ai + t * ((b[i] ?? 0) - ai));
}

/**
 * One Nelder–Mead run (standard coefficients: reflection 1, expansion 2, contraction ½, shrink ½) from an
 * axis-aligned simplex of side `step` around x0. Stops when the spread of the simplex's values is within
 * `tolerance`·(|best| + tolerance) — R's `optim` criterion — or after `maxIterations`.
 */
function nelderMeadRun(f: (x: readonly number[]) => number, x0: readonly number[], step: number, tolerance: number, maxIterations: number): MinimizeResult {
  const simplex: number[][] = [[...x0], ...x0.map((_, i) => x0.map((v, j) => (i === j ? v + step : v)))];
  const values = simplex.map(f);
  const order = (): void => {
    const indices = simplex.map((_, i) => i).sort((a, b) => (values[a] ?? 0) - (values[b] ?? 0));
    const sortedSimplex = indices.map((i) => simplex[i] ?? []);
    const sortedValues = indices.map((i) => values[i] ?? POSITIVE_INFINITY);
    simplex.splice(0, simplex.length, ...sortedSimplex);
    values.splice(0, values.length, ...sortedValues);
  };
  order();
  let iterations = 0;
  const last = simplex.length - 1;
  while (iterations < maxIterations) {
    const best = values[0] ?? POSITIVE_INFINITY;
    const worst = values[last] ?? POSITIVE_INFINITY;
    if (isFiniteNumber(worst) && worst - best <= tolerance * (abs(best) + tolerance)) {
      return { x: simplex[0] ?? [...x0], value: best, iterations, converged: true };
    }
    iterations++;
    const centroid = x0.map((_, j) => simplex.slice(0, last).reduce((sum, vertex) => sum + (vertex[j] ?? 0), 0) / last);
    const worstVertex = simplex[last] ?? [];
    const secondWorst = values[last - 1] ?? POSITIVE_INFINITY;
    const reflected = along(centroid, worstVertex, -1);
    const fReflected = f(reflected);
    if (fReflected < best) {
      const expanded = along(centroid, worstVertex, -2);
      const fExpanded = f(expanded);
      simplex[last] = fExpanded < fReflected ? expanded : reflected;
      values[last] = min(fExpanded, fReflected);
    } else if (fReflected < secondWorst) {
      simplex[last] = reflected;
      values[last] = fReflected;
    } else {
      const outside = fReflected < worst;
      const contracted = along(centroid, outside ? reflected : worstVertex, 0.5);
      const fContracted = f(contracted);
      if (fContracted < (outside ? fReflected : worst)) {
        simplex[last] = contracted;
        values[last] = fContracted;
      } else {
        const bestVertex = simplex[0] ?? [];
        for (let i = 1; i <= last; i++) {
          const shrunk = along(bestVertex, simplex[i] ?? [], 0.5);
          simplex[i] = shrunk;
          values[i] = f(shrunk);
        }
      }
    }
    order();
  }
  return { x: simplex[0] ?? [...x0], value: values[0] ?? POSITIVE_INFINITY, iterations, converged: false };
}

/**
 * Nelder–Mead with restarts: after a run converges, a fresh simplex is built around its best point (a
 * collapsed simplex can stall short of the minimum); it stops when a restart no longer improves the value by
 * more than the tolerance, or when the shared iteration budget is spent.
 */
function minimize(f: (x: readonly number[]) => number, x0: readonly number[], tolerance: number, maxIterations: number): MinimizeResult {
  const objective = safe(f);
  let current = nelderMeadRun(objective, x0, 0.5, tolerance, maxIterations);
  let iterations = current.iterations;
  for (let restart = 0; restart < 10 && current.converged; restart++) {
    // The restart's simplex contains current.x, so its value is never worse.
    const next = nelderMeadRun(objective, current.x, 0.1, tolerance, maxIterations - iterations);
    iterations += next.iterations;
    if (current.value - next.value <= tolerance * (abs(current.value) + tolerance)) {
      return { x: next.x, value: next.value, iterations, converged: true };
    }
    current = next;
  }
  return { ...current, iterations };
}

/** openEBGM's `in_bounds`: 0 < α, β < paramLimit and 0 < P < 1. */
export function inBounds(theta: Hyperparameters, paramLimit: number): boolean {
  const scales = [theta.alpha1, theta.beta1, theta.alpha2, theta.beta2];
  return scales.every((v) => v > 0 && v < paramLimit) && theta.p > 0 && theta.p < 1;
}

export function checkStart(theta: Hyperparameters): void {
  checkHyperparameters(theta);
  if (!(theta.p > 0 && theta.p < 1)) {
    throw new EbgmInputError('p', `a starting point needs 0 < P < 1 (got ${theta.p})`);
  }
}

/** Ranks results: convergent-and-in-bounds first, then by smaller negative log-likelihood; ties keep order. */
function better(a: FitResult, b: FitResult): boolean {
  if (a.converged !== b.converged) {
    return a.converged;
  }
  return a.negLogLikelihood < b.negLogLikelihood;
}

/**
 * Maximum-likelihood θ for the (squashed) data: Nelder–Mead on (ln α1, ln β1, ln α2, ln β2, logit P) from each
 * starting point, keeping — like openEBGM's `autoHyper` — the smallest negative log-likelihood among the
 * results that converged within bounds (α, β < `paramLimit`, 0 < P < 1); if none did, the smallest overall,
 * with `converged: false`. openEBGM's extra check that the winner is close to another convergent solution is
 * not applied. Components are NOT reordered (openEBGM does not): component 1 is whichever the optimiser
 * carried from the starting point's first component.
 */
export function fitHyperparameters(squashed: readonly SquashedPoint[], options: FitOptions = {}): FitResult {
  const { truncated, minCount } = resolveLikelihoodOptions(options);
  checkSquashed(squashed, truncated, minCount);
  const starts = options.startingPoints ?? DEFAULT_STARTING_POINTS;
  checkNonEmpty('startingPoints', starts);
  starts.forEach(checkStart);
  const maxIterations = options.maxIterations ?? 5000;
  checkWholeNumber('maxIterations', maxIterations, 1);
  const tolerance = options.tolerance ?? 1e-10;
  checkPositive('tolerance', tolerance);
  const paramLimit = options.paramLimit ?? 100;
  checkPositive('paramLimit', paramLimit);

  const data = prepare(squashed);
  const objective = (x: readonly number[]): number => preparedNegLogLikelihood(fromUnconstrained(x), data, truncated, minCount);
  let chosen: FitResult | undefined;
  for (const start of starts) {
    const run = minimize(objective, toUnconstrained(start), tolerance, maxIterations);
    const theta = fromUnconstrained(run.x);
    const candidate: FitResult = {
      theta,
      negLogLikelihood: run.value,
      converged: run.converged && isFiniteNumber(run.value) && inBounds(theta, paramLimit),
      iterations: run.iterations,
      start,
    };
    if (chosen === undefined || better(candidate, chosen)) {
      chosen = candidate;
    }
  }
  if (chosen === undefined) {
    throw new EbgmInputError('startingPoints', 'must contain at least one point');
  }
  return chosen;
}
