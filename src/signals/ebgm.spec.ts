import { jStat } from 'jstat';
import { digamma, ebgmScores, EbgmInputError, type Hyperparameters, logNegativeBinomial, posteriorQuantile, qn } from './ebgm';

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
