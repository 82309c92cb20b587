import { runCliCaptured } from '../../test/cli-run';

async function frequency(...args: string[]): ReturnType<typeof runCliCaptured> {
  return runCliCaptured({}, 'stats', 'frequency', ...args);
}

describe('stats frequency', () => {
  it('prints exactly one JSON document with the proportion, the exact interval and the flag', async () => {
    const run = await frequency('--cases', '45', '--exposed', '60', '--rate', '0.6', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as Record<string, unknown> & { interval: { lower: number; upper: number; method: string } };
    expect(doc).toMatchObject({ input: { cases: 45, exposed: 60, rate: 0.6, band: null, basis: 'incidence' }, proportion: 0.75, flag: 'exceeds', observedBand: 'very-common' });
    expect(doc.interval.lower).toBeGreaterThan(0.6);
    expect(doc.interval.method).toMatch(/Clopper–Pearson/);
  });

  it('gives the exact interval at k = 0 and no flag against a band that the interval does not reach', async () => {
    const run = await frequency('--cases', '0', '--exposed', '57', '--band', 'common', '--json');
    const doc = JSON.parse(run.stdout) as { proportion: number; interval: { lower: number; upper: number }; flag: null; comparedWith: { limit: number } };
    expect(doc.proportion).toBe(0);
    expect(doc.interval.lower).toBe(0);
    expect(doc.interval.upper).toBeCloseTo(1 - 0.025 ** (1 / 57), 10);
    expect(doc.flag).toBeNull();
    expect(doc.comparedWith.limit).toBe(0.1);
  });

  it('never flags very common', async () => {
    const run = await frequency('--cases', '57', '--exposed', '57', '--band', 'very-common', '--json');
    expect(JSON.parse(run.stdout)).toMatchObject({ flag: null, comparedWith: null });
  });

  it('prints a readable summary without --json', async () => {
    const run = await frequency('--cases', '3', '--exposed', '10', '--band', 'uncommon');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Proportion: 3/10 = 30.0%');
    expect(run.stdout).toContain('95% interval (Clopper–Pearson exact binomial): 6.67% – 65.2%');
    expect(run.stdout).toContain('Flag: exceeds');
  });

  it.each([
    [['--cases', '5', '--exposed', '3'], /--cases: 5 patients with the reaction cannot exceed the 3 exposed/],
    [['--cases', '1.5', '--exposed', '3'], /--cases: "1.5" is not a whole number/],
    [['--cases', '1', '--exposed', '3', '--rate', '60'], /--rate: "60" is not a proportion from 0 to 1/],
    [['--cases', '1', '--exposed', '3', '--band', 'often'], /--band: "often" is not one of/],
    [['--cases', '1', '--exposed', '3', '--band', 'common', '--rate', '0.1'], /at most one of --rate and --band/],
  ])('refuses %p with a usage error (exit 2) and nothing on standard output', async (args, message) => {
    const run = await frequency(...args);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(message);
  });
});

describe('stats 2x2', () => {
  it('prints PRR, ROR, χ² and IC as one JSON document', async () => {
    const run = await runCliCaptured({}, 'stats', '2x2', '--a', '1', '--b', '2', '--c', '1', '--d', '6', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { expected: number; prr: { value: number }; ror: { value: number }; chiSquared: number; chiSquaredYates: number; ic: number; ic025: number; ic975: number };
    expect(doc.expected).toBeCloseTo(0.6, 10);
    expect(doc.prr.value).toBeCloseTo(2.3333, 4);
    expect(doc.ror.value).toBeCloseTo(3, 10);
    expect(doc.ic).toBeCloseTo(Math.log2(1.5 / 1.1), 10);
    expect(doc.ic025).toBeLessThan(doc.ic);
  });

  it('gives null and a note for an infinite ratio, and refuses a negative count', async () => {
    const run = await runCliCaptured({}, 'stats', '2x2', '--a', '3', '--b', '5', '--c', '0', '--d', '100', '--json');
    const doc = JSON.parse(run.stdout) as { prr: { value: null }; notes: string[] };
    expect(doc.prr.value).toBeNull();
    expect(doc.notes).toContain('PRR infinite: the event is reported with no other product (c = 0)');
    const text = await runCliCaptured({}, 'stats', '2x2', '--a', '5', '--b', '20', '--c', '0', '--d', '1000');
    expect(text.stdout).toMatch(/^ROR ∞ \(95% CI 28\.7\d+–\d+\.\d+, haldane-anscombe corrected\)$/m);
    const bad = await runCliCaptured({}, 'stats', '2x2', '--a', '-3', '--b', '5', '--c', '0', '--d', '100');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
  });
});

describe('count options', () => {
  it('accept every safe integer the message promises, 13 digits and 2^53 − 1 included', async () => {
    const run = await runCliCaptured({}, 'stats', '2x2', '--a', '12', '--b', '300', '--c', '150', '--d', '1234567890123', '--json');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ input: { d: 1_234_567_890_123 } });
    const largest = await frequency('--cases', '0', '--exposed', '9007199254740991', '--json');
    expect(largest.code).toBe(0);
    expect(JSON.parse(largest.stdout)).toMatchObject({ input: { exposed: Number.MAX_SAFE_INTEGER } });
  });

  it('refuses 2^53 and more with the range in the message, never a rounded value', async () => {
    for (const value of ['9007199254740992', '12345678901234567890']) {
      const run = await frequency('--cases', '0', '--exposed', value);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toContain(`--exposed: "${value}" is not a whole number from 0 to 9007199254740991`);
    }
  });
});

describe('stats ebgm', () => {
  it('prints EBGM, EB05 and EB95 for the given hyperparameters', async () => {
    const run = await runCliCaptured({}, 'stats', 'ebgm', '--n', '7', '--e', '2.5', '--alpha1', '0.2041', '--beta1', '0.05816', '--alpha2', '1.415', '--beta2', '1.838', '--p', '0.0651', '--json');
    expect(run.code).toBe(0);
    const doc = JSON.parse(run.stdout) as { ebgm: number; eb05: number; eb95: number; qn: number };
    expect(doc.eb05).toBeLessThan(doc.ebgm);
    expect(doc.ebgm).toBeLessThan(doc.eb95);
    expect(doc.qn).toBeGreaterThan(0);
  });

  it.each([
    [['--p', '1.5'], /--p: must lie between 0 and 1/],
    [['--p', 'lots'], /--p: "lots" is not a number/],
  ])('refuses %p', async (extra, message) => {
    const base = ['--n', '7', '--e', '2.5', '--alpha1', '0.2', '--beta1', '0.1', '--alpha2', '2', '--beta2', '4', '--p', '0.3'];
    const args = [...base.slice(0, -2), ...extra];
    const run = await runCliCaptured({}, 'stats', 'ebgm', ...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
