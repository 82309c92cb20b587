import { Queue } from 'bullmq';
import { JobQueues } from '../src/common/job-queues';
import { FrequencyTrigger, FREQUENCY_QUEUE, RECOMPUTE_JOB } from '../src/frequencies/frequency-trigger';
import { FrequencyWorkers } from '../src/frequencies/frequency-workers';
import { createProduct, logCase, versionBody } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';
import { waitUntil } from './wait';

type Row = { level: string; label: string; patients: number; serious: number; fatal: number; solicitedPatients: number; solicitedExposed: number | null; proportion: number | null; interval: { lower: number; upper: number } | null; spontaneousPatients: number; spontaneousExposed: number | null; reportingRate: number | null; flag: string | null; explanation: string; followUp: unknown; listedTerms: string[] };
type Run = { id: string; stored: boolean; summary: Record<string, number>; rows: Row[]; digest: string; referenceSafety: { version: number } | null; exposure: Record<string, unknown>; period: string; trigger: string };

const TERMS = [
  { term: 'Headache', frequencyBand: 'common' },
  { term: 'Nausea', frequencyBand: 'very-common' },
  { term: 'Acute graft-versus-host disease', ptNames: ['Acute graft versus host disease'], frequencyBand: 'very-common', statedRatePercent: 60, fatalOutcomeListed: true },
  { term: 'Chronic graft-versus-host disease', ptNames: ['Chronic graft versus host disease'], frequencyBand: 'very-common', statedRatePercent: 16, lateOnset: true },
  { term: 'Adverse reactions leading to death', kind: 'outcome', outcome: 'fatal', statedRatePercent: 8 },
];

async function setUpProduct(t: TestApp, safety: SignedInUser): Promise<{ id: string; name: string }> {
  const product = await createProduct(t);
  await safety.http().post(`/api/products/${product.name}/reference-safety`).send({ document: 'SmPC 4.8 (test)', effectiveFrom: '2025-01-01', complete: true, terms: TERMS }).expect(201);
  return product;
}

interface Reaction {
  pt?: string;
  reported?: string;
  seriousness?: string[];
  outcome?: string;
}

function reactions(list: Reaction[]): Record<string, unknown>[] {
  return list.map((r, i) => ({ key: `r${i + 1}`, reportedTerm: r.reported ?? r.pt ?? 'something', ...(r.pt === undefined ? {} : { ptName: r.pt }), outcome: r.outcome ?? 'recovered', seriousness: r.seriousness ?? [] }));
}

/** A solicited registry case of a patient (by subject number), with reactions possibly related to the suspect. */
async function registryCase(safety: SignedInUser, product: string, patient: string, receivedOn: string, list: Reaction[], causality: [string, string] = ['possible', 'possible']): Promise<Record<string, any>> {
  return logCase(safety, product, {
    reportType: 'solicited',
    solicitedSource: 'registry',
    initialReceiptOn: receivedOn,
    patient: { initials: 'XX', identifier: patient, ageValue: 40, ageUnit: 'year', sex: 'male' },
    reactions: reactions(list),
    causality: list.map((_, i) => ({ drugKey: 'd1', reactionKey: `r${i + 1}`, reporter: causality[0], company: causality[1] })),
  });
}

function row(run: Run, level: string, label: string): Row {
  const found = run.rows.find((r) => r.level === level && r.label === label);
  if (found === undefined) {
    throw new Error(`no ${level} row "${label}" in ${run.rows.map((r) => `${r.level}:${r.label}`).join(', ')}`);
  }
  return found;
}

describe('side-effect frequencies against the stated rates', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };
  let lateCase: Record<string, any>;
  let nullifiedCase: Record<string, any>;

  async function runAt(dataLockPoint: string, periodStart?: string): Promise<Run> {
    const response = await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint, ...(periodStart === undefined ? {} : { periodStart }) });
    expect(response.status).toBe(201);
    return response.body as Run;
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await setUpProduct(t, safety);
    await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'registry', countedOn: '2026-01-31', patients: 10, followUpMedianMonths: 11, followUpMaxMonths: 23, source: 'registry data cut' }).expect(201);
    await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'treated', countedOn: '2026-01-31', patients: 200, source: 'treatment centre returns' }).expect(201);

    // Headache: patients P1 (two reports), P2–P5 → 5 of 10; P9's is assessed as unrelated by both and left out.
    await registryCase(safety, product.name, 'REG-P1', '2026-03-01', [{ pt: 'Headache' }, { pt: 'Nausea' }]);
    await registryCase(safety, product.name, 'reg-p1 ', '2026-04-01', [{ pt: 'Headache', seriousness: ['hospitalisation'] }]);
    for (const patient of ['REG-P2', 'REG-P3', 'REG-P4']) {
      await registryCase(safety, product.name, patient, '2026-05-01', [{ pt: 'Headache' }, { pt: 'Nausea' }]);
    }
    await registryCase(safety, product.name, 'REG-P5', '2026-05-02', [{ pt: 'Headache' }]);
    await registryCase(safety, product.name, 'REG-P9', '2026-05-03', [{ pt: 'Headache' }], ['unrelated', 'unlikely']);
    // Acute GvHD with a fatal outcome, received before the interval.
    await registryCase(safety, product.name, 'REG-P6', '2025-06-01', [{ pt: 'Acute graft versus host disease', seriousness: ['death'], outcome: 'fatal' }]);
    await registryCase(safety, product.name, 'REG-P7', '2026-06-01', [{ pt: 'Hepatic failure', seriousness: ['hospitalisation'] }]);
    await registryCase(safety, product.name, 'REG-P8', '2026-06-02', [{ reported: 'felt odd all week' }]);
    // A spontaneous report (no identifier: its own patient).
    await logCase(safety, product.name, { reactions: reactions([{ pt: 'Headache' }]), causality: [] });
    // P10: Nausea first; a follow-up received on 2026-09-01 adds acute GvHD.
    lateCase = await registryCase(safety, product.name, 'REG-P10', '2026-06-10', [{ pt: 'Nausea' }]);
    await safety
      .http()
      .post(`/api/safety-cases/${lateCase.id}/versions`)
      .send(versionBody('follow-up', { reportType: 'solicited', solicitedSource: 'registry', initialReceiptOn: '2026-06-10', day0: '2026-09-01', patient: { identifier: 'REG-P10', sex: 'male' }, reactions: reactions([{ pt: 'Nausea' }, { pt: 'Acute graft versus host disease' }]), causality: [] }))
      .expect(201);
    // P11: Nausea, nullified today.
    nullifiedCase = await registryCase(safety, product.name, 'REG-P11', '2026-02-01', [{ pt: 'Nausea' }]);
    await safety.http().post(`/api/safety-cases/${nullifiedCase.id}/nullification`).send({ reason: 'sent in error' }).expect(201);
  });

  afterAll(async () => {
    await t.close();
  });

  it('counts patients, not reports, and flags a common reaction whose interval lies at or above 10%', async () => {
    const run = await runAt('2026-11-21');
    const headache = row(run, 'term', 'Headache');
    expect(headache).toMatchObject({ patients: 6, solicitedPatients: 5, spontaneousPatients: 1, serious: 1, solicitedExposed: 10, proportion: 0.5, spontaneousExposed: 200, flag: 'exceeds' });
    expect(headache.interval?.lower).toBeCloseTo(0.187086, 5);
    expect(headache.interval?.upper).toBeCloseTo(0.812914, 5);
    expect(headache.reportingRate).toBeCloseTo(1 / 200, 10);
    expect(headache.explanation).toMatch(/at or above the band common/);
    expect(run.summary).toMatchObject({ reactionsNotRelated: 1, nullified: 1 });
  });

  it('never flags very common, flags nothing when the interval reaches the stated rate, and shows follow-up beside a late event', async () => {
    const run = await runAt('2026-11-21');
    expect(row(run, 'term', 'Nausea')).toMatchObject({ solicitedPatients: 5, flag: null });
    expect(row(run, 'term', 'Acute graft-versus-host disease')).toMatchObject({ solicitedPatients: 2, fatal: 1, flag: null });
    const chronic = row(run, 'term', 'Chronic graft-versus-host disease');
    expect(chronic).toMatchObject({ patients: 0, proportion: 0, flag: null, followUp: { medianMonths: 11, maxMonths: 23 } });
    expect(chronic.explanation).toMatch(/late event: patients followed median 11 months/);
  });

  it('compares an outcome rate as patients with that outcome over patients exposed', async () => {
    const death = row(await runAt('2026-11-21'), 'outcome', 'Adverse reactions leading to death');
    expect(death).toMatchObject({ patients: 1, solicitedPatients: 1, solicitedExposed: 10, proportion: 0.1, flag: null });
    expect(death.explanation).toMatch(/patients with a reaction with a fatal outcome over patients exposed/);
  });

  it('flags an unlisted PT and a reaction recorded in the reporter’s words only', async () => {
    const run = await runAt('2026-11-21');
    expect(row(run, 'pt', 'Hepatic failure')).toMatchObject({ flag: 'unlisted', patients: 1, serious: 1 });
    expect(row(run, 'pt', 'felt odd all week')).toMatchObject({ flag: 'uncoded' });
    expect(row(run, 'pt', 'Headache')).toMatchObject({ flag: null, listedTerms: ['Headache'] });
    expect(row(run, 'soc', 'SOC not known (reaction not coded against a loaded MedDRA release)').patients).toBeGreaterThan(0);
  });

  it('counts interval cases by initial receipt date, cumulative ones from the start', async () => {
    const interval = await runAt('2026-11-21', '2025-11-22');
    const cumulative = await runAt('2026-11-21');
    expect(interval.period).toBe('interval');
    expect(row(interval, 'term', 'Acute graft-versus-host disease').solicitedPatients).toBe(1);
    expect(row(cumulative, 'term', 'Acute graft-versus-host disease').solicitedPatients).toBe(2);
    expect(row(interval, 'outcome', 'Adverse reactions leading to death').patients).toBe(0);
  });

  it('takes each case as it stood at the data lock point', async () => {
    const before = await runAt('2026-08-31');
    expect(row(before, 'term', 'Acute graft-versus-host disease').solicitedPatients).toBe(1);
    // P11's nullification came after this DLP: its Nausea still counts then.
    expect(row(before, 'term', 'Nausea').solicitedPatients).toBe(6);
    expect(before.summary.nullified).toBe(0);
    const after = await runAt('2026-11-21');
    expect(row(after, 'term', 'Nausea').solicitedPatients).toBe(5);
  });

  it('stores a run once: a re-run with nothing new returns it, a change makes a new one', async () => {
    const first = await runAt('2026-10-31');
    const again = await runAt('2026-10-31');
    expect(again.stored).toBe(false);
    expect(again.id).toBe(first.id);
    expect(again.digest).toBe(first.digest);
    await registryCase(safety, product.name, 'REG-P12', '2026-10-01', [{ pt: 'Headache' }]);
    const changed = await runAt('2026-10-31');
    expect(changed.stored).toBe(true);
    expect(changed.id).not.toBe(first.id);
    expect(row(changed, 'term', 'Headache').solicitedPatients).toBe(row(first, 'term', 'Headache').solicitedPatients + 1);
    const stored = await safety.http().get(`/api/frequency-runs/${first.id}`).expect(200);
    expect(stored.body.rows).toEqual(first.rows);
    const listed = await safety.http().get('/api/frequency-runs').query({ product: product.name, period: 'cumulative' }).expect(200);
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual(expect.arrayContaining([first.id, changed.id]));
    expect(listed.body[0]).not.toHaveProperty('rows');
  });

  it('records the inputs of a run: reference-information version and exposure figures', async () => {
    const run = await runAt('2026-11-21');
    expect(run.referenceSafety?.version).toBe(1);
    expect(run.exposure).toMatchObject({ solicited: { patients: 10 }, spontaneous: { patients: 200, figure: { kind: 'treated' } } });
  });

  it('refuses a data lock point in the future, an interval that starts after it, and an unknown product', async () => {
    const future = await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint: '2026-12-31' }).expect(422);
    expect(future.body.errors).toEqual([expect.objectContaining({ field: 'dataLockPoint' })]);
    const backwards = await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint: '2026-10-31', periodStart: '2026-11-01' }).expect(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'periodStart' })]);
    await safety.http().post('/api/frequency-runs').send({ product: 'no such product', dataLockPoint: '2026-10-31' }).expect(404);
    const notADate = await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint: '2026-02-30' }).expect(400);
    expect(JSON.stringify(notADate.body)).toContain('dataLockPoint');
  });
});

describe('exposure figures', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('derives patients from distributed doses and labels the figure an estimate', async () => {
    const estimate = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'dose-estimate', countedOn: '2026-10-31', dosesDistributed: 97, dosesPerPatient: 2, source: 'sales' }).expect(201);
    expect(estimate.body).toMatchObject({ patients: 48, estimate: true, dosesDistributed: 97, dosesPerPatient: 2 });
  });

  it.each([
    [{ kind: 'registry', countedOn: '2026-10-31', source: 's' }, 'patients'],
    [{ kind: 'registry', countedOn: '2026-12-01', patients: 3, source: 's' }, 'countedOn'],
    [{ kind: 'registry', countedOn: '2026-10-31', patients: 3, dosesDistributed: 3, source: 's' }, 'dosesDistributed'],
    [{ kind: 'dose-estimate', countedOn: '2026-10-31', dosesDistributed: 10, source: 's' }, 'dosesPerPatient'],
    [{ kind: 'dose-estimate', countedOn: '2026-10-31', dosesDistributed: 10, dosesPerPatient: 1, patients: 12, source: 's' }, 'patients'],
    [{ kind: 'registry', countedOn: '2026-10-31', patients: 3, followUpMedianMonths: 20, followUpMaxMonths: 10, source: 's' }, 'followUpMedianMonths'],
    [{ kind: 'registry', countedOn: '2026-10-31', patients: 3, source: 's', reason: 'why' }, 'reason'],
  ])('refuses %p naming %s', async (body, field) => {
    const response = await safety.http().post(`/api/products/${product.name}/exposure`).send(body).expect(422);
    expect(response.body.errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('refuses bad types at the boundary with 400 naming the field', async () => {
    const response = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'sold', countedOn: 'yesterday', patients: -1, source: '' }).expect(400);
    const text = JSON.stringify(response.body);
    for (const field of ['kind', 'countedOn', 'patients', 'source']) {
      expect(text).toContain(field);
    }
  });

  it('keeps one current figure per kind and day: a second is refused, a correction replaces it with a reason and an audit row', async () => {
    const first = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'registry', countedOn: '2026-09-30', patients: 30, source: 'registry cut' }).expect(201);
    const clash = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'registry', countedOn: '2026-09-30', patients: 31, source: 'registry cut' }).expect(409);
    expect(clash.body.code).toBe('EXPOSURE_ALREADY_RECORDED');
    const fixed = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'registry', countedOn: '2026-09-30', patients: 32, source: 'registry cut v2', replaces: first.body.id, reason: 'two sites reported late' }).expect(201);
    const again = await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'registry', countedOn: '2026-09-30', patients: 33, source: 'x', replaces: first.body.id, reason: 'again' }).expect(409);
    expect(again.body.code).toBe('EXPOSURE_ALREADY_CORRECTED');
    const list = await safety.http().get(`/api/products/${product.name}/exposure`).expect(200);
    expect(list.body.find((e: { id: string }) => e.id === first.body.id)).toMatchObject({ replacedBy: fixed.body.id, patients: 30 });
    const [audit] = await t.dataSource.query<{ action: string; reason: string }[]>(`SELECT action, reason FROM audit_entry WHERE entity_type = 'product-exposure' AND entity_id = $1`, [fixed.body.id]);
    expect(audit).toEqual({ action: 'correct', reason: 'two sites reported late' });
    const denominators = await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint: '2026-11-21' }).expect(201);
    expect(denominators.body.exposure.solicited.patients).toBe(32);
  });

  it('keeps exposure figures in the database for good', async () => {
    await expect(t.dataSource.query(`UPDATE product_exposure SET patients = 1`)).rejects.toThrow();
    await expect(t.dataSource.query(`DELETE FROM frequency_run`)).rejects.toThrow();
  });
});

describe('frequency aggregation as BullMQ jobs', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };
  let queue: Queue;

  /** No recomputation waiting, delayed or running (the daily scheduler's next job is always delayed: not counted). */
  async function settled(): Promise<void> {
    await waitUntil(
      async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter((job) => job.name === RECOMPUTE_JOB).length,
      (pending) => pending === 0,
      20_000,
    );
  }

  async function caseChangeRuns(): Promise<number> {
    const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM frequency_run WHERE product_id = $1 AND trigger = 'case-change'`, [product.id]);
    return row?.n ?? 0;
  }

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21', env: { FREQUENCY_DEBOUNCE_MS: '700' } });
    safety = await t.signIn('safety');
    product = await setUpProduct(t, safety);
    queue = t.app.get(JobQueues).queue(FREQUENCY_QUEUE);
    await t.app.get(FrequencyWorkers).start();
    await t.app.get(FrequencyTrigger).flush();
    await settled();
  });

  afterAll(async () => {
    await t.close();
  });

  it('turns a burst of 1,000 changes into one recomputation, which sees every case', async () => {
    const completedBefore = (await queue.getJobCounts('completed')).completed ?? 0;
    const runsBefore = await caseChangeRuns();
    const trigger = t.app.get(FrequencyTrigger);
    for (let burst = 0; burst < 20; burst++) {
      for (let i = 0; i < 50; i++) {
        trigger.changed(t.dataSource.manager, product.id);
      }
      await trigger.flush();
    }
    await registryCase(safety, product.name, 'REG-B1', '2026-11-01', [{ pt: 'Headache' }]);
    await registryCase(safety, product.name, 'REG-B2', '2026-11-02', [{ pt: 'Nausea' }]);
    await trigger.flush();
    await waitUntil(caseChangeRuns, (n) => n > runsBefore, 20_000);
    await settled();
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await settled();
    expect((await queue.getJobCounts('completed')).completed).toBe(completedBefore + 1);
    expect((await caseChangeRuns()) - runsBefore).toBe(2);
    const [latest] = await t.dataSource.query<{ summary: { casesCounted: number } }[]>(`SELECT summary FROM frequency_run WHERE product_id = $1 AND period = 'cumulative' ORDER BY finished_at DESC LIMIT 1`, [product.id]);
    expect(latest?.summary.casesCounted).toBe(2);
  });

  it('asks for nothing when the change rolled back, and only after commit when it did not', async () => {
    await settled();
    const trigger = t.app.get(FrequencyTrigger);
    const queued = async (): Promise<number> => (await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter((job) => job.name === RECOMPUTE_JOB).length;
    await expect(
      t.dataSource.transaction(async (manager) => {
        await manager.query('SELECT 1');
        trigger.changed(manager, product.id);
        throw new Error('intake refused');
      }),
    ).rejects.toThrow('intake refused');
    await trigger.flush();
    expect(await queued()).toBe(0);
    await t.dataSource.transaction(async (manager) => {
      trigger.changed(manager, product.id);
      await trigger.flush();
      expect(await queued()).toBe(0);
    });
    await trigger.flush();
    expect(await queued()).toBe(1);
    await settled();
  });

  it('recomputes every tracked product on the daily schedule', async () => {
    const scheduler = await queue.getJobScheduler('frequency-daily');
    expect(scheduler?.pattern).toBe('30 2 * * *');
    const done = await t.app.get(FrequencyWorkers).process({ name: 'scheduled', data: {} });
    expect(done.map((d) => d.product)).toContain(product.id);
  });
});
