/**
 * Benchmark of the gamma–Poisson shrinker over every pair of a database: the prior fit (`fitPrior`: openEBGM's
 * autoSquash, then the truncated likelihood maximised by BFGS) and the scores of all pairs (`scorePairs`:
 * Qn, EBGM, EB05, EB95). Pure computation: no database, no Nest.
 *
 *   npx swc bench src -d dist/bench --quiet && node dist/bench/bench/ebgm.js [--pairs <file>] [--min-count 3] [--compare]
 *
 * --pairs <file>  CSV of `n,e` lines (count N ≥ min-count, expected count E > 0; a header line is skipped), e.g.
 *                 the pairs of a disproportionality run. Without it: a deterministic synthetic set (--synthetic
 *                 <count>, default 650,000 pairs) drawn from the truncated model itself — E from a Lomax
 *                 distribution shaped like FAERS pairs' (median ≈ 4.5, a power-law tail), then N from the
 *                 prior of DuMouchel (1999) truncated at N ≥ min-count — so the fit has a known answer.
 * --compare       also fits with the existing Nelder–Mead `fitHyperparameters` on the same squashed data (slow),
 *                 compares negative log-likelihoods on the squashed and on the unsquashed data, and checks
 *                 EB05/EB95 of a sample against the bisection reference `posteriorQuantile`.
 *
 * Timings are single runs, wall clock (performance.now) on one thread; fit time includes checking the input
 * and squashing. Peak RSS is the process's maximum resident set size (getrusage) after fitting and scoring.
 */
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { SeededRandom } from '../src/common/seeded-random';
import { type Hyperparameters, posteriorQuantile, scorePairs } from '../src/signals/ebgm';
import { fitHyperparameters, negativeLogLikelihood, type SquashedPoint } from '../src/signals/ebgm-fit';
import { autoSquash, fitPrior } from '../src/signals/ebgm-prior';

// Bound once, as in src/signals: looking up `Math` in a hot loop is slow in vm contexts.
const { abs, cos, exp, floor, log, log1p, max, PI, pow, round, sqrt } = Math;

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}

interface Pairs {
  n: Float64Array;
  e: Float64Array;
  source: string;
}

/** Reads `n,e` lines; a first line that is not numeric is taken for a header. */
function readPairs(path: string): Pairs {
  const lines = readFileSync(path, 'utf8').split('\n');
  const n = new Float64Array(lines.length);
  const e = new Float64Array(lines.length);
  let size = 0;
  lines.forEach((line, index) => {
    const comma = line.indexOf(',');
    if (line.trim() === '' || (index === 0 && !/^\s*\d/.test(line))) {
      return;
    }
    n[size] = Number(line.slice(0, comma));
    e[size] = Number(line.slice(comma + 1));
    size++;
  });
  return { n: n.slice(0, size), e: e.slice(0, size), source: path };
}

// ---------------------------------------------------------------------------------------------------------
// Synthetic pairs
// ---------------------------------------------------------------------------------------------------------

/** DuMouchel's (1999) estimates for FDA's SRS: the prior the synthetic counts are drawn from. */
const SYNTHETIC_PRIOR: Hyperparameters = { alpha1: 0.2041, beta1: 0.05816, alpha2: 1.415, beta2: 1.838, p: 0.0651 };

class Sampler extends SeededRandom {
  normal(): number {
    // Box–Muller; 1 − next() avoids ln 0.
    return sqrt(-2 * log(1 - this.next())) * cos(2 * PI * this.next());
  }

  /** Gamma(shape, rate): Marsaglia & Tsang (2000), with the u^(1/shape) boost below shape 1. */
  gamma(shape: number, rate: number): number {
    if (shape < 1) {
      return this.gamma(shape + 1, rate) * pow(1 - this.next(), 1 / shape);
    }
    const d = shape - 1 / 3;
    const c = 1 / sqrt(9 * d);
    for (;;) {
      const z = this.normal();
      const v = (1 + c * z) ** 3;
      if (v > 0 && log(1 - this.next()) < 0.5 * z * z + d - d * v + d * log(v)) {
        return (d * v) / rate;
      }
    }
  }

  /** Poisson(mean) by inversion below a mean of 500, a rounded normal above (a benchmark, not a study). */
  poisson(mean: number): number {
    if (mean >= 500) {
      return max(0, round(mean + sqrt(mean) * this.normal()));
    }
    const u = this.next();
    let k = 0;
    let probability = exp(-mean);
    let cumulative = probability;
    while (u > cumulative && k < 10_000) {
      k++;
      probability *= mean / k;
      cumulative += probability;
    }
    return k;
  }

  /**
   * N from one prior component's negative binomial truncated at N ≥ minCount: by inversion of its tail when
   * the mean is moderate (the pmf recurrence f(k+1) = f(k)(α+k)/(k+1)·r), otherwise λ ~ Gamma, N ~ Poisson(λE),
   * redrawn until N ≥ minCount (then rare).
   */
  truncatedNegativeBinomial(alpha: number, beta: number, e: number, minCount: number): number {
    if ((alpha * e) / beta > 500) {
      for (;;) {
        const n = this.poisson(this.gamma(alpha, beta) * e);
        if (n >= minCount) {
          return n;
        }
      }
    }
    const r = e / (beta + e);
    let pmf = exp(-alpha * log1p(e / beta));
    let head = 0;
    for (let k = 0; k < minCount; k++) {
      head += pmf;
      pmf *= ((alpha + k) / (k + 1)) * r;
    }
    const target = this.next() * (1 - head);
    let k = minCount;
    let cumulative = pmf;
    while (cumulative < target && k < 1_000_000) {
      pmf *= ((alpha + k) / (k + 1)) * r;
      k++;
      cumulative += pmf;
    }
    return k;
  }
}

/**
 * `count` pairs from the truncated model: E = 0.01 + 6.1·((1−u)^(−1/1.26) − 1) (Lomax: median ≈ 4.5, 99th and
 * 99.9th percentiles ≈ 230 and 1,500, close to the FAERS-shaped benchmark's 175 and 1,170), then a component
 * (the first with probability P, openEBGM's convention for the truncated mixture) and N from it.
 */
function syntheticPairs(count: number, minCount: number, seed: number): Pairs {
  const random = new Sampler(seed);
  const n = new Float64Array(count);
  const e = new Float64Array(count);
  const { alpha1, beta1, alpha2, beta2, p } = SYNTHETIC_PRIOR;
  for (let i = 0; i < count; i++) {
    const expected = 0.01 + 6.1 * (pow(1 - random.next(), -1 / 1.26) - 1);
    const first = random.next() < p;
    e[i] = expected;
    n[i] = first ? random.truncatedNegativeBinomial(alpha1, beta1, expected, minCount) : random.truncatedNegativeBinomial(alpha2, beta2, expected, minCount);
  }
  return { n, e, source: `synthetic: ${count.toLocaleString('en')} pairs, seed ${seed}, prior ${JSON.stringify(SYNTHETIC_PRIOR)}` };
}

// ---------------------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------------------

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

function formatTheta(theta: Hyperparameters): string {
  const figure = (v: number): string => v.toPrecision(6);
  return `α1 ${figure(theta.alpha1)}, β1 ${figure(theta.beta1)}, α2 ${figure(theta.alpha2)}, β2 ${figure(theta.beta2)}, P ${figure(theta.p)}`;
}

function unsquashed(pairs: Pairs): SquashedPoint[] {
  return Array.from(pairs.n, (n, i) => ({ n, e: pairs.e[i] ?? 0, weight: 1 }));
}

/** Largest relative difference of scorePairs' EB05/EB95 from the bisection reference, on every step-th pair. */
function quantileCheck(theta: Hyperparameters, pairs: Pairs, eb05: Float64Array, eb95: Float64Array, samples: number): string {
  // jStat's incomplete gamma (inside the reference) needs about 0.4·a terms: hopeless for a near-point-mass prior.
  if (max(theta.alpha1, theta.alpha2) > 1e4) {
    return 'skipped: the bisection reference (jStat) cannot handle prior shapes above 1e4';
  }
  const step = max(1, floor(pairs.n.length / samples));
  let worst = 0;
  let checked = 0;
  for (let i = 0; i < pairs.n.length; i += step) {
    const n = pairs.n[i] ?? 0;
    const e = pairs.e[i] ?? 0;
    worst = max(worst, abs((eb05[i] ?? 0) / posteriorQuantile(0.05, theta, n, e) - 1), abs((eb95[i] ?? 0) / posteriorQuantile(0.95, theta, n, e) - 1));
    checked++;
  }
  return `largest relative difference from posteriorQuantile (bisection, jStat) on ${checked} pairs: ${worst.toExponential(2)}`;
}

function compare(pairs: Pairs, minCount: number, fitted: Hyperparameters, fittedValue: number): void {
  const squashed = autoSquash(pairs.n, pairs.e);
  const start = performance.now();
  const reference = fitHyperparameters(squashed, { minCount });
  const referenceMs = performance.now() - start;
  const all = unsquashed(pairs);
  const rows: [string, Hyperparameters][] = [
    ['fitPrior', fitted],
    ['fitHyperparameters (Nelder–Mead, 5 starts)', reference.theta],
  ];
  console.log(`\nComparison on the same squashed data (${squashed.length.toLocaleString('en')} points):`);
  console.log(`  fitHyperparameters took ${seconds(referenceMs)}, converged ${String(reference.converged)}: ${formatTheta(reference.theta)}`);
  console.log('  −log L by the reference negativeLogLikelihood (squashed | unsquashed):');
  const values = rows.map(([label, theta]) => {
    const onSquashed = negativeLogLikelihood(theta, squashed, { minCount });
    const onAll = negativeLogLikelihood(theta, all, { minCount });
    console.log(`    ${label.padEnd(44)} ${onSquashed.toFixed(6)} | ${onAll.toFixed(6)}`);
    return [onSquashed, onAll] as const;
  });
  const [mine, theirs] = values;
  if (mine !== undefined && theirs !== undefined) {
    const relative = (a: number, b: number): string => ((a - b) / abs(b)).toExponential(2);
    console.log(`  fitPrior − fitHyperparameters, relative (negative: fitPrior better): ${relative(mine[0], theirs[0])} | ${relative(mine[1], theirs[1])}`);
  }
  console.log(`  (fitPrior's own value on the squashed data: ${fittedValue.toFixed(6)})`);
}

function main(): void {
  const minCount = Number(option('min-count') ?? 3);
  const file = option('pairs');
  const readStart = performance.now();
  const pairs = file === undefined ? syntheticPairs(Number(option('synthetic') ?? 650_000), minCount, 20_240_601) : readPairs(file);
  const readMs = performance.now() - readStart;
  console.log('EBGM for every pair: prior fit (fitPrior) and scores (scorePairs), one thread, wall clock of a single run');
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
  console.log(`input: ${pairs.source} (${file === undefined ? 'generated' : 'read'} in ${seconds(readMs)})`);

  const fitStart = performance.now();
  const fit = fitPrior(pairs.n, pairs.e, { minCount });
  const fitMs = performance.now() - fitStart;
  const scoreStart = performance.now();
  const scores = scorePairs(fit.theta, pairs.n, pairs.e);
  const scoreMs = performance.now() - scoreStart;
  const peakRss = process.resourceUsage().maxRSS * 1024;

  let alerts = 0;
  for (let i = 0; i < scores.eb05.length; i++) {
    alerts += (scores.eb05[i] ?? 0) >= 2 ? 1 : 0;
  }
  console.log(`pairs: ${fit.pairs.toLocaleString('en')}; squashed points: ${fit.squashedPoints.toLocaleString('en')}`);
  console.log(`fit: ${seconds(fitMs)} (${fit.startsTried} starts, ${fit.iterations} iterations, ${fit.evaluations} likelihood+gradient evaluations)`);
  console.log(`  θ: ${formatTheta(fit.theta)}`);
  console.log(`  −log L (squashed): ${fit.negLogLikelihood.toFixed(4)}; converged within openEBGM bounds: ${String(fit.converged)}; starts agreed: ${String(fit.agreed)}`);
  console.log(`  method: ${fit.method}`);
  if (file === undefined) {
    const squashed = autoSquash(pairs.n, pairs.e);
    console.log(`  −log L at the prior the data were drawn from: ${negativeLogLikelihood(SYNTHETIC_PRIOR, squashed, { minCount }).toFixed(4)}`);
  }
  console.log(`scores: ${seconds(scoreMs)} for ${scores.ebgm.length.toLocaleString('en')} pairs (${((scoreMs * 1000) / scores.ebgm.length).toFixed(2)} µs per pair); EB05 ≥ 2 for ${alerts.toLocaleString('en')}`);
  console.log(`  ${quantileCheck(fit.theta, pairs, scores.eb05, scores.eb95, 200)}`);
  console.log(`peak RSS: ${(peakRss / 2 ** 20).toFixed(0)} MB`);
  if (process.argv.includes('--compare')) {
    compare(pairs, minCount, fit.theta, fit.negLogLikelihood);
  }
}

main();
