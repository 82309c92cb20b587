/**
 * DuMouchel's gamma–Poisson shrinker (pharmacovigilance §6, as in FDA's openEBGM): the prior on the relative
 * reporting ratio λ is the mixture P·Gamma(α1, β1) + (1−P)·Gamma(α2, β2) (shape, rate); N | λ ~ Poisson(λE).
 * Given the hyperparameters, each pair's posterior is a mixture of Gamma(α1+N, β1+E) and Gamma(α2+N, β2+E)
 * with weight Qn; EBGM is the exponential of the posterior mean of ln λ, EB05/EB95 its 5%/95% quantiles.
 * Pure functions.
 */
import { jStat } from 'jstat';

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
    if (!(Number.isFinite(theta[field]) && theta[field] > 0)) {
      throw new EbgmInputError(field, `must be a positive number (got ${theta[field]})`);
    }
  }
  if (!(Number.isFinite(theta.p) && theta.p >= 0 && theta.p <= 1)) {
    throw new EbgmInputError('p', `must lie between 0 and 1 (got ${theta.p})`);
  }
}

function checkCount(n: number, e: number): void {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new EbgmInputError('n', `must be a whole number of reports, 0 or more (got ${n})`);
  }
  if (!(Number.isFinite(e) && e > 0)) {
    throw new EbgmInputError('e', `the expected count must be a positive number (got ${e})`);
  }
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
  const inv2 = 1 / (value * value);
  const series = inv2 * (1 / 12 - inv2 * (1 / 120 - inv2 * (1 / 252 - inv2 * (1 / 240 - inv2 * (1 / 132)))));
  return shift + Math.log(value) - 1 / (2 * value) - series;
}

/** ln of the negative binomial probability of n reports: the marginal of N under one gamma component. */
export function logNegativeBinomial(n: number, alpha: number, beta: number, e: number): number {
  return jStat.gammaln(alpha + n) - jStat.gammaln(alpha) - jStat.gammaln(n + 1) + alpha * Math.log(beta / (beta + e)) + n * Math.log(e / (beta + e));
}

/** Qn: the posterior probability that λ came from the first component, given N = n (DuMouchel 1999, eq. 6). */
export function qn(theta: Hyperparameters, n: number, e: number): number {
  if (theta.p === 0 || theta.p === 1) {
    return theta.p;
  }
  const first = Math.log(theta.p) + logNegativeBinomial(n, theta.alpha1, theta.beta1, e);
  const second = Math.log(1 - theta.p) + logNegativeBinomial(n, theta.alpha2, theta.beta2, e);
  // 1 / (1 + exp(second − first)), computed without overflow.
  return second > first ? Math.exp(first - second) / (1 + Math.exp(first - second)) : 1 / (1 + Math.exp(second - first));
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
 * own quantiles (the mixture's lies between them), to a relative precision of 1e-10.
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

/** EBGM = exp(Qn(ψ(α1+N) − ln(β1+E)) + (1−Qn)(ψ(α2+N) − ln(β2+E))), with EB05 and EB95. */
export function ebgmScores(theta: Hyperparameters, n: number, e: number): EbgmScores {
  checkHyperparameters(theta);
  checkCount(n, e);
  const weight = qn(theta, n, e);
  const meanLog = weight * (digamma(theta.alpha1 + n) - Math.log(theta.beta1 + e)) + (1 - weight) * (digamma(theta.alpha2 + n) - Math.log(theta.beta2 + e));
  return { n, e, qn: weight, ebgm: Math.exp(meanLog), eb05: posteriorQuantile(0.05, theta, n, e), eb95: posteriorQuantile(0.95, theta, n, e) };
}
