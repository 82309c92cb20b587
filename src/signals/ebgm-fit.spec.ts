import { EbgmInputError, Hyperparameters, checkHyperparameters, logNegativeBinomial } from './ebgm';
import { CountPoint, DEFAULT_STARTING_POINTS, SquashedPoint, fitHyperparameters, negativeLogLikelihood, squash } from './ebgm-fit';

/** mulberry32: a tiny seeded PRNG returning uniforms in [0, 1). */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gamma(shape, rate) for a whole-number shape: the sum of `shape` Exp(rate) draws. */
function sampleGammaIntegerShape(random: () => number, shape: number, rate: number): number {
  let sum = 0;
  for (let i = 0; i < shape; i++) {
    sum -= Math.log(1 - random());
  }
  return sum / rate;
}

/** Poisson(mean) by inversion of the CDF. */
function samplePoisson(random: () => number, mean: number): number {
  const u = random();
  let k = 0;
  let probability = Math.exp(-mean);
  let cdf = probability;
  while (u > cdf && k < 10_000) {
    k++;
    probability *= mean / k;
    cdf += probability;
  }
  return k;
}

/** Field named by the EbgmInputError `run` throws (fails the test if it throws anything else or nothing). */
function fieldOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(EbgmInputError);
    return (error as EbgmInputError).field;
  }
  throw new Error('expected an EbgmInputError');
}

function sumBy<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((sum, item) => sum + value(item), 0);
}

describe('squash', () => {
  /** 3000 pairs with N = 1, 700 with N = 2, 40 with N = 3; E spread pseudo-randomly. */
  function manyPoints(): CountPoint[] {
    const random = mulberry32(7);
    const sizes: [number, number][] = [
      [1, 3000],
      [2, 700],
      [3, 40],
    ];
    return sizes.flatMap(([n, size]) => Array.from({ length: size }, () => ({ n, e: 0.01 + 3 * random() })));
  }

  it('keeps the total weight per N equal to the number of pairs and preserves Σ weight·E per N', () => {
    const points = manyPoints();
    for (const options of [{}, { binSize: 7, keepPoints: 13, minBins: 2, minPoints: 20 }]) {
      const squashed = squash(points, options);
      expect(sumBy(squashed, (p) => p.weight)).toBe(points.length);
      for (const n of [1, 2, 3]) {
        const original = points.filter((p) => p.n === n);
        const reduced = squashed.filter((p) => p.n === n);
        expect(sumBy(reduced, (p) => p.weight)).toBe(original.length);
        expect(sumBy(reduced, (p) => p.weight * p.e)).toBeCloseTo(sumBy(original, (p) => p.e), 8);
      }
    }
  });

  it("with openEBGM's defaults squashes only counts with ≥ 500 pairs and ≥ 50 bins, keeping the 100 largest E", () => {
    const points = manyPoints();
    const squashed = squash(points);
    const ones = squashed.filter((p) => p.n === 1);
    // 3000 − 100 kept = 2900 = 58 bins of 50, then the 100 largest E unsquashed.
    expect(ones).toHaveLength(58 + 100);
    expect(ones.slice(0, 58).every((p) => p.weight === 50)).toBe(true);
    const largest = points
      .filter((p) => p.n === 1)
      .map((p) => p.e)
      .sort((a, b) => a - b)
      .slice(-100);
    expect(ones.slice(58).map((p) => p.e)).toEqual(largest);
    expect(ones.slice(58).every((p) => p.weight === 1)).toBe(true);
    // 700 pairs give only 14 bins of 50 (< min_bin = 50) and 40 < min_pts = 500: left unsquashed.
    expect(squashed.filter((p) => p.n === 2)).toEqual(points.filter((p) => p.n === 2).map((p) => ({ ...p, weight: 1 })));
    expect(squashed.filter((p) => p.n === 3)).toHaveLength(40);
    // Ordered by N.
    expect(squashed.map((p) => p.n)).toEqual([...squashed.map((p) => p.n)].sort((a, b) => a - b));
  });

  it('bins consecutive sorted E values, the last bin partial, and keeps the largest E as they are', () => {
    const es = [5, 1, 3, 2, 4, 6, 7, 0.5];
    const points = [...es.map((e) => ({ n: 1, e })), { n: 2, e: 9 }];
    const squashed = squash(points, { binSize: 3, keepPoints: 1, minBins: 2, minPoints: 2 });
    // Sorted: 0.5 1 2 | 3 4 5 | 6 | kept 7.
    expect(squashed.filter((p) => p.n === 1)).toEqual([
      { n: 1, e: (0.5 + 1 + 2) / 3, weight: 3 },
      { n: 1, e: (3 + 4 + 5) / 3, weight: 3 },
      { n: 1, e: 6, weight: 1 },
      { n: 1, e: 7, weight: 1 },
    ]);
    expect(squashed.filter((p) => p.n === 2)).toEqual([{ n: 2, e: 9, weight: 1 }]);
  });

  it('leaves counts above maxCount unsquashed', () => {
    const points = Array.from({ length: 20 }, (_, i) => [
      { n: 1, e: i + 1 },
      { n: 2, e: i + 1 },
    ]).flat();
    const squashed = squash(points, { binSize: 5, keepPoints: 0, minBins: 1, minPoints: 1, maxCount: 1 });
    expect(squashed.filter((p) => p.n === 1)).toHaveLength(4);
    expect(squashed.filter((p) => p.n === 2)).toHaveLength(20);
  });

  it('rejects bad input, naming the field', () => {
    expect(fieldOf(() => squash([]))).toBe('points');
    expect(fieldOf(() => squash([{ n: -1, e: 1 }]))).toBe('n');
    expect(fieldOf(() => squash([{ n: 1.5, e: 1 }]))).toBe('n');
    expect(fieldOf(() => squash([{ n: 1, e: 0 }]))).toBe('e');
    expect(fieldOf(() => squash([{ n: 1, e: Number.NaN }]))).toBe('e');
    expect(fieldOf(() => squash([{ n: 1, e: 1 }], { binSize: 1 }))).toBe('binSize');
    expect(fieldOf(() => squash([{ n: 1, e: 1 }], { keepPoints: -1 }))).toBe('keepPoints');
  });
});

describe('negativeLogLikelihood', () => {
  const theta: Hyperparameters = { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 1 / 3 };
  const points: SquashedPoint[] = [
    { n: 1, e: 0.5, weight: 2 },
    { n: 2, e: 1.3, weight: 1 },
    { n: 5, e: 0.2, weight: 3 },
  ];
  const pmf = (n: number, alpha: number, beta: number, e: number): number => Math.exp(logNegativeBinomial(n, alpha, beta, e));

  it('matches a hand computation of negLLsquash with N* = 1 (each component truncated at N ≥ 1)', () => {
    let expected = 0;
    for (const { n, e, weight } of points) {
      const f1 = pmf(n, theta.alpha1, theta.beta1, e) / (1 - (theta.beta1 / (theta.beta1 + e)) ** theta.alpha1);
      const f2 = pmf(n, theta.alpha2, theta.beta2, e) / (1 - (theta.beta2 / (theta.beta2 + e)) ** theta.alpha2);
      expected -= weight * Math.log(theta.p * f1 + (1 - theta.p) * f2);
    }
    expect(negativeLogLikelihood(theta, points)).toBeCloseTo(expected, 10);
    expect(negativeLogLikelihood(theta, points, { truncated: true, minCount: 1 })).toBeCloseTo(expected, 10);
  });

  it('matches a hand computation with N* = 2 (1 − F(1) = 1 − f(0) − f(1))', () => {
    const atLeastTwo = points.filter((p) => p.n >= 2);
    let expected = 0;
    for (const { n, e, weight } of atLeastTwo) {
      const tail1 = 1 - pmf(0, theta.alpha1, theta.beta1, e) - pmf(1, theta.alpha1, theta.beta1, e);
      const tail2 = 1 - pmf(0, theta.alpha2, theta.beta2, e) - pmf(1, theta.alpha2, theta.beta2, e);
      const mixture = (theta.p * pmf(n, theta.alpha1, theta.beta1, e)) / tail1 + ((1 - theta.p) * pmf(n, theta.alpha2, theta.beta2, e)) / tail2;
      expected -= weight * Math.log(mixture);
    }
    expect(negativeLogLikelihood(theta, atLeastTwo, { minCount: 2 })).toBeCloseTo(expected, 10);
  });

  it('matches negLLzeroSquash when not truncated, zeros included', () => {
    const withZero = [...points, { n: 0, e: 0.7, weight: 4 }];
    const expected = -sumBy(withZero, ({ n, e, weight }) => weight * Math.log(theta.p * pmf(n, theta.alpha1, theta.beta1, e) + (1 - theta.p) * pmf(n, theta.alpha2, theta.beta2, e)));
    expect(negativeLogLikelihood(theta, withZero, { truncated: false })).toBeCloseTo(expected, 10);
  });

  it('rejects bad input, naming the field', () => {
    expect(fieldOf(() => negativeLogLikelihood(theta, []))).toBe('squashed');
    expect(fieldOf(() => negativeLogLikelihood(theta, [{ n: 1, e: 1, weight: 0 }]))).toBe('weight');
    expect(fieldOf(() => negativeLogLikelihood(theta, [{ n: 1, e: 1, weight: -2 }]))).toBe('weight');
    expect(fieldOf(() => negativeLogLikelihood(theta, [{ n: 1, e: -1, weight: 1 }]))).toBe('e');
    expect(fieldOf(() => negativeLogLikelihood(theta, [{ n: 1.2, e: 1, weight: 1 }]))).toBe('n');
    // A zero count cannot appear in data truncated at N ≥ 1.
    expect(fieldOf(() => negativeLogLikelihood(theta, [{ n: 0, e: 1, weight: 1 }]))).toBe('n');
    expect(fieldOf(() => negativeLogLikelihood(theta, points, { minCount: 0 }))).toBe('minCount');
    expect(fieldOf(() => negativeLogLikelihood({ ...theta, beta2: 0 }, points))).toBe('beta2');
  });
});

describe('fitHyperparameters', () => {
  // Most pairs have λ near 1 (Gamma(4, 4)); a fifth come from a high-λ component (Gamma(2, 0.5), mean 4).
  const truth: Hyperparameters = { alpha1: 4, beta1: 4, alpha2: 2, beta2: 0.5, p: 0.8 };
  const priorMean = (theta: Hyperparameters): number => (theta.p * theta.alpha1) / theta.beta1 + ((1 - theta.p) * theta.alpha2) / theta.beta2;

  /** Pairs with N ≥ 1 simulated from `truth`: λ from the gamma mixture, E on a fixed grid, N ~ Poisson(λE). */
  function simulate(pairs: number, seed: number): CountPoint[] {
    const random = mulberry32(seed);
    const points: CountPoint[] = [];
    for (let i = 0; i < pairs; i++) {
      const e = 0.05 * (1 + (i % 40));
      const lambda = random() < truth.p ? sampleGammaIntegerShape(random, truth.alpha1, truth.beta1) : sampleGammaIntegerShape(random, truth.alpha2, truth.beta2);
      const n = samplePoisson(random, lambda * e);
      if (n >= 1) {
        points.push({ n, e });
      }
    }
    return points;
  }

  const squashed = squash(simulate(4000, 2024), { binSize: 10, keepPoints: 30, minBins: 5, minPoints: 100 });
  const fit = fitHyperparameters(squashed);

  it('finds a likelihood at least as good as the true θ (the defining property of an MLE)', () => {
    expect(fit.converged).toBe(true);
    expect(fit.negLogLikelihood).toBeLessThanOrEqual(negativeLogLikelihood(truth, squashed) + 1e-6);
    // The reported value is the objective at the reported θ.
    expect(fit.negLogLikelihood).toBeCloseTo(negativeLogLikelihood(fit.theta, squashed), 8);
    // And no starting point itself beats it.
    for (const start of DEFAULT_STARTING_POINTS) {
      expect(fit.negLogLikelihood).toBeLessThanOrEqual(negativeLogLikelihood(start, squashed));
    }
  });

  it("recovers the prior's mean and satisfies every constraint", () => {
    expect(Math.abs(priorMean(fit.theta) / priorMean(truth) - 1)).toBeLessThan(0.15);
    expect(() => checkHyperparameters(fit.theta)).not.toThrow();
    for (const value of [fit.theta.alpha1, fit.theta.beta1, fit.theta.alpha2, fit.theta.beta2]) {
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThan(100);
    }
    expect(fit.theta.p).toBeGreaterThan(0);
    expect(fit.theta.p).toBeLessThan(1);
    expect(DEFAULT_STARTING_POINTS).toContain(fit.start);
    expect(fit.iterations).toBeLessThanOrEqual(5000);
  });

  it('is deterministic', () => {
    expect(fitHyperparameters(squashed)).toEqual(fit);
  });

  it('respects the iteration bound, reporting non-convergence', () => {
    const bounded = fitHyperparameters(squashed, { maxIterations: 5 });
    expect(bounded.iterations).toBeLessThanOrEqual(5);
    expect(bounded.converged).toBe(false);
  });

  it('rejects bad input, naming the field', () => {
    expect(fieldOf(() => fitHyperparameters([]))).toBe('squashed');
    expect(fieldOf(() => fitHyperparameters([{ n: 1, e: 1, weight: 0 }]))).toBe('weight');
    expect(fieldOf(() => fitHyperparameters([{ n: -1, e: 1, weight: 1 }]))).toBe('n');
    expect(fieldOf(() => fitHyperparameters([{ n: 2, e: 0, weight: 1 }]))).toBe('e');
    expect(fieldOf(() => fitHyperparameters(squashed, { startingPoints: [] }))).toBe('startingPoints');
    expect(fieldOf(() => fitHyperparameters(squashed, { startingPoints: [{ ...truth, p: 1 }] }))).toBe('p');
    expect(fieldOf(() => fitHyperparameters(squashed, { maxIterations: 0 }))).toBe('maxIterations');
  });
});
