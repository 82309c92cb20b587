import { FrequencyRunsService } from '../src/frequencies/frequency-runs.service';
import { systemActor } from '../src/common/actor';
import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/**
 * The alerts of a frequency run are tied to the run: when the alert step fails after the run was stored, the
 * retry finds the same run (same digest, not stored again) and still raises them — once.
 */
describe('alerts raised from a frequency run, once, even after a failed attempt', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
    await safety.http().post(`/api/products/${product.name}/reference-safety`).send({ document: 'SmPC 4.8 (test)', effectiveFrom: '2025-01-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'common' }] }).expect(201);
    await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'treated', countedOn: '2026-10-31', patients: 500, source: 'test' }).expect(201);
    for (let i = 0; i < 3; i++) {
      await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: product.name }], reactions: [{ key: 'r1', reportedTerm: 'Nausea', ptName: 'Nausea', outcome: 'recovered', seriousness: [] }], causality: [] });
    }
    // A real fault in the alert step: the first insert into statistical_alert fails (a sequence is not rolled back).
    await t.dataSource.query(`
      CREATE SEQUENCE fail_alert_once;
      CREATE FUNCTION fail_alert_once() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN IF nextval('fail_alert_once') = 1 THEN RAISE EXCEPTION 'injected fault in the alert step'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER tg_fail_alert_once BEFORE INSERT ON statistical_alert FOR EACH ROW EXECUTE FUNCTION fail_alert_once();
    `);
  });
  afterAll(() => t.close());

  async function frequencyAlerts(): Promise<{ event: string; run_id: string }[]> {
    return t.dataSource.query(`SELECT event, run_id FROM statistical_alert WHERE source = 'frequency' AND product_id = $1 ORDER BY event`, [product.id]);
  }

  it('should keep the run, lose no alert, and raise them on the retry exactly once', async () => {
    const runs = t.app.get(FrequencyRunsService);
    const request = { product: product.name, dataLockPoint: '2026-11-21', periodStart: null, trigger: 'request' as const };
    await expect(runs.run(systemActor('test'), request)).rejects.toThrow('injected fault in the alert step');
    const [stored] = await t.dataSource.query<{ id: string }[]>('SELECT id FROM frequency_run WHERE product_id = $1', [product.id]);
    expect(stored).toBeDefined();
    expect(await frequencyAlerts()).toEqual([]);

    const retry = await runs.run(systemActor('test'), request);
    expect(retry.stored).toBe(false);
    expect(retry.run.id).toBe(stored!.id);
    expect(await frequencyAlerts()).toEqual([{ event: 'Nausea', run_id: stored!.id }]);
    const [marker] = await t.dataSource.query<{ raised: number }[]>('SELECT raised FROM frequency_run_alerts WHERE run_id = $1', [stored!.id]);
    expect(marker?.raised).toBe(1);

    // Once handled, the same run raises nothing more (and its alert step is not run again).
    await runs.run(systemActor('test'), request);
    expect(await frequencyAlerts()).toHaveLength(1);
    const audit = await t.dataSource.query<unknown[]>(`SELECT 1 FROM audit_entry WHERE entity_type = 'statistical-alert' AND action = 'raise'`);
    expect(audit).toHaveLength(1);
  });
});
