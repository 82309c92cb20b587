import { signalEsiDeadlines } from '../src/signals/signal-deadlines';
import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TEST_PASSWORD, TestApp } from './test-app';

type Alert = { id: string; source: string; product: string; event: string; rule: string; status: string; signalId: string | null; figures: Record<string, unknown> };
type Signal = { id: string; status: string; priority: string | null; assessmentApproved: boolean; recommendedAction: string | null; emergingSafetyIssue: { establishedOn: string; dueOn: string; ruleId: string; notifiedOn: string | null; onTime: boolean | null } | null; regulatorOutcome: unknown; steps: { step: string; by: string; notes: string }[]; alerts: Alert[] };

describe('statistical alerts and signals (GVP IX)', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let qppv: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    qppv = await t.signIn('qppv');
    product = await createProduct(t);
    await safety.http().post(`/api/products/${product.name}/reference-safety`).send({ document: 'SmPC 4.8 (test)', effectiveFrom: '2025-01-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'common' }] }).expect(201);
    await safety.http().post(`/api/products/${product.name}/exposure`).send({ kind: 'treated', countedOn: '2026-10-31', patients: 500, source: 'test' }).expect(201);
    const reaction = (pt: string): Record<string, unknown> => ({ reactions: [{ key: 'r1', reportedTerm: pt, ptName: pt, outcome: 'recovered', seriousness: [] }], causality: [] });
    for (let i = 0; i < 10; i++) {
      await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: product.name }], ...reaction('Hepatic failure') });
    }
    for (let i = 0; i < 30; i++) {
      await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: 'Other drug' }], ...reaction(i < 2 ? 'Hepatic failure' : 'Nausea') });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  async function newAlerts(): Promise<Alert[]> {
    return (await safety.http().get('/api/alerts').query({ status: 'new' }).expect(200)).body as Alert[];
  }

  it('raises alerts from a frequency flag and from a screening hit on our product, once', async () => {
    await safety.http().post('/api/frequency-runs').send({ product: product.name, dataLockPoint: '2026-11-21' }).expect(201);
    const run = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.name }).expect(201);
    expect(run.body.totals.hits['who-umc']).toBeGreaterThanOrEqual(1);
    const alerts = await newAlerts();
    expect(alerts.map((a) => [a.source, a.event, a.rule]).sort()).toEqual([
      ['disproportionality', 'hepatic failure', expect.stringContaining('who-umc')],
      ['frequency', 'Hepatic failure', 'unlisted'],
      ['frequency', 'Nausea', 'unlisted'],
    ]);
    // A second run does not raise the same alerts again.
    await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.name }).expect(201);
    expect(await newAlerts()).toHaveLength(3);
  });

  it('dismisses an alert with its reason, once', async () => {
    const frequency = (await newAlerts()).find((a) => a.source === 'frequency' && a.event === 'Hepatic failure');
    const dismissed = await safety.http().post(`/api/alerts/${frequency?.id}/dismissal`).send({ reason: 'same reports as the disproportionality alert' }).expect(201);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', reason: 'same reports as the disproportionality alert' });
    const again = await safety.http().post(`/api/alerts/${frequency?.id}/dismissal`).send({ reason: 'again' }).expect(409);
    expect(again.body.code).toBe('ALERT_ALREADY_DECIDED');
    await safety.http().post(`/api/alerts/${frequency?.id}/dismissal`).send({}).expect(400);
  });

  let signalId = '';

  it('validates an alert into a signal and takes it through the GVP IX steps, each with who and why', async () => {
    const alert = (await newAlerts()).find((a) => a.source === 'disproportionality');
    const validated = await safety.http().post(`/api/alerts/${alert?.id}/validation`).send({ reason: 'unlabelled hepatic events, 10 reports, biologically plausible' }).expect(201);
    signalId = validated.body.id as string;
    expect(validated.body).toMatchObject({ status: 'validated', steps: [{ step: 'validated', by: safety.actor }], alerts: [{ id: alert?.id, status: 'validated' }] });

    const skipped = await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'assessed', notes: 'x', assessment: 'y' }).expect(422);
    expect(skipped.body.errors[0]).toMatchObject({ field: 'to' });
    const noPriority = await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'analysed', notes: 'reviewed cases' }).expect(422);
    expect(noPriority.body.errors[0]).toMatchObject({ field: 'priority' });
    await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'analysed', notes: 'reviewed cases', priority: 'high' }).expect(201);
    const noAssessment = await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'assessed', notes: 'assessment written' }).expect(422);
    expect(noAssessment.body.errors[0]).toMatchObject({ field: 'assessment' });
    const assessed = (await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'assessed', notes: 'assessment written', assessment: 'Causal association likely; update SmPC 4.4 and 4.8.' }).expect(201)).body as Signal;
    expect(assessed).toMatchObject({ status: 'assessed', priority: 'high', assessmentApproved: false });

    const read = (await safety.http().get(`/api/signals/${signalId}`).expect(200)).body as Signal;
    expect(read.steps.map((step) => step.step)).toEqual(['validated', 'analysed', 'assessed']);
    // The list leaves steps and alerts to the signal itself rather than showing them empty.
    const listed = (await safety.http().get('/api/signals').expect(200)).body as Record<string, unknown>[];
    expect(listed.find((signal) => signal.id === signalId)).toMatchObject({ id: signalId, status: 'assessed' });
    expect(listed.every((signal) => !('steps' in signal) && !('alerts' in signal))).toBe(true);
  });

  it('closes a signal only after a QPPV signed the assessment, with a recommended action', async () => {
    const unsigned = await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'closed', notes: 'done', recommendedAction: 'smpc-update' }).expect(422);
    expect(unsigned.body.message).toMatch(/approved \(signed\) by a QPPV/);
    await safety.http().post('/api/signatures').send({ entityType: 'signal', entityId: signalId, meaning: 'approved', password: TEST_PASSWORD }).expect(403);
    await qppv.http().post('/api/signatures').send({ entityType: 'signal', entityId: signalId, meaning: 'approved', password: TEST_PASSWORD, comment: 'assessment approved' }).expect(201);
    const noAction = await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'closed', notes: 'done' }).expect(422);
    expect(noAction.body.errors[0]).toMatchObject({ field: 'recommendedAction' });
    const closed = (await safety.http().post(`/api/signals/${signalId}/steps`).send({ to: 'closed', notes: 'variation to be submitted', recommendedAction: 'smpc-update' }).expect(201)).body as Signal;
    expect(closed).toMatchObject({ status: 'closed', recommendedAction: 'smpc-update', assessmentApproved: true });
    expect(closed.steps.map((s) => s.step)).toEqual(['validated', 'analysed', 'assessed', 'closed']);
    const [audit] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM audit_entry WHERE entity_type = 'safety-signal' AND entity_id = $1`, [signalId]);
    expect(audit?.n).toBe(4);
  });

  it('gives an emerging safety issue its 3-working-day notification deadline, reminded until notified', async () => {
    // Friday 20 November 2026: three working days later is Wednesday 25 November.
    const established = (await safety.http().post(`/api/signals/${signalId}/emerging-safety-issue`).send({ establishedOn: '2026-11-20', notes: 'fatal hepatic failure cluster' }).expect(201)).body as Signal;
    expect(established.emergingSafetyIssue).toEqual({ establishedOn: '2026-11-20', dueOn: '2026-11-25', ruleId: 'ESI-NOTIFY-3WD', notifiedOn: null, onTime: null });
    expect((await signalEsiDeadlines.findOpen(t.dataSource.manager, [signalId])).map((d) => [d.kind, d.dueDate])).toEqual([['emerging-safety-issue', '2026-11-25']]);
    await safety.http().post(`/api/signals/${signalId}/emerging-safety-issue`).send({ establishedOn: '2026-11-20', notes: 'again' }).expect(409);
    const early = await safety.http().post(`/api/signals/${signalId}/emerging-safety-issue/notification`).send({ notifiedOn: '2026-11-19', notes: 'x' }).expect(422);
    expect(early.body.errors[0]).toMatchObject({ field: 'notifiedOn' });
    const notified = (await safety.http().post(`/api/signals/${signalId}/emerging-safety-issue/notification`).send({ notifiedOn: '2026-11-21', notes: 'sent to EMA and NCAs' }).expect(201)).body as Signal;
    expect(notified.emergingSafetyIssue).toMatchObject({ notifiedOn: '2026-11-21', onTime: true });
    expect(await signalEsiDeadlines.findOpen(t.dataSource.manager, [signalId])).toEqual([]);
  });

  it('records the regulator’s outcome when it comes', async () => {
    const withOutcome = (await safety.http().post(`/api/signals/${signalId}/regulator-outcome`).send({ outcome: 'PRAC recommends an SmPC update', receivedOn: '2026-11-21' }).expect(201)).body as Signal;
    expect(withOutcome.regulatorOutcome).toEqual({ outcome: 'PRAC recommends an SmPC update', receivedOn: '2026-11-21' });
    expect(withOutcome.steps.map((s) => s.step)).toEqual(['validated', 'analysed', 'assessed', 'closed', 'esi-established', 'esi-notified', 'regulator-outcome']);
  });

  it('keeps every step: the database refuses to change or delete one', async () => {
    await expect(t.dataSource.query(`UPDATE safety_signal_step SET notes = 'x'`)).rejects.toThrow();
    await expect(t.dataSource.query(`DELETE FROM safety_signal`)).rejects.toThrow();
  });
});
