import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateQuarter } from '../bench/faers-generator';
import { ebgmScores, type Hyperparameters } from '../src/signals/ebgm';
import { SignalJobs } from '../src/signals/signal-jobs';
import { runCliCaptured } from './cli-run';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';

interface Pair {
  product: string;
  event: string;
  a: number;
  expected: number;
  ebgm: number | null;
  eb05: number | null;
  eb95: number | null;
  hits: string[];
}
interface Run {
  id: string;
  status: string;
  error: string | null;
  parameters: { presets: { id: string; applied: boolean }[] };
  totals: { pairs: number; hits: Record<string, number>; fromRun?: string; ebgm: { applied: boolean; reason?: string; theta?: Hyperparameters; truncatedAt?: number; method?: string; fromRun?: string } };
}

/**
 * EBGM inside a run: the prior fitted over every pair of a FAERS-shaped quarter (made by the benchmark's
 * deterministic generator, 20,000 reports), each pair's EBGM / EB05 / EB95 under it, and the FDA and MHRA
 * presets that need them.
 */
describe('EBGM in disproportionality runs', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let folder: string;
  let whole: Run;

  async function results(runId: string): Promise<Pair[]> {
    return (await safety.http().get(`/api/signal-detection/runs/${runId}/results`).query({ limit: 10_000 }).expect(200)).body as Pair[];
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    t.app.get(SignalJobs).start();
    folder = mkdtempSync(join(tmpdir(), 'cma-ebgm-'));
    await generateQuarter(folder, 20_000);
    const imported = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, 'faers', 'import', folder, '--json');
    expect(imported.code).toBe(0);
    const accepted = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', minCount: 3 }).expect(202);
    whole = await waitUntil(async () => (await safety.http().get(`/api/signal-detection/runs/${accepted.body.id}`).expect(200)).body as Run, (r) => r.status !== 'running', 60_000);
  }, 90_000);

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  it('fits the prior over every pair, truncated at the minimum count, and applies the FDA and MHRA presets', () => {
    expect(whole).toMatchObject({ status: 'done', error: null });
    expect(whole.totals.ebgm).toMatchObject({ applied: true, truncatedAt: 3 });
    expect(whole.totals.ebgm.method).toEqual(expect.any(String));
    expect(whole.parameters.presets.filter((p) => !p.applied)).toEqual([]);
  });

  it('stores each pair’s EBGM, EB05 and EB95 as the pure functions give them under the fitted prior', async () => {
    const pairs = await results(whole.id);
    expect(pairs.length).toBe(whole.totals.pairs);
    expect(pairs.length).toBeGreaterThan(100);
    const theta = whole.totals.ebgm.theta as Hyperparameters;
    for (const pair of pairs.filter((_, i) => i % 25 === 0)) {
      const expected = ebgmScores(theta, pair.a, pair.expected);
      expect(pair.ebgm).toBeCloseTo(expected.ebgm, 6);
      expect(pair.eb05).toBeCloseTo(expected.eb05, 6);
      expect(pair.eb95).toBeCloseTo(expected.eb95, 6);
    }
    for (const pair of pairs) {
      // (EB05 ≤ EBGM ≤ EB95 is usual but not a law: the posterior is a mixture.)
      expect(pair.eb05 ?? 0).toBeLessThan(pair.eb95 ?? 0);
      expect(pair.hits.includes('fda')).toBe((pair.eb05 ?? 0) >= 2);
      expect(pair.hits.includes('mhra')).toBe((pair.eb05 ?? 0) >= 1.8 && pair.a >= 3 && (pair.ebgm ?? 0) >= 2.5);
    }
    expect(whole.totals.hits.fda).toBe(pairs.filter((p) => p.hits.includes('fda')).length);
  });

  it('gives one product’s table from the current run over every pair, EBGM included', async () => {
    const product = (await results(whole.id))[0]?.product ?? '';
    const one = (await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product, minCount: 3 }).expect(201)).body as Run;
    expect(one.totals).toMatchObject({ fromRun: whole.id, ebgm: { applied: true, fromRun: whole.id } });
    const mine = (await results(whole.id)).filter((p) => p.product === product);
    expect((await results(one.id)).map((p) => [p.event, p.ebgm]).sort()).toEqual(mine.map((p) => [p.event, p.ebgm]).sort());
  });

  it('says why a product counted on its own has no EBGM, and leaves the presets that need it unapplied', async () => {
    // Other roles than the run over every pair: the product is counted on its own.
    const one = (await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'DRUG0 AI', roles: ['PS'], minCount: 3 }).expect(201)).body as Run;
    expect(one.totals.fromRun).toBeUndefined();
    expect(one.totals.ebgm).toMatchObject({ applied: false, reason: expect.stringContaining('every pair') });
    expect(one.parameters.presets.filter((p) => !p.applied).map((p) => p.id)).toEqual(['fda', 'mhra']);
    expect((await results(one.id)).every((p) => p.ebgm === null && !p.hits.includes('fda'))).toBe(true);
  });
});
