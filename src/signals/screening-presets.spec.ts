import { disproportionality } from './disproportionality';
import { SCREENING_PRESETS, screeningHits } from './screening-presets';

const none = { additionalMonitoring: false };
const black = { additionalMonitoring: true };

describe('screening presets', () => {
  it('names each rule and its source', () => {
    expect(SCREENING_PRESETS.map((p) => p.id)).toEqual(['evans', 'evans-yates', 'ema', 'who-umc', 'fda', 'mhra']);
    for (const preset of SCREENING_PRESETS) {
      expect(preset.name).not.toBe('');
      expect(preset.source).not.toBe('');
      expect(preset.rule).not.toBe('');
    }
  });

  it('Evans: PRR ≥ 2, χ² ≥ 4 and a ≥ 3, all three needed', () => {
    const strong = disproportionality({ a: 6, b: 94, c: 60, d: 9840 });
    expect(strong.prr.value).toBeGreaterThanOrEqual(2);
    expect(screeningHits(strong, none)).toContain('evans');
    const twoReports = disproportionality({ a: 2, b: 8, c: 10, d: 9980 });
    expect(twoReports.prr.value).toBeGreaterThan(2);
    expect(screeningHits(twoReports, none)).not.toContain('evans');
  });

  it('Evans as published uses Pearson’s χ² without Yates; evans-yates the corrected one, and each rule says which', () => {
    const evans = SCREENING_PRESETS.find((p) => p.id === 'evans');
    const yates = SCREENING_PRESETS.find((p) => p.id === 'evans-yates');
    expect(evans?.rule).toContain('without Yates');
    expect(yates?.rule).toContain('Yates’s continuity correction');
    // χ² 5.99 plain, 3.53 with Yates (PRR 3.6): the paper’s rule flags it, the corrected one does not.
    const pair = disproportionality({ a: 3, b: 7, c: 183, d: 2000 });
    expect(pair.chiSquared).toBeGreaterThanOrEqual(4);
    expect(pair.chiSquaredYates).toBeLessThan(4);
    expect(pair.prr.value).toBeGreaterThanOrEqual(2);
    expect(screeningHits(pair, none)).toContain('evans');
    expect(screeningHits(pair, none)).not.toContain('evans-yates');
  });

  it('zero cells: an infinite PRR meets Evans (5, 20, 0, 1000); the corrected ROR bound makes both tables EMA hits', () => {
    const first = disproportionality({ a: 5, b: 20, c: 0, d: 1000 });
    expect(first.prr.infinite).toBe(true);
    expect(screeningHits(first, none)).toEqual(expect.arrayContaining(['evans', 'evans-yates', 'ema']));
    const second = disproportionality({ a: 8, b: 0, c: 3, d: 5000 });
    expect(second.ror.infinite).toBe(true);
    expect(screeningHits(second, none)).toContain('ema');
  });

  it('MHRA cites the source of its thresholds', () => {
    expect(SCREENING_PRESETS.find((p) => p.id === 'mhra')?.source).toMatch(/^Candore G.*Drug Saf 2015;38:577–87/);
  });

  it('EMA: ROR lower bound > 1 with a ≥ 3 under additional monitoring, a ≥ 5 otherwise', () => {
    const four = disproportionality({ a: 4, b: 40, c: 10, d: 9946 });
    expect(four.ror.lower).toBeGreaterThan(1);
    expect(screeningHits(four, black)).toContain('ema');
    expect(screeningHits(four, none)).not.toContain('ema');
    const five = disproportionality({ a: 5, b: 40, c: 10, d: 9945 });
    expect(screeningHits(five, none)).toContain('ema');
  });

  it('WHO-UMC: IC025 > 0', () => {
    const pair = disproportionality({ a: 3, b: 0, c: 0, d: 100_000 });
    expect(pair.ic025).toBeGreaterThan(0);
    expect(screeningHits(pair, none)).toContain('who-umc');
    expect(screeningHits(disproportionality({ a: 2, b: 0, c: 0, d: 100_000 }), none)).not.toContain('who-umc');
  });

  it('FDA and MHRA need EBGM: not applied without it, applied at their thresholds with it', () => {
    const pair = disproportionality({ a: 10, b: 10, c: 10, d: 10_000 });
    expect(screeningHits(pair, none)).not.toEqual(expect.arrayContaining(['fda']));
    expect(screeningHits({ ...pair, ebgm: 3, eb05: 2 }, none)).toEqual(expect.arrayContaining(['fda', 'mhra']));
    expect(screeningHits({ ...pair, ebgm: 2.4, eb05: 1.9 }, none)).not.toContain('mhra');
    expect(screeningHits({ ...pair, ebgm: 2.5, eb05: 1.8 }, none)).toContain('mhra');
    expect(screeningHits({ ...pair, ebgm: 2.5, eb05: 1.99 }, none)).not.toContain('fda');
  });
});
