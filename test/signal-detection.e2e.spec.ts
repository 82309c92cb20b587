import { join } from 'node:path';
import { runCliCaptured } from './cli-run';
import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';
import { SignalJobs } from '../src/signals/signal-jobs';

type Pair = { product: string; event: string; a: number; b: number; c: number; d: number; expected: number; prr: { value: number | null }; ror: { value: number | null }; ic025: number; hits: string[] };
type Run = { id: string; status: string; totals: { reports: number; pairs: number; hits: Record<string, number> } | null; parameters: { roles: string[]; minCount: number; unit: string; meddra: string; presets: { id: string; applied: boolean }[] } };

describe('disproportionality over our own cases', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
    t.app.get(SignalJobs).start();
    // FDA openEBGM's "dat2": ten reports, product A,B,B,B,C,A,A,B,B,C with event e1,e2,e2,e3,e3,e2,e3,e3,e3,e1.
    const products = ['A', 'B', 'B', 'B', 'C', 'A', 'A', 'B', 'B', 'C'];
    const events = ['e1', 'e2', 'e2', 'e3', 'e3', 'e2', 'e3', 'e3', 'e3', 'e1'];
    for (const [i, drug] of products.entries()) {
      await logCase(safety, product.name, {
        drugs: [{ key: 'd1', role: 'suspect', name: drug }],
        reactions: [{ key: 'r1', reportedTerm: events[i], ptName: events[i], outcome: 'recovered', seriousness: [] }],
        causality: [],
      });
    }
    // A concomitant drug does not count by default.
    await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'concomitant', name: 'A' }], reactions: [{ key: 'r1', reportedTerm: 'e9', ptName: 'e9', outcome: 'recovered', seriousness: [] }], causality: [] });
  });

  afterAll(async () => {
    await t.close();
  });

  async function pairs(runId: string, query: Record<string, string> = {}): Promise<Pair[]> {
    return (await safety.http().get(`/api/signal-detection/runs/${runId}/results`).query(query).expect(200)).body as Pair[];
  }

  function pair(list: Pair[], productName: string, event: string): Pair {
    const found = list.find((p) => p.product === productName && p.event === event);
    if (found === undefined) {
      throw new Error(`no pair ${productName}–${event}`);
    }
    return found;
  }

  it('runs every pair as a background job, counting reports of suspect and interacting drugs only', async () => {
    const accepted = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', minCount: 1 }).expect(202);
    expect(accepted.body).toMatchObject({ status: 'running', database: 'own', product: null });
    const run = await waitUntil(
      async () => (await safety.http().get(`/api/signal-detection/runs/${accepted.body.id}`).expect(200)).body as Run,
      (r) => r.status !== 'running',
    );
    expect((run as Run & { error: string | null }).error).toBeNull();
    expect(run.status).toBe('done');
    expect(run.totals).toMatchObject({ reports: 11 });
    expect(run.parameters).toMatchObject({ roles: ['interacting', 'suspect'], minCount: 1, unit: 'reports' });
    expect(run.parameters.presets.find((p) => p.id === 'fda')?.applied).toBe(false);
    const all = await pairs(run.id, { limit: '100' });
    // N is 11 here (the concomitant-only report counts in N, not for A); dat2's published figures (N = 10)
    // are checked below once that report is nullified.
    expect(pair(all, 'A', 'e1')).toMatchObject({ a: 1, b: 2, c: 1 });
    expect(all.some((p) => p.event === 'e9')).toBe(false);
  });

  it('gives one product’s table at once, counting the roles asked for', async () => {
    const response = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: 'b', roles: ['suspect', 'interacting', 'concomitant'], minCount: 1 }).expect(201);
    expect(response.body).toMatchObject({ status: 'done', product: 'B' });
    const table = await pairs(response.body.id);
    expect(table.map((p) => p.event).sort()).toEqual(['e2', 'e3']);
    // With concomitant drugs counted, the eleventh report (A, e9) adds to N and to c/d only.
    const e2 = pair(table, 'B', 'e2');
    expect(e2).toMatchObject({ a: 2, b: 3, c: 1, d: 5 });
    expect(e2.prr.value).toBeCloseTo(2 / 5 / (1 / 6), 10);
  });

  it('matches dat2 exactly on a database of just those ten reports', async () => {
    // Nullify the eleventh report: a nullified case is out of every count.
    const [extra] = await t.dataSource.query<{ id: string }[]>(`SELECT c.id FROM safety_case c JOIN safety_case_version v ON v.case_id = c.id AND v.version = c.current_version WHERE v.content->'reactions'->0->>'ptName' = 'e9'`);
    await safety.http().post(`/api/safety-cases/${extra?.id}/nullification`).send({ reason: 'test: back to the ten dat2 reports' }).expect(201);
    const started = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', minCount: 1 }).expect(202);
    const run = await waitUntil(async () => (await safety.http().get(`/api/signal-detection/runs/${started.body.id}`)).body as Run, (r) => r.status !== 'running');
    expect(run.totals?.reports).toBe(10);
    const all = await pairs(run.id, { limit: '100' });
    for (const [productName, event, expected, prr] of [
      ['A', 'e1', 0.6, 2.3333],
      ['B', 'e2', 1.5, 2],
      ['B', 'e3', 2.5, 1.5],
      ['C', 'e1', 0.4, 4],
    ] as const) {
      const found = pair(all, productName, event);
      expect(found.expected).toBeCloseTo(expected, 10);
      expect(found.prr.value).toBeCloseTo(prr, 4);
    }
  });

  it('refuses an unknown role, a bad database, and an account limited to some products', async () => {
    const role = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', roles: ['suspect'] }).expect(422);
    expect(role.body.errors[0]).toMatchObject({ field: 'roles' });
    const database = await safety.http().post('/api/signal-detection/runs').send({ database: 'vigibase' }).expect(400);
    expect(JSON.stringify(database.body)).toContain('database');
    const scoped = await t.signIn('safety', { productIds: [product.id] });
    const refused = await scoped.http().post('/api/signal-detection/runs').send({ database: 'own', product: 'B' }).expect(403);
    expect(refused.body.code).toBe('SIGNAL_DETECTION_NEEDS_ALL_PRODUCTS');
  });
});

describe('disproportionality over FAERS', () => {
  let t: TestApp;
  let safety: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    const imported = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, 'faers', 'import', join(__dirname, 'fixtures', 'faers', '2025q3'), '--json');
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts one active ingredient against the whole FAERS data, by report and by role', async () => {
    const response = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'Etranacogene dezaparvovec', minCount: 1 }).expect(201);
    expect(response.body.totals).toMatchObject({ reports: 4, pairs: 3 });
    const table = (await safety.http().get(`/api/signal-detection/runs/${response.body.id}/results`).expect(200)).body as Pair[];
    expect(table.map((p) => [p.event, p.a, p.b, p.c, p.d])).toEqual(
      expect.arrayContaining([
        ['headache', 1, 1, 2, 0],
        ['nausea', 1, 1, 0, 2],
        ['pyrexia', 1, 1, 0, 2],
      ]),
    );
    const concomitant = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'IBUPROFEN', minCount: 1 }).expect(201);
    expect(concomitant.body.totals.pairs).toBe(0);
    const withC = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'IBUPROFEN', roles: ['C'], minCount: 1 }).expect(201);
    expect(withC.body.totals.pairs).toBe(2);
  });

  it('agrees between the one-product path and the every-pair run', async () => {
    const cli = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, 'signals', 'run', '--database', 'faers', '--min-count', '1', '--json');
    expect(cli.code).toBe(0);
    const run = JSON.parse(cli.stdout) as Run;
    expect(run.totals).toMatchObject({ reports: 4 });
    const all = (await safety.http().get(`/api/signal-detection/runs/${run.id}/results`).query({ product: 'etranacogene dezaparvovec' }).expect(200)).body as Pair[];
    expect(all.map((p) => [p.event, p.a, p.b, p.c, p.d]).sort()).toEqual([
      ['headache', 1, 1, 2, 0],
      ['nausea', 1, 1, 0, 2],
      ['pyrexia', 1, 1, 0, 2],
    ]);
    // Now that a whole-database run is current, one product's table is taken from it (same figures).
    const fast = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'ETRANACOGENE DEZAPARVOVEC', roles: ['SS', 'PS', 'I'], minCount: 1 }).expect(201);
    expect(fast.body.totals).toMatchObject({ fromRun: run.id, reports: 4, pairs: 3 });
    const copied = (await safety.http().get(`/api/signal-detection/runs/${fast.body.id}/results`).expect(200)).body as Pair[];
    expect(copied.map((p) => [p.event, p.a, p.b, p.c, p.d]).sort()).toEqual(all.map((p) => [p.event, p.a, p.b, p.c, p.d]).sort());
  });
});
