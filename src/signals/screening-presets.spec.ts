import { disproportionality } from './disproportionality';
import { SCREENING_PRESETS, screeningHits } from './screening-presets';

const none = { additionalMonitoring: false };
const black = { additionalMonitoring: true };

describe('screening presets', () => {
  it('names each rule and its source', () => {
    expect(SCREENING_PRESETS.map((p) => p.id)).toEqual(['evans', 'ema', 'who-umc', 'fda', 'mhra']);
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
