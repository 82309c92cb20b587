import { join } from 'node:path';
import { FaersCountedRows1764806400000 } from '../migrations/1764806400000-FaersCountedRows';
import { runCliCaptured } from './cli-run';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';
import { SignalJobs } from '../src/signals/signal-jobs';

interface Pair {
  product: string;
  event: string;
  a: number;
  b: number;
  c: number;
  d: number;
}

/**
 * The importer marks the rows that count (one per report and event, one per report and product with its
 * roles); the runs read the marks. Checked against the definition counted the slow way, with DISTINCT, on a
 * quarter made to trip the marking: duplicates, two roles, a report without reactions, scattered rows.
 */
describe('FAERS rows that count in disproportionality', () => {
  let t: TestApp;
  let safety: SignedInUser;

  /** The definition: reports with an event; a product's reports among them in the roles given; pairs by report. */
  async function definition(roles: string[]): Promise<string[][]> {
    const rows = await t.dataSource.query<{ product: string; event: string; a: number; b: number; c: number; d: number }[]>(
      `WITH events AS (SELECT DISTINCT primaryid, lower(btrim(pt)) AS event FROM faers_reaction),
            products AS (SELECT DISTINCT d.primaryid, upper(btrim(COALESCE(NULLIF(btrim(d.prod_ai), ''), d.drugname))) AS product FROM faers_drug d
                          WHERE d.role_cod = ANY ($1) AND d.primaryid IN (SELECT primaryid FROM events)),
            n AS (SELECT count(DISTINCT primaryid)::int AS n FROM events),
            pt AS (SELECT product, count(*)::int AS reports FROM products GROUP BY 1),
            et AS (SELECT event, count(*)::int AS reports FROM events GROUP BY 1),
            pairs AS (SELECT p.product, e.event, count(*)::int AS a FROM products p JOIN events e USING (primaryid) GROUP BY 1, 2)
       SELECT pairs.product, pairs.event, pairs.a, pt.reports - pairs.a AS b, et.reports - pairs.a AS c, n.n - pt.reports - et.reports + pairs.a AS d
         FROM pairs JOIN pt USING (product) JOIN et USING (event) CROSS JOIN n`,
      [roles],
    );
    return rows.map((r) => [r.product, r.event, r.a, r.b, r.c, r.d].map(String)).sort();
  }

  async function results(runId: string): Promise<string[][]> {
    const pairs = (await safety.http().get(`/api/signal-detection/runs/${runId}/results`).query({ limit: 1000 }).expect(200)).body as Pair[];
    return pairs.map((p) => [p.product, p.event, p.a, p.b, p.c, p.d].map(String)).sort();
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    t.app.get(SignalJobs).start();
    const imported = await runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent', AS_OF: '2026-11-21' }, 'faers', 'import', join(__dirname, 'fixtures', 'faers', '2026q1'), '--json');
    expect(imported.code).toBe(0);
  });

  afterAll(async () => {
    await t.close();
  });

  async function marks(): Promise<{ reactions: string[]; drugs: string[] }> {
    const reactions = await t.dataSource.query<{ primaryid: string; event: string }[]>(
      `SELECT r.primaryid::text, e.name AS event FROM faers_reaction r JOIN faers_event e ON e.id = r.event_id WHERE r.counted ORDER BY 1, 2`,
    );
    const drugs = await t.dataSource.query<{ primaryid: string; product: string; roles: number }[]>(
      `SELECT d.primaryid::text, p.name AS product, d.counted_roles AS roles FROM faers_drug d JOIN faers_product p ON p.id = d.product_id WHERE d.counted_roles IS NOT NULL ORDER BY 1, 2`,
    );
    return { reactions: reactions.map((r) => `${r.primaryid} ${r.event}`), drugs: drugs.map((d) => `${d.primaryid} ${d.product} ${d.roles}`) };
  }

  const MARKS = {
    reactions: ['5001 headache', '5001 nausea', '5002 headache', '5002 rash', '5003 rash', '5004 headache'],
    // 5001 names DRUGA as PS and C (1 | 8); 5005 has no reaction, so its drug does not count.
    drugs: ['5001 DRUGA 9', '5001 DRUGB 2', '5002 DRUGA 1', '5002 DRUGB 4', '5003 DRUGB 1', '5004 DRUGA 8'],
  };

  it('marks one row per report and event, and one per report and product with the roles of all its rows', async () => {
    expect(await marks()).toEqual(MARKS);
  });

  it('gives the figures of the definition, every pair and one product, in the default roles and in others', async () => {
    const all = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', minCount: 1 }).expect(202);
    const run = await waitUntil(
      async () => (await safety.http().get(`/api/signal-detection/runs/${all.body.id}`).expect(200)).body as { id: string; status: string; error: string | null },
      (r) => r.status !== 'running',
    );
    expect(run).toMatchObject({ status: 'done', error: null });
    const expected = await definition(['PS', 'SS', 'I']);
    expect(expected).toEqual([
      ['DRUGA', 'headache', '2', '0', '1', '1'],
      ['DRUGA', 'nausea', '1', '1', '0', '2'],
      ['DRUGA', 'rash', '1', '1', '1', '1'],
      ['DRUGB', 'headache', '2', '1', '1', '0'],
      ['DRUGB', 'nausea', '1', '2', '0', '1'],
      ['DRUGB', 'rash', '2', '1', '0', '1'],
    ]);
    expect(await results(run.id)).toEqual(expected);

    const one = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'drugb', roles: ['C', 'PS'], minCount: 1 }).expect(201);
    expect(await results(one.body.id)).toEqual((await definition(['C', 'PS'])).filter((row) => row[0] === 'DRUGB'));
    const concomitant = await safety.http().post('/api/signal-detection/runs').send({ database: 'faers', product: 'DRUGA', roles: ['C'], minCount: 1 }).expect(201);
    expect(await results(concomitant.body.id)).toEqual((await definition(['C'])).filter((row) => row[0] === 'DRUGA'));
    expect(concomitant.body.totals).toMatchObject({ reports: 4, pairs: 2 });
  });

  it('marks rows loaded before the marking existed the same way (the migration)', async () => {
    const runner = t.dataSource.createQueryRunner();
    try {
      const migration = new FaersCountedRows1764806400000();
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    expect(await marks()).toEqual(MARKS);
  });
});
