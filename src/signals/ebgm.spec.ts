import { jStat } from 'jstat';
import { digamma, digammaDifference, ebgmScores, EbgmInputError, type Hyperparameters, lnGamma, lnGammaRatio, logNegativeBinomial, posteriorQuantile, qn, regularizedGammaP, scorePairs } from './ebgm';

const THETA: Hyperparameters = { alpha1: 0.2041, beta1: 0.05816, alpha2: 1.415, beta2: 1.838, p: 0.0651 };

describe('digamma', () => {
  it.each([
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [2, 0.42278433509846713],
    [10, 2.251752589066721],
    [0.01, -100.5608854578687],
  ])('ψ(%p) = %p', (x, value) => {
    expect(digamma(x)).toBeCloseTo(value, 10);
  });

  it('satisfies ψ(x + 1) = ψ(x) + 1/x', () => {
    for (const x of [0.3, 1.7, 4.2, 25]) {
      expect(digamma(x + 1)).toBeCloseTo(digamma(x) + 1 / x, 12);
    }
  });
});

describe('gamma–Poisson shrinker scores', () => {
  it('the negative binomial marginal sums to 1 over n', () => {
    let total = 0;
    for (let n = 0; n < 2_000; n++) {
      total += Math.exp(logNegativeBinomial(n, 1.415, 1.838, 3.7));
    }
    expect(total).toBeCloseTo(1, 8);
  });

  it('Qn follows DuMouchel eq. 6 written out with the negative binomial probabilities', () => {
    const n = 4;
    const e = 0.8;
    const f = (alpha: number, beta: number): number => (Math.exp(jStat.gammaln(alpha + n) - jStat.gammaln(alpha) - jStat.gammaln(n + 1)) * (beta / (beta + e)) ** alpha * (e / (beta + e)) ** n);
    const first = THETA.p * f(THETA.alpha1, THETA.beta1);
    const second = (1 - THETA.p) * f(THETA.alpha2, THETA.beta2);
    expect(qn(THETA, n, e)).toBeCloseTo(first / (first + second), 12);
  });

  it('with one component (P = 1) EBGM is exp(ψ(α+N) − ln(β+E)) and EB05/EB95 its gamma quantiles', () => {
    const theta = { ...THETA, p: 1 };
    const scores = ebgmScores(theta, 7, 2.5);
    expect(scores.ebgm).toBeCloseTo(Math.exp(digamma(0.2041 + 7) - Math.log(0.05816 + 2.5)), 12);
    expect(scores.eb05).toBeCloseTo(jStat.gamma.inv(0.05, 7.2041, 1 / 2.55816), 10);
    expect(scores.eb95).toBeCloseTo(jStat.gamma.inv(0.95, 7.2041, 1 / 2.55816), 10);
  });

  it('the mixture quantiles solve the posterior CDF and bracket EBGM', () => {
    const n = 12;
    const e = 1.3;
    const scores = ebgmScores(THETA, n, e);
    const w = scores.qn;
    const cdf = (x: number): number => w * jStat.gamma.cdf(x, THETA.alpha1 + n, 1 / (THETA.beta1 + e)) + (1 - w) * jStat.gamma.cdf(x, THETA.alpha2 + n, 1 / (THETA.beta2 + e));
    expect(cdf(scores.eb05)).toBeCloseTo(0.05, 8);
    expect(cdf(scores.eb95)).toBeCloseTo(0.95, 8);
    expect(scores.eb05).toBeLessThan(scores.ebgm);
    expect(scores.ebgm).toBeLessThan(scores.eb95);
    expect(scores.ebgm).toBeLessThan(n / e);
  });

  it('shrinks a single report on a tiny expected count towards the prior, not to N/E', () => {
    const scores = ebgmScores(THETA, 1, 0.001);
    expect(scores.ebgm).toBeLessThan(100);
    expect(Number.isFinite(scores.eb95)).toBe(true);
    expect(ebgmScores(THETA, 0, 0.5).ebgm).toBeLessThan(1);
  });

  it('copes with huge counts', () => {
    const scores = ebgmScores(THETA, 50_000, 12_000);
    expect(scores.ebgm).toBeCloseTo(50_000 / 12_000, 2);
    expect(scores.eb05).toBeLessThan(scores.ebgm);
  });

  it.each([
    [{ ...THETA, alpha1: 0 }, 1, 1, 'alpha1'],
    [{ ...THETA, p: 1.5 }, 1, 1, 'p'],
    [THETA, -1, 1, 'n'],
    [THETA, 1, 0, 'e'],
  ])('refuses bad input naming the field (%#)', (theta, n, e, field) => {
    expect(() => ebgmScores(theta, n, e)).toThrow(EbgmInputError);
    try {
      ebgmScores(theta, n, e);
    } catch (error) {
      expect((error as EbgmInputError).field).toBe(field);
    }
  });

  it('refuses a probability outside (0, 1) for a quantile', () => {
    expect(() => posteriorQuantile(1, THETA, 1, 1)).toThrow(EbgmInputError);
  });
});

describe('special functions of the fast path', () => {
  it.each([0.001, 0.3, 1, 2.5, 9.99, 10, 37.2, 1_000, 78_044])('lnGamma(%p) agrees with jStat', (x) => {
    expect(lnGamma(x)).toBeCloseTo(jStat.gammaln(x), 8);
  });

  it('lnGamma(n + 1) is ln n!', () => {
    let logFactorial = 0;
    for (let n = 1; n <= 30; n++) {
      logFactorial += Math.log(n);
      expect(lnGamma(n + 1)).toBeCloseTo(logFactorial, 11);
    }
  });

  it.each([
    [0.2, 3],
    [7, 40],
    [12.5, 3],
    [1e6, 17],
    [1e12, 5],
  ])('lnGammaRatio(%p, %p) and digammaDifference are the sums of ln(α + k) and 1/(α + k)', (alpha, n) => {
    let logs = 0;
    let reciprocals = 0;
    for (let k = 0; k < n; k++) {
      logs += Math.log(alpha + k);
      reciprocals += 1 / (alpha + k);
    }
    expect(Math.abs(lnGammaRatio(alpha, n) - logs)).toBeLessThan(1e-12 * Math.max(1, Math.abs(logs)));
    expect(Math.abs(digammaDifference(alpha, n) / reciprocals - 1)).toBeLessThan(1e-10);
  });

  it('regularizedGammaP agrees with jStat from tiny to large shapes (series, continued fraction, quadrature)', () => {
    for (const a of [0.01, 0.5, 1, 3.2, 10, 99, 499, 500, 2_000, 20_000]) {
      for (const z of [-3, -1, 0, 0.5, 2, 4]) {
        const y = Math.max(1e-3, a + z * Math.sqrt(a));
        const expected = jStat.gamma.cdf(y, a, 1);
        // Relative to the smaller tail: that is where the quantiles are read.
        expect(Math.abs(regularizedGammaP(a, y) - expected)).toBeLessThan(1e-9 * Math.max(1e-300, Math.min(expected, 1 - expected)));
      }
    }
    expect(regularizedGammaP(2, 0)).toBe(0);
  });
});

describe('scorePairs', () => {
  /** Pairs chosen to be hard: Qn near ½, tiny and huge E, huge N, and two components far apart. */
  // Prior means 0.1 and 100: the posteriors of the pairs below are 10–30 times apart, with Qn between 0.38 and 0.86.
  const FAR_APART: Hyperparameters = { alpha1: 5, beta1: 50, alpha2: 5, beta2: 0.05, p: 0.5 };
  const HARD: readonly [Hyperparameters, number, number][] = [
    [THETA, 2, 0.05],
    [THETA, 2, 0.1],
    [THETA, 3, 0.2],
    [THETA, 4, 0.5],
    [THETA, 5, 0.5],
    [THETA, 3, 1e-6],
    [THETA, 1, 0.001],
    [THETA, 0, 0.5],
    [THETA, 7, 2.5],
    [THETA, 300, 12],
    [THETA, 50_000, 12_000],
    [THETA, 78_044, 77_983.3],
    [THETA, 3, 20_000],
    [FAR_APART, 5, 1.5],
    [FAR_APART, 10, 5.6],
    [FAR_APART, 14, 9.5],
    [FAR_APART, 3, 0.8],
    [{ ...THETA, p: 1 }, 7, 2.5],
    [{ ...THETA, p: 0 }, 7, 2.5],
  ];

  function scoreOne(theta: Hyperparameters, n: number, e: number): { qn: number; ebgm: number; eb05: number; eb95: number } {
    const columns = scorePairs(theta, [n], [e]);
    return { qn: columns.qn[0]!, ebgm: columns.ebgm[0]!, eb05: columns.eb05[0]!, eb95: columns.eb95[0]! };
  }

  it('includes pairs whose posterior weight Qn is near ½, in both priors', () => {
    const nearHalf = HARD.filter(([theta, n, e]) => Math.abs(qn(theta, n, e) - 0.5) < 0.2);
    expect(nearHalf.length).toBeGreaterThanOrEqual(4);
    expect(nearHalf.filter(([theta]) => theta === FAR_APART).length).toBeGreaterThanOrEqual(3);
  });

  it.each(HARD.map((row, i) => [i, ...row] as const))('case %p: EB05/EB95 agree with the bisection reference to 1e-6, Qn and EBGM with their definitions', (_, theta, n, e) => {
    const scores = scoreOne(theta, n, e);
    expect(Math.abs(scores.eb05 / posteriorQuantile(0.05, theta, n, e) - 1)).toBeLessThan(1e-6);
    expect(Math.abs(scores.eb95 / posteriorQuantile(0.95, theta, n, e) - 1)).toBeLessThan(1e-6);
    const weight = qn(theta, n, e);
    expect(Math.abs(scores.qn - weight)).toBeLessThan(1e-9);
    const meanLog = (weight > 0 ? weight * (digamma(theta.alpha1 + n) - Math.log(theta.beta1 + e)) : 0) + (weight < 1 ? (1 - weight) * (digamma(theta.alpha2 + n) - Math.log(theta.beta2 + e)) : 0);
    expect(scores.ebgm / Math.exp(meanLog) - 1).toBeCloseTo(0, 8);
  });

  it('gives ebgmScores exactly the figures of a run', () => {
    const columns = scorePairs(THETA, [3, 12, 400], [0.4, 1.3, 250]);
    [3, 12, 400].forEach((n, i) => {
      const single = ebgmScores(THETA, n, [0.4, 1.3, 250][i]!);
      expect([single.qn, single.ebgm, single.eb05, single.eb95]).toEqual([columns.qn[i], columns.ebgm[i], columns.eb05[i], columns.eb95[i]]);
    });
  });

  it('scores many pairs with the same count, in order, as columns', () => {
    const e = Float64Array.from({ length: 50 }, (_, i) => 0.1 * (i + 1));
    const n = new Float64Array(50).fill(4);
    const columns = scorePairs(THETA, n, e);
    expect(columns.ebgm).toHaveLength(50);
    for (let i = 1; i < 50; i++) {
      // Same N, larger E: less evidence of an excess.
      expect(columns.ebgm[i]!).toBeLessThan(columns.ebgm[i - 1]!);
      expect(columns.eb05[i]!).toBeLessThan(columns.ebgm[i]!);
      expect(columns.ebgm[i]!).toBeLessThan(columns.eb95[i]!);
    }
    expect(scorePairs(THETA, [], []).ebgm).toHaveLength(0);
  });

  it('copes with a prior component that is almost a point mass (as maximum likelihood gives on data without overdispersion)', () => {
    const theta: Hyperparameters = { alpha1: 234, beta1: 4.6e6, alpha2: 1e12, beta2: 1.0006e12, p: 1e-15 };
    const columns = scorePairs(theta, [3, 40, 5_000], [0.01, 30, 5_100]);
    for (let i = 0; i < 3; i++) {
      expect(columns.ebgm[i]!).toBeCloseTo(1 / 1.0006, 6);
      expect(columns.eb05[i]!).toBeLessThan(columns.ebgm[i]!);
      expect(columns.eb95[i]!).toBeGreaterThan(columns.ebgm[i]!);
      expect(columns.eb95[i]! / columns.eb05[i]!).toBeLessThan(1.00001);
    }
  });

  it.each([
    [{ ...THETA, beta2: -1 }, [1], [1], 'beta2'],
    [THETA, [1, 2], [1], 'e'],
    [THETA, [1, -2], [1, 1], 'n'],
    [THETA, [1, 2.5], [1, 1], 'n'],
    [THETA, [1, 2], [1, 0], 'e'],
    [THETA, [1, 2], [1, Number.NaN], 'e'],
  ] as const)('refuses bad input naming the field (%#)', (theta, n, e, field) => {
    expect(() => scorePairs(theta, n, e)).toThrow(EbgmInputError);
    try {
      scorePairs(theta, n, e);
    } catch (error) {
      expect((error as EbgmInputError).field).toBe(field);
    }
  });
});
