import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { disproportionality } from '../src/signals/disproportionality';
import { SignalJobs } from '../src/signals/signal-jobs';
import { runCliCaptured } from './cli-run';
import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';

interface Ratio {
  value: number | null;
  infinite: boolean;
  lower: number | null;
  upper: number | null;
}
interface Pair {
  product: string;
  event: string;
  a: number;
  b: number;
  c: number;
  d: number;
  expected: number;
  prr: Ratio;
  ror: Ratio;
  zeroCellCorrection: string | null;
  chiSquared: number | null;
  ebgm: number | null;
  eb05: number | null;
  hits: string[];
  review: { reason: string; explanation: string }[];
  notes: string[];
}
interface Run {
  id: string;
  status: string;
  error: string | null;
  parameters: { prior?: Record<string, unknown>; presets: { id: string; rule: string; source: string }[] };
  totals: { pairs: number; review: Record<string, number>; fromRun?: string; ebgm: Record<string, unknown> };
}

/**
 * Screening of zero-cell tables and case-by-case review (GVP IX Addendum I), and runs given EBGM's prior, on a
 * small own database: 3 reports of our product with "graft failure" (serious, not in its reference safety
 * information) and no report of it with any other product (c = 0), 2 of our product with headache (listed,
 * not serious), 10 of another drug with headache and 2 with nausea.
 */
describe('screening zero-cell tables and pairs for review', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };
  let folder: string;

  const reaction = (pt: string, serious: boolean): Record<string, unknown> => ({
    reactions: [{ key: 'r1', reportedTerm: pt, ptName: pt, outcome: 'recovered', seriousness: serious ? ['hospitalisation'] : [] }],
    causality: [],
  });

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    t.app.get(SignalJobs).start();
    product = await createProduct(t);
    folder = mkdtempSync(join(tmpdir(), 'cma-screening-'));
    await safety.http().post(`/api/products/${product.name}/reference-safety`).send({ document: 'SmPC 4.8 (test)', effectiveFrom: '2025-01-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'common' }] }).expect(201);
    const ours = { drugs: [{ key: 'd1', role: 'suspect', name: product.name }] };
    const other = { drugs: [{ key: 'd1', role: 'suspect', name: 'Other drug' }] };
    for (let i = 0; i < 3; i++) {
      await logCase(safety, product.name, { ...ours, ...reaction('Graft failure', true) });
    }
    for (let i = 0; i < 2; i++) {
      await logCase(safety, product.name, { ...ours, ...reaction('Headache', false) });
    }
    for (let i = 0; i < 12; i++) {
      await logCase(safety, product.name, { ...other, ...reaction(i < 10 ? 'Headache' : 'Nausea', false) });
    }
  });

  afterAll(async () => {
    rmSync(folder, { recursive: true, force: true });
    await t.close();
  });

  async function results(runId: string, query: Record<string, string> = {}): Promise<Pair[]> {
    return (await safety.http().get(`/api/signal-detection/runs/${runId}/results`).query({ limit: '1000', ...query }).expect(200)).body as Pair[];
  }

  function find(pairs: Pair[], productName: string, event: string): Pair {
    const found = pairs.find((p) => p.product === productName.toUpperCase() && p.event === event);
    if (found === undefined) {
      throw new Error(`no pair ${productName}–${event} in ${JSON.stringify(pairs.map((p) => [p.product, p.event]))}`);
    }
    return found;
  }

  async function wholeRun(body: Record<string, unknown> = {}): Promise<Run> {
    const accepted = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', minCount: 1, ...body }).expect(202);
    return waitUntil(async () => (await safety.http().get(`/api/signal-detection/runs/${accepted.body.id}`).expect(200)).body as Run, (r) => r.status !== 'running');
  }

  it('stores an infinite PRR and ROR as such, with intervals on the Haldane–Anscombe corrected table, and the infinite PRR meets Evans', async () => {
    const run = (await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.name, minCount: 1 }).expect(201)).body as Run;
    const graft = find(await results(run.id), product.name, 'graft failure');
    expect(graft).toMatchObject({ a: 3, b: 2, c: 0, d: 12, zeroCellCorrection: 'haldane-anscombe' });
    expect(graft.prr).toMatchObject({ value: null, infinite: true });
    expect(graft.ror).toMatchObject({ value: null, infinite: true });
    const pure = disproportionality({ a: 3, b: 2, c: 0, d: 12 });
    expect(graft.ror.lower).toBeCloseTo(pure.ror.lower ?? Number.NaN, 12);
    expect(graft.prr.lower).toBeCloseTo(pure.prr.lower ?? Number.NaN, 12);
    expect(graft.hits).toEqual(expect.arrayContaining(['evans', 'evans-yates']));
    expect(graft.notes.join(' ')).toContain('Haldane–Anscombe');
    const headache = find(await results(run.id), product.name, 'headache');
    expect(headache).toMatchObject({ zeroCellCorrection: null, prr: { infinite: false }, review: [] });
    // A hit on our product raises an alert as before.
    const alerts = (await safety.http().get('/api/alerts').query({ product: product.id }).expect(200)).body as { event: string; rule: string; figures: Record<string, unknown> }[];
    const alert = alerts.find((a) => a.event === 'graft failure');
    expect(alert?.rule).toContain('evans');
    expect(alert?.figures).toMatchObject({ prr: null, prrInfinite: true, rorInfinite: true, zeroCellCorrection: 'haldane-anscombe', review: ['zero-cell', 'serious-unlisted'] });
  });

  it('lists zero-cell pairs and our serious unlisted reactions for review whatever the statistic says, filterable', async () => {
    const run = await wholeRun();
    expect(run.error).toBeNull();
    const all = await results(run.id);
    for (const pair of all) {
      // What the database says about infinity agrees with the pure figures.
      const pure = disproportionality(pair);
      expect([pair.prr.infinite, pair.ror.infinite, pair.zeroCellCorrection]).toEqual([pure.prr.infinite, pure.ror.infinite, pure.zeroCellCorrection]);
    }
    expect(find(all, product.name, 'graft failure').review.map((r) => r.reason)).toEqual(['zero-cell', 'serious-unlisted']);
    expect(find(all, 'Other drug', 'nausea').review.map((r) => r.reason)).toEqual(['zero-cell']);
    expect(find(all, product.name, 'headache').review).toEqual([]);
    expect((await results(run.id, { review: 'serious-unlisted' })).map((p) => [p.product, p.event])).toEqual([[product.name.toUpperCase(), 'graft failure']]);
    const listed = await results(run.id, { review: 'any' });
    expect(listed.length).toBe(all.filter((p) => p.review.length > 0).length);
    expect(run.totals.review).toMatchObject({ 'zero-cell': all.filter((p) => p.review.some((r) => r.reason === 'zero-cell')).length, 'serious-unlisted': 1, ime: 0, dme: 0 });
    await safety.http().get(`/api/signal-detection/runs/${run.id}/results`).query({ review: 'someday' }).expect(400);
  });

  it('lists pairs whose event is on a loaded IME list (loaded from a CSV export by the CLI)', async () => {
    const file = join(folder, 'ime.csv');
    writeFileSync(file, 'SOC name,PT code,PT name\nNervous system disorders,10019211,Headache\n"Injury, poisoning",10000001,"Graft failure"\n');
    const loaded = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, 'signals', 'event-list', file, '--list', 'ime', '--version', 'test IME list', '--json');
    expect(loaded.stderr).toBe('');
    expect(JSON.parse(loaded.stdout)).toMatchObject({ list: 'ime', version: 'test IME list', terms: 2, replaced: 0 });
    const run = (await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.name, minCount: 1 }).expect(201)).body as Run;
    const pairs = await results(run.id);
    expect(find(pairs, product.name, 'headache').review.map((r) => r.reason)).toEqual(['ime']);
    expect(find(pairs, product.name, 'graft failure').review.map((r) => r.reason)).toEqual(['zero-cell', 'serious-unlisted', 'ime']);
    const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_entry WHERE entity_type = 'medical-event-list'`);
    expect(audit.map((a) => a.action)).toEqual(['load']);
  });

  it('uses a given prior exactly as given, says where it came from, and scores EBGM in closed form under it', async () => {
    const prior = { alpha1: 1, beta1: 0.5, alpha2: 2, beta2: 1, p: 0.3, source: 'test: integer shapes, so ψ is a harmonic number' };
    // Four pairs: too few to fit a prior, enough to use a given one.
    const run = await wholeRun({ prior });
    expect(run.error).toBeNull();
    expect(run.parameters.prior).toEqual(prior);
    expect(run.totals.ebgm).toMatchObject({ applied: true, obtained: 'given', source: prior.source, theta: { alpha1: 1, beta1: 0.5, alpha2: 2, beta2: 1, p: 0.3 } });
    const graft = find(await results(run.id), product.name, 'graft failure');
    const [n, e] = [graft.a, graft.expected];
    // Negative binomial weights with α1 = 1, α2 = 2 and n = 3: Γ(α+n)/(Γ(α) n!) is 1 and 4.
    const f1 = (0.5 / (0.5 + e)) * (e / (0.5 + e)) ** n;
    const f2 = 4 * (1 / (1 + e)) ** 2 * (e / (1 + e)) ** n;
    const qn = (0.3 * f1) / (0.3 * f1 + 0.7 * f2);
    const euler = 0.5772156649015329;
    const psi4 = -euler + 1 + 1 / 2 + 1 / 3;
    const psi5 = psi4 + 1 / 4;
    const closedForm = Math.exp(qn * (psi4 - Math.log(0.5 + e)) + (1 - qn) * (psi5 - Math.log(1 + e)));
    expect(graft.ebgm).toBeCloseTo(closedForm, 10);
    // Without a prior, four pairs give no EBGM and say why.
    const fitted = await wholeRun();
    expect(fitted.totals.ebgm).toMatchObject({ applied: false, reason: expect.stringContaining('at least 50 pairs') });
  });

  it.each([
    [{ alpha1: -1 }, 'prior.alpha1'],
    [{ beta2: 0 }, 'prior.beta2'],
    [{ p: 1.5 }, 'prior.p'],
    [{ source: '' }, 'prior.source'],
    [{ alpha2: 'two' }, 'prior.alpha2'],
  ])('refuses a given prior with %p (400 naming %s)', async (change, field) => {
    const prior = { alpha1: 1, beta1: 0.5, alpha2: 2, beta2: 1, p: 0.3, source: 'test', ...change };
    const response = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.name, prior }).expect(400);
    expect((response.body as { errors: { field: string }[] }).errors.map((x) => x.field)).toContain(field);
  });

  it('scores one FAERS product counted on its own when the prior is given, and does not borrow another run’s prior', async () => {
    const imported = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, 'faers', 'import', join(__dirname, 'fixtures', 'faers', '2025q3'), '--json');
    expect(imported.code).toBe(0);
    const prior = { alpha1: 0.2, beta1: 0.1, alpha2: 2, beta2: 4, p: 0.33, source: 'test prior' };
    // A current run over every pair, fitted (or not) without that prior: one product's table is not taken from it.
    const whole = (await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', minCount: 1 }).expect(202)).body as Run;
    await waitUntil(async () => (await safety.http().get(`/api/signal-detection/runs/${whole.id}`).expect(200)).body as Run, (r) => r.status !== 'running');
    const run = (await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'Etranacogene dezaparvovec', minCount: 1, prior }).expect(201)).body as Run;
    expect(run.totals.fromRun).toBeUndefined();
    expect(run.totals.ebgm).toMatchObject({ applied: true, obtained: 'given', source: 'test prior' });
    const pairs = await results(run.id);
    expect(pairs.length).toBeGreaterThan(0);
    expect(pairs.every((p) => p.ebgm !== null)).toBe(true);
  });
});
