/**
 * DuMouchel's gamma–Poisson shrinker (pharmacovigilance §6, as in FDA's openEBGM): the prior on the relative
 * reporting ratio λ is the mixture P·Gamma(α1, β1) + (1−P)·Gamma(α2, β2) (shape, rate); N | λ ~ Poisson(λE).
 * Given the hyperparameters, each pair's posterior is a mixture of Gamma(α1+N, β1+E) and Gamma(α2+N, β2+E)
 * with weight Qn; EBGM is the exponential of the posterior mean of ln λ, EB05/EB95 its 5%/95% quantiles.
 *
 * Two paths compute the same scores:
 * - {@link scorePairs} (and {@link ebgmScores}, which uses the same code for one pair): a safeguarded Halley
 *   iteration on the posterior CDF with this file's own regularised incomplete gamma — fast enough for every
 *   pair of a database (hundreds of thousands).
 * - {@link qn} and {@link posteriorQuantile}: the plain reference (jStat's gamma functions, bisection), kept
 *   as an independent check of the fast path in the tests.
 *
 * Pure functions.
 */
import { jStat } from 'jstat';

// Bound once: the scoring loop runs millions of times, and looking up globals such as `Math` is an order of
// magnitude slower inside vm contexts (jest's test environment among them) than reading module constants.
const { abs, ceil, cos, exp, log, log1p, max, min, PI, sqrt } = Math;
const { isFinite: isFiniteNumber, isInteger: isIntegerNumber, NEGATIVE_INFINITY, POSITIVE_INFINITY } = Number;

export interface Hyperparameters {
  alpha1: number;
  beta1: number;
  alpha2: number;
  beta2: number;
  /** Weight of the first component, 0 < P < 1 (0 and 1 allowed: a single gamma). */
  p: number;
}

export class EbgmInputError extends Error {
  readonly code = 'INVALID_EBGM_INPUT';
  constructor(
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${field}: ${problem}`);
  }
}

export function checkHyperparameters(theta: Hyperparameters): void {
  for (const field of ['alpha1', 'beta1', 'alpha2', 'beta2'] as const) {
    if (!(isFiniteNumber(theta[field]) && theta[field] > 0)) {
      throw new EbgmInputError(field, `must be a positive number (got ${theta[field]})`);
    }
  }
  if (!(isFiniteNumber(theta.p) && theta.p >= 0 && theta.p <= 1)) {
    throw new EbgmInputError('p', `must lie between 0 and 1 (got ${theta.p})`);
  }
}

/** `where` names the position in a list, e.g. " at index 12"; empty for a single value. */
function checkCount(n: number, e: number, where = ''): void {
  if (!(isIntegerNumber(n) && n >= 0)) {
    throw new EbgmInputError('n', `must be a whole number of reports, 0 or more (got ${n}${where})`);
  }
  if (!(isFiniteNumber(e) && e > 0)) {
    throw new EbgmInputError('e', `the expected count must be a positive number (got ${e}${where})`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Special functions
// ---------------------------------------------------------------------------------------------------------

const HALF_LOG_TWO_PI = 0.9189385332046728;

/**
 * The Stirling correction S(x) = ln Γ(x) − ((x − ½) ln x − x + ½ ln 2π) for x ≥ 10: the asymptotic series to
 * the x^−13 term, whose truncation error there is below 1e-16.
 */
function stirlingCorrection(x: number): number {
  const inv = 1 / x;
  const inv2 = inv * inv;
  return inv * (1 / 12 - inv2 * (1 / 360 - inv2 * (1 / 1260 - inv2 * (1 / 1680 - inv2 * (1 / 1188 - inv2 * (691 / 360360 - inv2 / 156))))));
}

/**
 * ln Γ(x) for x > 0: Stirling's series from x ≥ 10, and below that the recurrence Γ(x) = Γ(x + k) / (x(x+1)…(x+k−1)).
 * Absolute error about 1e-15 · |ln Γ(x)|, far below jStat's (Numerical Recipes' 2e-10).
 */
export function lnGamma(x: number): number {
  if (x >= 10) {
    return (x - 0.5) * log(x) - x + HALF_LOG_TWO_PI + stirlingCorrection(x);
  }
  let product = 1;
  let shifted = x;
  while (shifted < 10) {
    product *= shifted;
    shifted += 1;
  }
  return (shifted - 0.5) * log(shifted) - shifted + HALF_LOG_TWO_PI + stirlingCorrection(shifted) - log(product);
}

/** ψ(x) − ln x + 1/(2x) for x ≥ 6: minus the asymptotic series Σ B2k/(2k x^2k) (error below 1e-13 there). */
function digammaTail(x: number): number {
  const inv2 = 1 / (x * x);
  return -inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
}

/**
 * Digamma ψ(x) for x > 0: the recurrence ψ(x) = ψ(x+1) − 1/x up to x ≥ 6, then the asymptotic series
 * ln x − 1/(2x) − Σ B2k/(2k x^2k) (absolute error below 1e-13 there).
 */
export function digamma(x: number): number {
  if (!(x > 0)) {
    throw new RangeError(`digamma needs x > 0 (got ${x})`);
  }
  let shift = 0;
  let value = x;
  while (value < 6) {
    shift -= 1 / value;
    value += 1;
  }
  return shift + log(value) - 1 / (2 * value) + digammaTail(value);
}

/**
 * ln Γ(α + n) − ln Γ(α), accurate also for huge α (a prior component close to a point mass): from α ≥ 10
 * as (α − ½)·ln(1 + n/α) + n ln(α + n) − n + S(α + n) − S(α), which never subtracts two values of size
 * α ln α (at α = 10¹² a plain difference of ln Γ would keep only three digits).
 */
export function lnGammaRatio(alpha: number, n: number): number {
  if (alpha >= 10) {
    return (alpha - 0.5) * log1p(n / alpha) + n * log(alpha + n) - n + stirlingCorrection(alpha + n) - stirlingCorrection(alpha);
  }
  return lnGamma(alpha + n) - lnGamma(alpha);
}

/** ψ(α + n) − ψ(α), accurate also for huge α (the same reasoning as {@link lnGammaRatio}). */
export function digammaDifference(alpha: number, n: number): number {
  if (alpha >= 10) {
    return log1p(n / alpha) + n / (2 * alpha * (alpha + n)) + digammaTail(alpha + n) - digammaTail(alpha);
  }
  return digamma(alpha + n) - digamma(alpha);
}

/**
 * The part of ln(yᵃ e^−y / Γ(a)) that depends on a only: ½ ln(a/2π) − S(a) for a ≥ 10 (see {@link logGammaKernel}),
 * −ln Γ(a) below.
 */
function kernelConstant(a: number): number {
  return a >= 10 ? 0.5 * log(a) - HALF_LOG_TWO_PI - stirlingCorrection(a) : -lnGamma(a);
}

/**
 * ln(yᵃ e^−y / Γ(a)), with `constant` = {@link kernelConstant}(a). For a ≥ 10 it is written as
 * −a·(d − ln(1 + d)) + ½ ln(a/2π) − S(a) with d = y/a − 1, which avoids subtracting numbers of size a ln a
 * (for a = 10⁵ the direct form would lose five digits).
 */
function logGammaKernel(a: number, y: number, constant: number): number {
  if (a >= 10) {
    const d = y / a - 1;
    return -a * (d - log1p(d)) + constant;
  }
  return a * log(y) - y + constant;
}

const SERIES_EPSILON = 1e-16;
const TINY = 1e-300;

/**
 * Nodes and weights of n-point Gauss–Legendre quadrature on [−1, 1]: Newton's method on the Legendre
 * polynomial P_n from the usual cosine guesses, P_n evaluated by its three-term recurrence.
 */
function gaussLegendre(size: number): { nodes: Float64Array; weights: Float64Array } {
  const nodes = new Float64Array(size);
  const weights = new Float64Array(size);
  for (let i = 0; i < ceil(size / 2); i++) {
    let z = cos((PI * (i + 0.75)) / (size + 0.5));
    let derivative = 1;
    for (let iteration = 0; iteration < 100; iteration++) {
      let current = 1;
      let previous = 0;
      for (let j = 1; j <= size; j++) {
        const older = previous;
        previous = current;
        current = ((2 * j - 1) * z * previous - (j - 1) * older) / j;
      }
      derivative = (size * (z * current - previous)) / (z * z - 1);
      const step = current / derivative;
      z -= step;
      if (abs(step) < 1e-16) {
        break;
      }
    }
    nodes[i] = -z;
    nodes[size - 1 - i] = z;
    weights[i] = 2 / ((1 - z * z) * derivative * derivative);
    weights[size - 1 - i] = weights[i] ?? 0;
  }
  return { nodes, weights };
}

/** From this shape on, P(a, y) is integrated numerically: the series would need about 8.6·√a terms. */
const QUADRATURE_MIN_SHAPE = 500;
/** 24 points integrate the near-Gaussian integrand over its ±8√a span to about 1e-13 (checked against the series up to a = 10⁶). */
const GAUSS_LEGENDRE = gaussLegendre(24);

/**
 * P(a, y) for large a as an integral of the Gamma(a, 1) density t^(a−1) e^−t / Γ(a) = kernel(t)/t over the
 * side of y that does not contain the bulk beyond ±8√a (where the density is below e^−30 of its peak):
 * [max(0, min(a − 8√a, y − 6√a)), y] for y < a, else [y, max(a + 12√a, y + 6√a)] giving Q = 1 − P. The
 * idea is Numerical Recipes' (3rd ed., §6.2); the cost no longer grows with a.
 */
function quadratureGammaP(a: number, y: number, constant: number): number {
  const spread = sqrt(a);
  const upper = y >= a;
  const low = upper ? y : max(0, min(a - 8 * spread, y - 6 * spread));
  const high = upper ? max(a + 12 * spread, y + 6 * spread) : y;
  const half = 0.5 * (high - low);
  const middle = 0.5 * (high + low);
  const { nodes, weights } = GAUSS_LEGENDRE;
  let sum = 0;
  for (let j = 0; j < nodes.length; j++) {
    const t = middle + half * (nodes[j] ?? 0);
    sum += ((weights[j] ?? 0) * exp(logGammaKernel(a, t, constant))) / t;
  }
  sum *= half;
  return upper ? 1 - sum : sum;
}

/**
 * The regularised lower incomplete gamma P(a, y), given kernel = yᵃ e^−y / Γ(a) and constant =
 * {@link kernelConstant}(a): for a ≥ 500 by quadrature, otherwise the power series for y < a + 1 and 1 − Q
 * with Q from the continued fraction (modified Lentz) beyond, as in Numerical Recipes §6.2.
 */
function gammaP(a: number, y: number, kernel: number, constant: number): number {
  if (y <= 0) {
    return 0;
  }
  if (a >= QUADRATURE_MIN_SHAPE) {
    return quadratureGammaP(a, y, constant);
  }
  if (y < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let k = 1; k < 100_000; k++) {
      term *= y / (a + k);
      sum += term;
      if (term < sum * SERIES_EPSILON) {
        break;
      }
    }
    return sum * kernel;
  }
  let b = y + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let k = 1; k < 100_000; k++) {
    const an = -k * (k - a);
    b += 2;
    d = an * d + b;
    d = abs(d) < TINY ? TINY : d;
    c = b + an / c;
    c = abs(c) < TINY ? TINY : c;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (abs(delta - 1) < SERIES_EPSILON) {
      break;
    }
  }
  return 1 - h * kernel;
}

/** The regularised lower incomplete gamma P(a, y) = γ(a, y)/Γ(a), for a > 0 and y ≥ 0 (the CDF of Gamma(a, 1)). */
export function regularizedGammaP(a: number, y: number): number {
  const constant = kernelConstant(a);
  return gammaP(a, y, y > 0 ? exp(logGammaKernel(a, y, constant)) : 0, constant);
}

// ---------------------------------------------------------------------------------------------------------
// Reference path (jStat, bisection)
// ---------------------------------------------------------------------------------------------------------

/** ln of the negative binomial probability of n reports: the marginal of N under one gamma component. */
export function logNegativeBinomial(n: number, alpha: number, beta: number, e: number): number {
  return jStat.gammaln(alpha + n) - jStat.gammaln(alpha) - jStat.gammaln(n + 1) + alpha * log(beta / (beta + e)) + n * log(e / (beta + e));
}

/** 1 / (1 + e^x), without overflow. */
function logistic(x: number): number {
  return x > 0 ? exp(-x) / (1 + exp(-x)) : 1 / (1 + exp(x));
}

/** Qn: the posterior probability that λ came from the first component, given N = n (DuMouchel 1999, eq. 6). */
export function qn(theta: Hyperparameters, n: number, e: number): number {
  if (theta.p === 0 || theta.p === 1) {
    return theta.p;
  }
  const first = log(theta.p) + logNegativeBinomial(n, theta.alpha1, theta.beta1, e);
  const second = log(1 - theta.p) + logNegativeBinomial(n, theta.alpha2, theta.beta2, e);
  return logistic(second - first);
}

export interface EbgmScores {
  n: number;
  e: number;
  qn: number;
  ebgm: number;
  eb05: number;
  eb95: number;
}

/** The posterior mixture's CDF at x. */
function posteriorCdf(x: number, theta: Hyperparameters, n: number, e: number, weight: number): number {
  const first = weight === 0 ? 0 : jStat.gamma.cdf(x, theta.alpha1 + n, 1 / (theta.beta1 + e));
  const second = weight === 1 ? 0 : jStat.gamma.cdf(x, theta.alpha2 + n, 1 / (theta.beta2 + e));
  return weight * first + (1 - weight) * second;
}

/**
 * A quantile of the posterior mixture: bisection on the CDF (monotone), bracketed by the two components'
 * own quantiles (the mixture's lies between them), to a relative precision of 1e-10. This is the slow
 * reference (about a millisecond per quantile); {@link scorePairs} is what runs use.
 */
export function posteriorQuantile(probability: number, theta: Hyperparameters, n: number, e: number): number {
  if (!(probability > 0 && probability < 1)) {
    throw new EbgmInputError('probability', `must lie strictly between 0 and 1 (got ${probability})`);
  }
  checkHyperparameters(theta);
  checkCount(n, e);
  const weight = qn(theta, n, e);
  const q1 = jStat.gamma.inv(probability, theta.alpha1 + n, 1 / (theta.beta1 + e));
  const q2 = jStat.gamma.inv(probability, theta.alpha2 + n, 1 / (theta.beta2 + e));
  if (weight === 1) {
    return q1;
  }
  if (weight === 0) {
    return q2;
  }
  let low = Math.min(q1, q2);
  let high = Math.max(q1, q2);
  for (let i = 0; i < 200 && high - low > 1e-10 * Math.max(high, 1e-300); i++) {
    const middle = (low + high) / 2;
    if (posteriorCdf(middle, theta, n, e, weight) < probability) {
      low = middle;
    } else {
      high = middle;
    }
  }
  return (low + high) / 2;
}

// ---------------------------------------------------------------------------------------------------------
// Fast path
// ---------------------------------------------------------------------------------------------------------

/** One pair's posterior: weight w on Gamma(a1, b1), 1 − w on Gamma(a2, b2); c1, c2 their kernel constants. */
interface Posterior {
  w: number;
  a1: number;
  b1: number;
  c1: number;
  a2: number;
  b2: number;
  c2: number;
}

/** Standard normal quantile, Abramowitz & Stegun 26.2.23 (error below 5e-4): only a starting point. */
function roughNormalQuantile(probability: number): number {
  const tail = probability < 0.5 ? probability : 1 - probability;
  const t = sqrt(-2 * log(tail));
  const z = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  return probability < 0.5 ? -z : z;
}

/**
 * ln of a starting guess for the `probability` quantile of Gamma(a, rate b): Wilson–Hilferty's cube-root
 * normal approximation, or — where that goes negative (small a, low quantile) — the small-y limit
 * P(a, y) ≈ yᵃ / Γ(a + 1).
 */
function logQuantileGuess(probability: number, z: number, a: number, b: number): number {
  const base = 1 - 1 / (9 * a) + z / (3 * sqrt(a));
  const logY = base > 0.1 ? log(a) + 3 * log(base) : (log(probability) + lnGamma(a + 1)) / a;
  return logY - log(b);
}

const QUANTILE_TOLERANCE = 1e-9;
const QUANTILE_MAX_ITERATIONS = 300;
/**
 * A component with a smaller posterior weight is left out of the CDF: it changes it by less than its rounding
 * error near the 5% and 95% quantiles. (Under a near-point-mass prior Qn can be 1e-30 for every pair.)
 */
const NEGLIGIBLE_WEIGHT = 1e-18;

/**
 * The `probability` quantile of the posterior mixture, solving F(eᵗ) = probability for t = ln x by Halley's
 * method (in t the CDF is close to a normal CDF, and both derivatives are cheap: dP(a, bx)/dt is the kernel
 * yᵃe^−y/Γ(a), its derivative kernel·(a − y)). Every CDF value narrows a bracket around the root; a step
 * that leaves the bracket — as happens on the flat stretch between two well-separated components — is
 * replaced by bisection in t, or by a growing step while one side is still open. Stops when the step is
 * below 1e-9 in t, i.e. a relative change of x of 1e-9 (the error left is then far smaller, the iteration
 * converging at least quadratically).
 */
function mixtureQuantile(probability: number, z: number, post: Posterior): number {
  const { w, a1, b1, c1, a2, b2, c2 } = post;
  let t = w >= 0.5 ? logQuantileGuess(probability, z, a1, b1) : logQuantileGuess(probability, z, a2, b2);
  let low = NEGATIVE_INFINITY;
  let high = POSITIVE_INFINITY;
  let stride = 1;
  for (let iteration = 0; iteration < QUANTILE_MAX_ITERATIONS; iteration++) {
    const x = exp(t);
    let excess = -probability;
    let slope = 0;
    let curvature = 0;
    if (w > NEGLIGIBLE_WEIGHT) {
      const y = b1 * x;
      const kernel = exp(logGammaKernel(a1, y, c1));
      excess += w * gammaP(a1, y, kernel, c1);
      slope += w * kernel;
      curvature += w * kernel * (a1 - y);
    }
    if (1 - w > NEGLIGIBLE_WEIGHT) {
      const y = b2 * x;
      const kernel = exp(logGammaKernel(a2, y, c2));
      excess += (1 - w) * gammaP(a2, y, kernel, c2);
      slope += (1 - w) * kernel;
      curvature += (1 - w) * kernel * (a2 - y);
    }
    if (excess === 0) {
      return x;
    }
    if (excess < 0) {
      low = t;
    } else {
      high = t;
    }
    const newton = -excess / slope;
    const halleyFactor = 1 + (0.5 * newton * curvature) / slope;
    // Halley's correction only where it is a modest one; far from the root it can point anywhere.
    const step = halleyFactor > 0.5 && halleyFactor < 2 ? newton / halleyFactor : newton;
    let next = t + step;
    if (!(next > low && next < high)) {
      if (isFiniteNumber(low) && isFiniteNumber(high)) {
        next = 0.5 * (low + high);
      } else {
        next = isFiniteNumber(low) ? t + stride : t - stride;
        stride *= 2;
      }
    }
    if (abs(next - t) <= QUANTILE_TOLERANCE || high - low <= QUANTILE_TOLERANCE) {
      return exp(next);
    }
    t = next;
  }
  return exp(t);
}

const Z05 = roughNormalQuantile(0.05);
const Z95 = roughNormalQuantile(0.95);

/** ln((1−P)/P): the prior log-odds of the second component (0 when P is 0 or 1, which skip it). */
function logPriorOdds(theta: Hyperparameters): number {
  return theta.p === 0 || theta.p === 1 ? 0 : log1p(-theta.p) - log(theta.p);
}

/**
 * ln of one component's negative binomial probability of n at E, without the factor Eⁿ/n! that both share:
 * ln Γ(α+n) − ln Γ(α) − α ln(1 + E/β) − n ln(β + E). Written with ln(1 + E/β) so that it stays accurate for a
 * component close to a point mass (α, β huge).
 */
function logComponentMarginal(alpha: number, beta: number, n: number, e: number, logShifted: number): number {
  return lnGammaRatio(alpha, n) - alpha * log1p(e / beta) - n * logShifted;
}

/** Qn = 1 / (1 + ((1−P)/P) · f2(n)/f1(n)) (DuMouchel 1999, eq. 6). */
function posteriorWeight(theta: Hyperparameters, logOdds: number, n: number, e: number, logB1: number, logB2: number): number {
  if (theta.p === 0 || theta.p === 1) {
    return theta.p;
  }
  const first = logComponentMarginal(theta.alpha1, theta.beta1, n, e, logB1);
  const second = logComponentMarginal(theta.alpha2, theta.beta2, n, e, logB2);
  return logistic(logOdds + second - first);
}

interface PairScores {
  qn: number;
  ebgm: number;
  eb05: number;
  eb95: number;
}

function scorePair(theta: Hyperparameters, logOdds: number, n: number, e: number): PairScores {
  const a1 = theta.alpha1 + n;
  const b1 = theta.beta1 + e;
  const a2 = theta.alpha2 + n;
  const b2 = theta.beta2 + e;
  const logB1 = log(b1);
  const logB2 = log(b2);
  const w = posteriorWeight(theta, logOdds, n, e, logB1, logB2);
  const meanLog = (w > 0 ? w * (digamma(a1) - logB1) : 0) + (w < 1 ? (1 - w) * (digamma(a2) - logB2) : 0);
  const post: Posterior = { w, a1, b1, c1: kernelConstant(a1), a2, b2, c2: kernelConstant(a2) };
  return { qn: w, ebgm: exp(meanLog), eb05: mixtureQuantile(0.05, Z05, post), eb95: mixtureQuantile(0.95, Z95, post) };
}

/**
 * EBGM = exp(Qn(ψ(α1+N) − ln(β1+E)) + (1−Qn)(ψ(α2+N) − ln(β2+E))), with EB05 and EB95 — the same code as
 * {@link scorePairs}, so a pair scored alone (the `stats ebgm` command) gets exactly the figures of a run.
 */
export function ebgmScores(theta: Hyperparameters, n: number, e: number): EbgmScores {
  checkHyperparameters(theta);
  checkCount(n, e);
  return { n, e, ...scorePair(theta, logPriorOdds(theta), n, e) };
}

export interface PairScoreColumns {
  qn: Float64Array;
  ebgm: Float64Array;
  eb05: Float64Array;
  eb95: Float64Array;
}

/**
 * Qn, EBGM, EB05 and EB95 for many pairs (n[i], e[i]) under one prior, as columns. EB05/EB95 agree with
 * {@link posteriorQuantile} to about 1e-9 relative; a pair costs about two microseconds, whatever its count.
 */
export function scorePairs(theta: Hyperparameters, n: ArrayLike<number>, e: ArrayLike<number>): PairScoreColumns {
  checkHyperparameters(theta);
  if (n.length !== e.length) {
    throw new EbgmInputError('e', `must have one expected count per count (${e.length} for ${n.length})`);
  }
  const logOdds = logPriorOdds(theta);
  const size = n.length;
  const out: PairScoreColumns = { qn: new Float64Array(size), ebgm: new Float64Array(size), eb05: new Float64Array(size), eb95: new Float64Array(size) };
  for (let i = 0; i < size; i++) {
    const count = n[i] ?? NaN;
    const expected = e[i] ?? NaN;
    if (!(isIntegerNumber(count) && count >= 0 && isFiniteNumber(expected) && expected > 0)) {
      checkCount(count, expected, ` at index ${i}`);
    }
    const scores = scorePair(theta, logOdds, count, expected);
    out.qn[i] = scores.qn;
    out.ebgm[i] = scores.ebgm;
    out.eb05[i] = scores.eb05;
    out.eb95[i] = scores.eb95;
  }
  return out;
}
