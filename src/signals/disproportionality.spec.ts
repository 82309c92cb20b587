import { chiSquared, disproportionality, informationComponent, TableInputError, Z_95 } from './disproportionality';

describe('disproportionality: FDA openEBGM "dat2" (pharmacovigilance §6)', () => {
  // Ten reports: product A,B,B,B,C,A,A,B,B,C with event e1,e2,e2,e3,e3,e2,e3,e3,e3,e1.
  it.each([
    ['A–e1', { a: 1, b: 2, c: 1, d: 6 }, 0.6, 2.3333],
    ['B–e2', { a: 2, b: 3, c: 1, d: 4 }, 1.5, 2],
    ['B–e3', { a: 3, b: 2, c: 2, d: 3 }, 2.5, 1.5],
    ['C–e1', { a: 1, b: 1, c: 1, d: 7 }, 0.4, 4],
    ['C–e2', { a: 0, b: 2, c: 3, d: 5 }, 0.6, 0],
  ])('%s: E and PRR as published', (_pair, table, expected, prr) => {
    const result = disproportionality(table);
    expect(result.expected).toBeCloseTo(expected, 10);
    expect(result.prr.value).toBeCloseTo(prr, 4);
    expect(result.a / result.expected).toBeCloseTo(table.a / expected, 10);
  });
});

describe('PRR and ROR intervals', () => {
  const table = { a: 10, b: 90, c: 20, d: 880 };

  it('ROR = ad/bc with exp(ln ROR ± 1.96·√(1/a + 1/b + 1/c + 1/d))', () => {
    const { ror } = disproportionality(table);
    const se = Math.sqrt(1 / 10 + 1 / 90 + 1 / 20 + 1 / 880);
    expect(ror.value).toBeCloseTo((10 * 880) / (90 * 20), 12);
    expect(ror.lower).toBeCloseTo(Math.exp(Math.log(44 / 9) - Z_95 * se), 12);
    expect(ror.upper).toBeCloseTo(Math.exp(Math.log(44 / 9) + Z_95 * se), 12);
    expect(ror.lower).toBeCloseTo(2.22, 3);
  });

  it('PRR = [a/(a+b)]/[c/(c+d)] with exp(ln PRR ± 1.96·√(1/a − 1/(a+b) + 1/c − 1/(c+d)))', () => {
    const { prr } = disproportionality(table);
    const value = 10 / 100 / (20 / 900);
    const se = Math.sqrt(1 / 10 - 1 / 100 + 1 / 20 - 1 / 900);
    expect(prr.value).toBeCloseTo(value, 12);
    expect(prr.lower).toBeCloseTo(value * Math.exp(-Z_95 * se), 12);
    expect(prr.upper).toBeCloseTo(value * Math.exp(Z_95 * se), 12);
  });

  it('says why a ratio is missing instead of inventing a number', () => {
    const noC = disproportionality({ a: 3, b: 5, c: 0, d: 100 });
    expect(noC.prr).toMatchObject({ value: null, infinite: true });
    expect(noC.ror).toMatchObject({ value: null, infinite: true });
    expect(noC.notes).toEqual(expect.arrayContaining(['PRR infinite: the event is reported with no other product (c = 0)', 'ROR infinite: c = 0']));
    const noB = disproportionality({ a: 3, b: 0, c: 4, d: 100 });
    expect(noB.prr.value).toBeCloseTo(1 / (4 / 104), 12);
    expect(noB.prr.infinite).toBe(false);
    expect(noB.ror).toMatchObject({ value: null, infinite: true });
    expect(noB.notes).toContain('ROR infinite: b = 0');
    const noA = disproportionality({ a: 0, b: 5, c: 4, d: 100 });
    expect(noA.prr).toMatchObject({ value: 0, infinite: false });
    expect(noA.ror).toMatchObject({ value: 0, infinite: false });
  });

  it('0/0 is undefined, not infinite', () => {
    const none = disproportionality({ a: 0, b: 5, c: 0, d: 100 });
    expect(none.prr).toEqual({ value: null, infinite: false, lower: null, upper: null });
    expect(none.ror).toEqual({ value: null, infinite: false, lower: null, upper: null });
    expect(none.zeroCellCorrection).toBeNull();
    expect(none.notes).toContain('PRR undefined: 0/0 (the event is in no report)');
  });

  it('a table without a zero cell needs no correction', () => {
    expect(disproportionality(table).zeroCellCorrection).toBeNull();
  });

  it('stays finite on huge counts', () => {
    const huge = disproportionality({ a: 5_000, b: 2_000_000, c: 40_000, d: 20_000_000 });
    expect(Number.isFinite(huge.chiSquared)).toBe(true);
    expect(huge.prr.lower).toBeLessThan(huge.prr.value ?? 0);
  });

  it.each([
    [{ a: -1, b: 1, c: 1, d: 1 }, 'a'],
    [{ a: 1, b: 1.5, c: 1, d: 1 }, 'b'],
    [{ a: 0, b: 0, c: 0, d: 0 }, 'a'],
  ])('refuses %p naming %s', (table, field) => {
    expect(() => disproportionality(table)).toThrow(TableInputError);
    try {
      disproportionality(table);
    } catch (error) {
      expect((error as TableInputError).field).toBe(field);
    }
  });
});

describe('zero cells: Haldane–Anscombe intervals (0.5 added to every cell when a cell is 0)', () => {
  /** Woolf's bounds of the ROR on the corrected table, written out. */
  function haldaneRor(a: number, b: number, c: number, d: number): [number, number] {
    const [a1, b1, c1, d1] = [a + 0.5, b + 0.5, c + 0.5, d + 0.5];
    const ln = Math.log((a1 * d1) / (b1 * c1));
    const se = Math.sqrt(1 / a1 + 1 / b1 + 1 / c1 + 1 / d1);
    return [Math.exp(ln - Z_95 * se), Math.exp(ln + Z_95 * se)];
  }

  it('(5, 20, 0, 1000): PRR and ROR infinite, χ² = 201, ROR lower bound 28.7 with the correction', () => {
    const pair = disproportionality({ a: 5, b: 20, c: 0, d: 1000 });
    expect(pair.prr).toMatchObject({ value: null, infinite: true });
    expect(pair.ror).toMatchObject({ value: null, infinite: true });
    expect(pair.chiSquared).toBeCloseTo((1025 * 5000 ** 2) / (25 * 1000 * 5 * 1020), 9);
    expect(Math.round(pair.chiSquared ?? 0)).toBe(201);
    const [lower, upper] = haldaneRor(5, 20, 0, 1000);
    expect(pair.ror.lower).toBeCloseTo(lower, 9);
    expect(pair.ror.upper).toBeCloseTo(upper, 9);
    expect(Number((pair.ror.lower ?? 0).toFixed(1))).toBe(28.7);
    expect(pair.zeroCellCorrection).toBe('haldane-anscombe');
    expect(pair.notes).toContain('PRR and ROR intervals with the Haldane–Anscombe correction (0.5 added to every cell: c = 0)');
  });

  it('(8, 0, 3, 5000): ROR infinite, lower bound 1,163 with the correction; PRR finite with a corrected interval', () => {
    const pair = disproportionality({ a: 8, b: 0, c: 3, d: 5000 });
    expect(pair.ror).toMatchObject({ value: null, infinite: true });
    const [lower] = haldaneRor(8, 0, 3, 5000);
    expect(pair.ror.lower).toBeCloseTo(lower, 6);
    expect(Math.round(pair.ror.lower ?? 0)).toBe(1163);
    expect(pair.prr.value).toBeCloseTo(1 / (3 / 5003), 9);
    const corrected = 8.5 / 9 / (3.5 / 5004);
    const se = Math.sqrt(1 / 8.5 - 1 / 9 + 1 / 3.5 - 1 / 5004);
    expect(pair.prr.lower).toBeCloseTo(corrected * Math.exp(-Z_95 * se), 6);
    expect(pair.prr.upper).toBeCloseTo(corrected * Math.exp(Z_95 * se), 6);
    expect(pair.zeroCellCorrection).toBe('haldane-anscombe');
  });

  it('a = 0 gets a real upper bound instead of none', () => {
    const pair = disproportionality({ a: 0, b: 5, c: 4, d: 100 });
    const [lower, upper] = haldaneRor(0, 5, 4, 100);
    expect(pair.ror.lower).toBeCloseTo(lower, 12);
    expect(pair.ror.upper).toBeCloseTo(upper, 12);
  });

  it('an empty row or column gets no interval, corrected or not', () => {
    const pair = disproportionality({ a: 3, b: 4, c: 0, d: 0 });
    expect(pair.prr.lower).toBeNull();
    expect(pair.ror.lower).toBeNull();
    expect(pair.zeroCellCorrection).toBeNull();
  });
});

describe('χ²', () => {
  it('is Pearson’s on the 2×2 table, and Yates subtracts N/2 from |ad − bc|', () => {
    const table = { a: 10, b: 90, c: 20, d: 880 };
    const margins = 100 * 900 * 30 * 970;
    expect(chiSquared(table, false)).toBeCloseTo((1000 * 7000 ** 2) / margins, 9);
    expect(chiSquared(table, true)).toBeCloseTo((1000 * 6500 ** 2) / margins, 9);
  });

  it('equals the sum of (O − E)²/E over the four cells', () => {
    const [a, b, c, d] = [7, 13, 40, 940];
    const n = a + b + c + d;
    const cells: [number, number][] = [
      [a, ((a + b) * (a + c)) / n],
      [b, ((a + b) * (b + d)) / n],
      [c, ((c + d) * (a + c)) / n],
      [d, ((c + d) * (b + d)) / n],
    ];
    expect(chiSquared({ a, b, c, d }, false)).toBeCloseTo(cells.reduce((sum, [o, e]) => sum + (o - e) ** 2 / e, 0), 9);
  });

  it('never goes below 0 with the correction, and is undefined with an empty margin', () => {
    expect(chiSquared({ a: 1, b: 1, c: 1, d: 1 }, true)).toBe(0);
    expect(chiSquared({ a: 0, b: 0, c: 3, d: 4 }, false)).toBeNull();
  });
});

describe('information component', () => {
  it('IC = log2((a + 0.5)/(E + 0.5))', () => {
    expect(informationComponent(3, 0.5).ic).toBeCloseTo(Math.log2(3.5), 12);
  });

  it('IC025 at a = 0 is log2 of the χ²₁ 2.5% quantile / (2(E + 0.5)) (Gamma(1/2, r) = χ²₁/(2r))', () => {
    const e = 1.5;
    expect(informationComponent(0, e).ic025).toBeCloseTo(Math.log2(0.000982069117 / (2 * (e + 0.5))), 6);
  });

  it('with this shrinkage IC025 can exceed 0 only when a ≥ 3', () => {
    const tiny = 1e-9;
    expect(informationComponent(2, tiny).ic025).toBeLessThan(0);
    expect(informationComponent(3, tiny).ic025).toBeGreaterThan(0);
    expect(informationComponent(2, tiny).ic025).toBeCloseTo(Math.log2(0.831211613), 6);
  });

  it('holds the point estimate inside its interval', () => {
    const { ic, ic025, ic975 } = informationComponent(12, 3.2);
    expect(ic025).toBeLessThan(ic);
    expect(ic975).toBeGreaterThan(ic);
  });
});
