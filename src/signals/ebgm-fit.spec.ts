import { EbgmInputError, Hyperparameters, checkHyperparameters, logNegativeBinomial } from './ebgm';
import { CountPoint, DEFAULT_STARTING_POINTS, SquashedPoint, fitHyperparameters, negativeLogLikelihood, squash } from './ebgm-fit';
import { autoSquash, fitPrior } from './ebgm-prior';

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

describe('autoSquash', () => {
  /** 3000 pairs with N = 1, 700 with N = 2, 80 with N = 3 and 150 with N = 4; E spread pseudo-randomly. */
  function columns(): { n: number[]; e: number[] } {
    const random = mulberry32(11);
    const sizes: [number, number][] = [
      [1, 3000],
      [3, 80],
      [2, 700],
      [4, 150],
    ];
    const pairs = sizes.flatMap(([n, size]) => Array.from({ length: size }, () => ({ n, e: 0.01 + 5 * random() })));
    return { n: pairs.map((p) => p.n), e: pairs.map((p) => p.e) };
  }

  it('squashes each count as openEBGM autoSquash: points kept, super points and bin size by the count’s position', () => {
    const { n, e } = columns();
    const squashed = autoSquash(n, e);
    const weightsOf = (count: number): number[] => squashed.filter((p) => p.n === count).map((p) => p.weight);
    // N = 1 (first squashed count): keep 100; 2900 to squash < 10⁴ → 150 super points → bins of ⌊2900/150⌋ = 19.
    expect(weightsOf(1)).toEqual([...Array<number>(152).fill(19), 12, ...Array<number>(100).fill(1)]);
    // N = 2 (second): keep 75; 625 < 1000 → 75 super points → bins of ⌊625/75⌋ = 8.
    expect(weightsOf(2)).toEqual([...Array<number>(78).fill(8), 1, ...Array<number>(75).fill(1)]);
    // N = 3: 80 pairs, not more than max(keep) + 1 = 101: left as they are, in input order.
    expect(squashed.filter((p) => p.n === 3)).toEqual(n.flatMap((count, i) => (count === 3 ? [{ n: 3, e: e[i], weight: 1 }] : [])));
    // N = 4 (third squashed count): keep 50; 100 < 500 → 50 super points → bins of 2.
    expect(weightsOf(4)).toEqual([...Array<number>(50).fill(2), ...Array<number>(50).fill(1)]);
    expect(squashed.map((p) => p.n)).toEqual([...squashed.map((p) => p.n)].sort((a, b) => a - b));
    for (const count of [1, 2, 3, 4]) {
      const original = e.filter((_, i) => n[i] === count);
      const reduced = squashed.filter((p) => p.n === count);
      expect(sumBy(reduced, (p) => p.weight)).toBe(original.length);
      expect(sumBy(reduced, (p) => p.weight * p.e)).toBeCloseTo(sumBy(original, (value) => value), 8);
    }
  });

  it('gives for each count what squash gives with that count’s bin size and kept points', () => {
    const { n, e } = columns();
    const squashed = autoSquash(n, e);
    const points = n.map((count, i) => ({ n: count, e: e[i]! }));
    const expected = [
      ...squash(points.filter((p) => p.n === 1), { binSize: 19, keepPoints: 100, minBins: 1, minPoints: 1 }),
      ...squash(points.filter((p) => p.n === 2), { binSize: 8, keepPoints: 75, minBins: 1, minPoints: 1 }),
    ];
    for (const [actual, wanted] of squashed.filter((p) => p.n <= 2).map((p, i) => [p, expected[i]] as const)) {
      expect(actual.n).toBe(wanted?.n);
      expect(actual.weight).toBe(wanted?.weight);
      expect(actual.e).toBeCloseTo(wanted?.e ?? NaN, 12);
    }
  });

  it('rejects bad input, naming the field', () => {
    expect(fieldOf(() => autoSquash([], []))).toBe('n');
    expect(fieldOf(() => autoSquash([1, 2], [1]))).toBe('e');
    expect(fieldOf(() => autoSquash([1, 2.5], [1, 1]))).toBe('n');
    expect(fieldOf(() => autoSquash([1, 2], [1, -1]))).toBe('e');
    expect(fieldOf(() => autoSquash([1], [1], { superPoints: [50] }))).toBe('superPoints');
    expect(fieldOf(() => autoSquash([1], [1], { keepPoints: [] }))).toBe('keepPoints');
    expect(fieldOf(() => autoSquash([1], [1], { cutOffs: [0] }))).toBe('cutOffs');
  });
});

describe('fitPrior', () => {
  // Most pairs have λ near 1 (Gamma(4, 4)); a fifth come from a high-λ component (Gamma(2, 0.5), mean 4).
  const truth: Hyperparameters = { alpha1: 4, beta1: 4, alpha2: 2, beta2: 0.5, p: 0.8 };

  /** Pairs with N ≥ minCount: λ from `theta`'s mixture (or λ = 1 when `theta` is null), E on a grid, N ~ Poisson(λE). */
  function simulate(candidates: number, seed: number, minCount: number, theta: Hyperparameters | null): { n: number[]; e: number[] } {
    const random = mulberry32(seed);
    const n: number[] = [];
    const e: number[] = [];
    for (let i = 0; i < candidates; i++) {
      const expected = 0.1 * (1 + (i % 60));
      let lambda = 1;
      if (theta !== null) {
        lambda = random() < theta.p ? sampleGammaIntegerShape(random, theta.alpha1, theta.beta1) : sampleGammaIntegerShape(random, theta.alpha2, theta.beta2);
      }
      const count = samplePoisson(random, lambda * expected);
      if (count >= minCount) {
        n.push(count);
        e.push(expected);
      }
    }
    return { n, e };
  }

  const data = simulate(12_000, 2024, 3, truth);
  const squashed = autoSquash(data.n, data.e);
  const fit = fitPrior(data.n, data.e, { minCount: 3 });
  const thorough = fitHyperparameters(squashed, { minCount: 3 });

  it('reaches at least the likelihood of the thorough Nelder–Mead fit on the same squashed data, and of the truth', () => {
    expect(fit.converged).toBe(true);
    expect(fit.negLogLikelihood).toBeLessThanOrEqual(thorough.negLogLikelihood + 1e-6 * Math.abs(thorough.negLogLikelihood));
    expect(fit.negLogLikelihood).toBeLessThanOrEqual(negativeLogLikelihood(truth, squashed, { minCount: 3 }));
    // And on the unsquashed pairs too.
    const all = data.n.map((count, i) => ({ n: count, e: data.e[i]!, weight: 1 }));
    const mine = negativeLogLikelihood(fit.theta, all, { minCount: 3 });
    const theirs = negativeLogLikelihood(thorough.theta, all, { minCount: 3 });
    expect(mine).toBeLessThanOrEqual(theirs + 1e-6 * Math.abs(theirs));
  });

  it('reports the reference negative log-likelihood of its θ on the squashed data', () => {
    const reference = negativeLogLikelihood(fit.theta, squashed, { minCount: 3 });
    expect(Math.abs(fit.negLogLikelihood / reference - 1)).toBeLessThan(1e-10);
  });

  it('stops at a maximum: no small move of any hyperparameter improves the likelihood', () => {
    const moves: ((theta: Hyperparameters, step: number) => Hyperparameters)[] = [
      (t, s) => ({ ...t, alpha1: t.alpha1 * (1 + s) }),
      (t, s) => ({ ...t, beta1: t.beta1 * (1 + s) }),
      (t, s) => ({ ...t, alpha2: t.alpha2 * (1 + s) }),
      (t, s) => ({ ...t, beta2: t.beta2 * (1 + s) }),
      (t, s) => ({ ...t, p: t.p + s * t.p * (1 - t.p) }),
    ];
    const floor = fit.negLogLikelihood - 1e-9 * Math.abs(fit.negLogLikelihood);
    for (const move of moves) {
      for (const step of [-1e-3, 1e-3]) {
        expect(negativeLogLikelihood(move(fit.theta, step), squashed, { minCount: 3 })).toBeGreaterThanOrEqual(floor);
      }
    }
  });

  it('says what it did, for users', () => {
    expect(fit.pairs).toBe(data.n.length);
    expect(fit.squashedPoints).toBe(squashed.length);
    expect(fit.agreed).toBe(true);
    expect(fit.startsTried).toBeGreaterThanOrEqual(2);
    expect(fit.evaluations).toBeGreaterThanOrEqual(fit.iterations);
    expect(fit.method).toContain('autoSquash');
    expect(fit.method).toContain(`${data.n.length.toLocaleString('en')} pairs → ${squashed.length.toLocaleString('en')} points`);
    expect(fit.method).toContain('truncated at N ≥ 3');
    expect(fit.method).toContain('BFGS');
    expect(fit.method).not.toContain('outside');
  });

  it('is deterministic', () => {
    expect(fitPrior(data.n, data.e, { minCount: 3 })).toEqual(fit);
  });

  it('with minCount 0 maximises the untruncated likelihood (zeros included)', () => {
    const withZeros = simulate(3_000, 7, 0, truth);
    const squashedWithZeros = autoSquash(withZeros.n, withZeros.e);
    const untruncated = fitPrior(withZeros.n, withZeros.e, { minCount: 0 });
    const reference = negativeLogLikelihood(untruncated.theta, squashedWithZeros, { truncated: false });
    expect(Math.abs(untruncated.negLogLikelihood / reference - 1)).toBeLessThan(1e-10);
    expect(untruncated.method).toContain('untruncated');
    const nelderMead = fitHyperparameters(squashedWithZeros, { truncated: false });
    expect(untruncated.negLogLikelihood).toBeLessThanOrEqual(nelderMead.negLogLikelihood + 1e-6 * Math.abs(nelderMead.negLogLikelihood));
  });

  it('on data without overdispersion (λ = 1 for every pair) stops near a point mass, out of bounds, and says so', () => {
    const poisson = simulate(20_000, 5, 3, null);
    const edge = fitPrior(poisson.n, poisson.e, { minCount: 3 });
    expect(edge.converged).toBe(false);
    expect(edge.method).toContain('outside openEBGM bounds');
    // The dominant component is (nearly) a point mass at λ = 1.
    const dominant = edge.theta.p > 0.5 ? { alpha: edge.theta.alpha1, beta: edge.theta.beta1 } : { alpha: edge.theta.alpha2, beta: edge.theta.beta2 };
    expect(dominant.alpha).toBeGreaterThan(0.999e6); // on the search box: shape 1e6
    expect(dominant.alpha / dominant.beta).toBeCloseTo(1, 1);
    const nelderMead = fitHyperparameters(autoSquash(poisson.n, poisson.e), { minCount: 3 });
    expect(edge.negLogLikelihood).toBeLessThanOrEqual(nelderMead.negLogLikelihood + 1e-6 * Math.abs(nelderMead.negLogLikelihood));
  });

  it('copes with a single pair and with pairs that all share one count', () => {
    for (const [n, e] of [
      [[3], [1.5]],
      [Array<number>(40).fill(4), Array.from({ length: 40 }, (_, i) => 0.05 * (i + 1))],
    ]) {
      const result = fitPrior(n!, e!, { minCount: 3 });
      expect(Number.isFinite(result.negLogLikelihood)).toBe(true);
      expect(() => checkHyperparameters(result.theta)).not.toThrow();
      expect(result.negLogLikelihood).toBeLessThanOrEqual(negativeLogLikelihood(DEFAULT_STARTING_POINTS[0]!, autoSquash(n!, e!), { minCount: 3 }));
    }
  });

  it('rejects bad input, naming the field', () => {
    expect(fieldOf(() => fitPrior([], [], { minCount: 3 }))).toBe('n');
    expect(fieldOf(() => fitPrior([3, 4], [1], { minCount: 3 }))).toBe('e');
    expect(fieldOf(() => fitPrior([3, 2], [1, 1], { minCount: 3 }))).toBe('n');
    expect(fieldOf(() => fitPrior([3, 4], [1, 0], { minCount: 3 }))).toBe('e');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: -1 }))).toBe('minCount');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: 1.5 }))).toBe('minCount');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: 3, startingPoints: [] }))).toBe('startingPoints');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: 3, startingPoints: [{ ...truth, p: 0 }] }))).toBe('p');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: 3, maxIterations: 0 }))).toBe('maxIterations');
    expect(fieldOf(() => fitPrior([3], [1], { minCount: 3, paramLimit: 0 }))).toBe('paramLimit');
  });
});
