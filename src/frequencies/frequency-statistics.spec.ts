import { bandOf, clopperPearson, compareWithLabel, exceedanceLimit, exceedsLabel, formatPercent, FrequencyInputError } from './frequency-statistics';

describe('clopperPearson', () => {
  it('matches the exact interval for 3 of 10 (R: binom.test(3, 10)$conf.int = 0.06673951 0.65245285)', () => {
    const interval = clopperPearson(3, 10);
    expect(interval?.lower).toBeCloseTo(0.06673951, 7);
    expect(interval?.upper).toBeCloseTo(0.65245285, 7);
  });

  it('at k = 0 the lower bound is 0 and the upper bound is 1 − (α/2)^(1/n)', () => {
    const interval = clopperPearson(0, 10);
    expect(interval?.lower).toBe(0);
    expect(interval?.upper).toBeCloseTo(1 - 0.025 ** (1 / 10), 10);
  });

  it('at k = n the upper bound is 1 and the lower bound is (α/2)^(1/n)', () => {
    const interval = clopperPearson(57, 57);
    expect(interval?.upper).toBe(1);
    expect(interval?.lower).toBeCloseTo(0.025 ** (1 / 57), 10);
  });

  it('k = 1 of 1: the interval is [0.025, 1]', () => {
    expect(clopperPearson(1, 1)?.lower).toBeCloseTo(0.025, 12);
    expect(clopperPearson(1, 1)?.upper).toBe(1);
  });

  it('is symmetric: the interval for k of n mirrors the one for n − k', () => {
    const a = clopperPearson(7, 40);
    const b = clopperPearson(33, 40);
    expect(a?.lower).toBeCloseTo(1 - (b?.upper ?? NaN), 10);
    expect(a?.upper).toBeCloseTo(1 - (b?.lower ?? NaN), 10);
  });

  it('holds the observed proportion and widens with the level', () => {
    const at95 = clopperPearson(15, 60);
    const at99 = clopperPearson(15, 60, 0.99);
    expect(at95?.lower).toBeLessThan(0.25);
    expect(at95?.upper).toBeGreaterThan(0.25);
    expect(at99?.lower).toBeLessThan(at95?.lower ?? 0);
    expect(at99?.upper).toBeGreaterThan(at95?.upper ?? 1);
  });

  it('gives no interval without a denominator', () => {
    expect(clopperPearson(0, 0)).toBeNull();
  });

  it.each([
    [-1, 10, 'cases'],
    [1.5, 10, 'cases'],
    [11, 10, 'cases'],
    [1, -3, 'exposed'],
    [1, 2.5, 'exposed'],
  ])('refuses %p of %p, naming %s', (cases, exposed, field) => {
    expect(() => clopperPearson(cases, exposed)).toThrow(FrequencyInputError);
    try {
      clopperPearson(cases, exposed);
    } catch (error) {
      expect((error as FrequencyInputError).field).toBe(field);
    }
  });
});

describe('bands', () => {
  it.each([
    [0.1, 'very-common'],
    [0.0999999, 'common'],
    [0.01, 'common'],
    [0.0099999, 'uncommon'],
    [0.001, 'uncommon'],
    [0.000999, 'rare'],
    [0.0001, 'rare'],
    [0.0000999, 'very-rare'],
    [0, 'very-rare'],
  ])('a proportion of %p is %s (half-open bands)', (proportion, band) => {
    expect(bandOf(proportion)).toBe(band);
  });

  it.each([
    ['common', 0.1, true],
    ['common', 0.0999999, false],
    ['uncommon', 0.01, true],
    ['uncommon', 0.0099999, false],
    ['rare', 0.001, true],
    ['rare', 0.000999, false],
    ['very-rare', 0.0001, true],
    ['very-rare', 0.0000999, false],
    ['very-common', 0.99, false],
    ['not-known', 0.99, false],
  ] as const)('band %s: a lower bound of %p exceeds it: %p (at or above the upper limit)', (band, lower, exceeds) => {
    expect(exceedsLabel(lower, { rate: null, band })).toBe(exceeds);
  });

  it.each([
    [0.6, 0.6, false],
    [0.6, 0.6000001, true],
    [0.16, 0.159, false],
    [0.08, 0.0801, true],
    [0, 0, false],
    [0, 0.0001, true],
  ])('stated rate %p: a lower bound of %p exceeds it: %p (strictly above)', (rate, lower, exceeds) => {
    expect(exceedsLabel(lower, { rate, band: 'very-common' })).toBe(exceeds);
  });

  it('a stated rate wins over the band, and very common alone can never be exceeded', () => {
    expect(exceedanceLimit({ rate: 0.6, band: 'very-common' })).toMatchObject({ limit: 0.6, inclusive: false });
    expect(exceedanceLimit({ rate: null, band: 'very-common' })).toBeNull();
    expect(exceedanceLimit({ rate: null, band: null })).toBeNull();
    expect(() => exceedanceLimit({ rate: 60, band: null })).toThrow(FrequencyInputError);
  });
});

describe('compareWithLabel', () => {
  it('flags a common reaction whose lower bound reaches 10%', () => {
    const comparison = compareWithLabel(30, 100, { rate: null, band: 'common' });
    expect(comparison.interval?.lower).toBeGreaterThan(0.1);
    expect(comparison.flag).toBe('exceeds');
    expect(comparison.explanation).toMatch(/at or above the band common/);
  });

  it('makes no judgement when the interval reaches back below the limit', () => {
    const comparison = compareWithLabel(3, 20, { rate: null, band: 'common' });
    expect(comparison.proportion).toBeCloseTo(0.15, 10);
    expect(comparison.flag).toBeNull();
  });

  it('compares with a stated rate: 45 of 60 exceeds 60%, 40 of 60 does not', () => {
    expect(compareWithLabel(45, 60, { rate: 0.6, band: 'very-common' }).flag).toBe('exceeds');
    expect(compareWithLabel(40, 60, { rate: 0.6, band: 'very-common' }).flag).toBeNull();
  });

  it('never calls a very common reaction exceeded', () => {
    expect(compareWithLabel(60, 60, { rate: null, band: 'very-common' })).toMatchObject({ flag: null, explanation: expect.stringMatching(/no upper limit/) });
  });

  it('labels a reporting rate and makes no "consistent or below" judgement from it', () => {
    const below = compareWithLabel(1, 500, { rate: null, band: 'common' }, 'reporting-rate');
    expect(below.flag).toBeNull();
    expect(below.explanation).toMatch(/^reporting rate 1\/500/);
    expect(below.explanation).toMatch(/lower bound: no judgement/);
    expect(compareWithLabel(40, 100, { rate: null, band: 'common' }, 'reporting-rate').flag).toBe('exceeds');
  });

  it('gives no proportion without patients exposed', () => {
    expect(compareWithLabel(0, 0, { rate: 0.6, band: null })).toMatchObject({ proportion: null, interval: null, flag: null });
  });
});

describe('formatPercent', () => {
  it.each([
    [0.6, '60.0%'],
    [0.0834, '8.34%'],
    [0.00012, '0.012%'],
    [0, '0.0%'],
  ])('%p → %s', (value, text) => {
    expect(formatPercent(value)).toBe(text);
  });
});
