import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';

interface Detail {
  authorisation: { type: string };
  validity: { status: string; explanation: string; currentExpiry: string | null };
  renewals: { cycle: number; expiry: { date: string; ruleId: string; assumption: string | null }; applicationDue: { date: string; ruleId: string } }[];
  milestones: { id: string; kind: string; cycle: number | null; dueDate: string; status: string; cancelReason: string | null }[];
}

/** Conversion of a CMA into a standard authorisation, five-year renewal decisions and the other endings, through the API. */
describe('authorisation lifecycle', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set('2026-11-21'));

  const detailOf = async (product: string): Promise<Detail> => (await t.http().get(`/api/products/${product}`).expect(200)).body as Detail;
  const events = (product: string): string => `/api/products/${product}/authorisation/events`;

  describe('conversion of a conditional authorisation', () => {
    let product: { id: string; name: string };
    const sob: Record<string, Record<string, any>> = {};
    const conversion = {
      event: 'conversion',
      decisionRef: 'C(2026) 7001',
      decidedOn: '2026-11-10',
      notifiedOn: '2026-11-12',
      procedureRef: 'EMEA/H/C/009999/R/0004',
      reason: 'Specific obligations fulfilled: CHMP opinion of October 2026',
    };

    beforeAll(async () => {
      product = await createProduct(t);
      sob.a = await createObligation(t, product.name, { reference: 'SOB 1', description: 'Main study final results' });
      sob.b = await createObligation(t, product.name, { reference: 'SOB 2', description: 'Additional study' });
      sob.c = await createObligation(t, product.name, { reference: 'SOB 3', description: 'Registry data' });
      const report = await addMilestone(t, sob.a.id, { title: 'Main study final report', dueDate: '2026-03-31' });
      await t.http().patch(`/api/milestones/${report.id}/status`).send({ status: 'submitted', submittedOn: '2026-03-20', ectdType: 'pam-sob' }).expect(200);
      await t.http().post(`/api/milestones/${report.id}/outcome`).send({ outcome: 'fulfilled', outcomeOn: '2026-06-15', procedureRef: 'EMEA/H/C/009999/SOB/001' }).expect(201);
      await t.http().patch(`/api/obligations/${sob.a.id}`).send({ status: 'fulfilled', reason: 'CHMP: fulfilled', changeSource: 'regulator-letter' }).expect(200);
      await addMilestone(t, sob.c.id, { title: 'Registry interim report', dueDate: '2027-06-30' });
    });

    it('shows the path to conversion: fulfilled and outstanding specific obligations with their dates', async () => {
      const path = (await t.http().get(`/api/products/${product.name}/conversion-path`).expect(200)).body;
      expect(path).toMatchObject({ type: 'conditional', fulfilled: 1, outstanding: 2, readyForConversion: false });
      expect(path.obligations[0]).toMatchObject({ reference: 'SOB 1', status: 'fulfilled', fulfilledOn: '2026-11-21', outstanding: false });
      expect(path.obligations[2]).toMatchObject({ reference: 'SOB 3', outstanding: true, nextDue: { title: 'Registry interim report', dueDate: '2027-06-30', overdue: false } });
      expect(path.summary).toBe('1 of 3 specific obligations fulfilled; outstanding: SOB 2 (no open milestone); SOB 3 (next: Registry interim report, due 2027-06-30)');
    });

    it('refuses a conversion that leaves an open specific obligation without a decision, or decides on one already fulfilled', async () => {
      const missing = await t.http().post(events(product.name)).send({ ...conversion, openObligations: [{ obligation: 'SOB 2', decision: 'fulfilled', reason: 'x' }] }).expect(422);
      expect(missing.body.errors).toEqual([{ field: 'openObligations', problem: expect.stringContaining('missing: SOB 3') }]);
      const fulfilled = await t
        .http()
        .post(events(product.name))
        .send({ ...conversion, openObligations: [{ obligation: 'SOB 1', decision: 'fulfilled', reason: 'x' }, { obligation: 'SOB 2', decision: 'fulfilled', reason: 'x' }, { obligation: 'SOB 3', decision: 'fulfilled', reason: 'x' }] })
        .expect(422);
      expect(fulfilled.body.errors[0]).toMatchObject({ field: 'openObligations[0].obligation', problem: expect.stringContaining('stays as it was') });
      const noCategory = await t.http().post(events(product.name)).send({ ...conversion, openObligations: [{ obligation: 'SOB 2', decision: 'fulfilled', reason: 'x' }, { obligation: 'SOB 3', decision: 'recategorised', reason: 'x' }] }).expect(422);
      expect(noCategory.body.errors[0].field).toBe('openObligations[1].category');
      const noNotification = await t.http().post(events(product.name)).send({ ...conversion, notifiedOn: undefined }).expect(422);
      expect(noNotification.body.errors[0].field).toBe('notifiedOn');
      expect((await detailOf(product.name)).authorisation.type).toBe('conditional');
    });

    it('converts: standard from then on, no more annual renewals, the expiry computed from the conversion only as a fallback, open obligations decided', async () => {
      const before = await detailOf(product.name);
      const openCma = before.milestones.filter((m) => m.kind === 'cma-renewal' && m.status === 'planned');
      expect(openCma.length).toBeGreaterThan(0);
      const recorded = await t
        .http()
        .post(events(product.name))
        .send({
          ...conversion,
          openObligations: [
            { obligation: sob.b?.id, decision: 'fulfilled', reason: 'Final results assessed with the conversion' },
            { obligation: 'sob 3', decision: 'recategorised', category: 'MEA', reason: 'Registry continues as an additional pharmacovigilance activity in the RMP' },
          ],
        })
        .expect(201);
      expect(recorded.body).toMatchObject({ event: 'conversion', fromType: 'conditional', toType: 'standard', decisionRef: 'C(2026) 7001', notifiedOn: '2026-11-12', procedureRef: 'EMEA/H/C/009999/R/0004' });

      const after = await detailOf(product.name);
      expect(after.authorisation.type).toBe('standard');
      expect(after.renewals).toEqual([expect.objectContaining({ cycle: 1, expiry: expect.objectContaining({ date: '2031-11-12', ruleId: 'CONVERSION-EXPIRY', assumption: expect.stringContaining('Union Register') }), applicationDue: expect.objectContaining({ date: '2031-02-12', ruleId: 'STD-RENEWAL-DUE' }) })]);
      expect(after.validity).toMatchObject({ status: 'valid', currentExpiry: '2031-11-12' });
      for (const m of openCma) {
        expect(after.milestones.find((x) => x.id === m.id)).toMatchObject({ status: 'cancelled', cancelReason: expect.stringContaining('no more annual renewals') });
      }
      expect(after.milestones.filter((m) => m.kind === 'standard-renewal').map((m) => [m.cycle, m.dueDate, m.status])).toEqual([[1, '2031-02-12', 'planned']]);

      const obligations = (await t.http().get('/api/obligations').query({ product: product.name }).expect(200)).body as { reference: string; category: string; status: string }[];
      expect(obligations.map((o) => [o.reference, o.category, o.status])).toEqual([
        ['SOB 1', 'SOB', 'fulfilled'],
        ['SOB 2', 'SOB', 'fulfilled'],
        ['SOB 3', 'MEA', 'open'],
      ]);
      const history = (await t.http().get(`/api/obligations/${sob.c?.id}/history`).expect(200)).body;
      expect(history).toEqual([expect.objectContaining({ field: 'category', from: 'SOB', to: 'MEA', changeSource: 'conversion', procedureRef: 'EMEA/H/C/009999/R/0004' })]);
      expect((await t.http().get(`/api/obligations/${sob.a?.id}/history`).expect(200)).body.map((h: { changeSource: string }) => h.changeSource)).toEqual(['holder', 'assessment', 'regulator-letter']);
    });

    it('keeps the type history and refuses a second conversion', async () => {
      const history = (await t.http().get(events(product.name)).expect(200)).body;
      expect(history).toMatchObject({ granted: { type: 'conditional', notifiedOn: '2023-02-20' }, current: { type: 'standard', convertedOn: '2026-11-12', endedOn: null } });
      expect(history.events).toHaveLength(1);
      const again = await t.http().post(events(product.name)).send({ ...conversion, openObligations: [] }).expect(409);
      expect(again.body.code).toBe('NOT_CONDITIONAL');
    });

    it('takes the expiry from a later renewal decision: one additional five-year renewal, then unlimited validity, never a second additional one', async () => {
      t.clock.set('2031-09-01');
      await t.http().post(events(product.name)).send({ event: 'renewal-decision', decisionRef: 'C(2031) 500', decidedOn: '2031-09-01', procedureRef: 'EMEA/H/C/009999/R/0010', renewalOutcome: 'additional-five-year', reason: 'Too few patients exposed (Art 14(3))' }).expect(201);
      let detail = await detailOf(product.name);
      expect(detail.renewals.map((r) => [r.cycle, r.expiry.date, r.expiry.ruleId, r.applicationDue.date])).toEqual([
        [1, '2031-11-12', 'CONVERSION-EXPIRY', '2031-02-12'],
        [2, '2036-11-12', 'STD-ADDITIONAL-RENEWAL', '2036-02-12'],
      ]);
      expect(detail.validity).toMatchObject({ status: 'valid', currentExpiry: '2036-11-12' });
      t.clock.set('2036-09-01');
      const second = await t.http().post(events(product.name)).send({ event: 'renewal-decision', decisionRef: 'C(2036) 9', decidedOn: '2036-09-01', procedureRef: 'EMEA/H/C/009999/R/0020', renewalOutcome: 'additional-five-year', reason: 'x' }).expect(422);
      expect(second.body.errors[0].field).toBe('renewalOutcome');
      await t.http().post(events(product.name)).send({ event: 'renewal-decision', decisionRef: 'C(2036) 9', decidedOn: '2036-09-01', procedureRef: 'EMEA/H/C/009999/R/0020', renewalOutcome: 'unlimited', reason: 'Renewed' }).expect(201);
      detail = await detailOf(product.name);
      expect(detail.validity).toMatchObject({ status: 'valid-unlimited', currentExpiry: null });
    });
  });

  it('takes the standard expiry from the conversion decision when it is recorded (the computed one only as a fallback)', async () => {
    const product = await createProduct(t);
    await t
      .http()
      .post(events(product.name))
      .send({ event: 'conversion', decisionRef: 'C(2026) 7002', decidedOn: '2026-10-01', notifiedOn: '2026-10-05', procedureRef: 'EMEA/H/C/009998/R/0004', expiry: '2031-10-05', expirySource: 'Commission decision C(2026) 7002, Union Register', reason: 'No specific obligation left' })
      .expect(201);
    const detail = await detailOf(product.name);
    expect(detail.renewals[0]?.expiry).toMatchObject({ date: '2031-10-05', ruleId: 'RECORDED-EXPIRY', assumption: null });
    expect(detail.renewals[0]?.applicationDue.date).toBe('2031-01-05');
  });

  describe('the other endings', () => {
    it('ends a withdrawn conditional authorisation: nothing more is owed, its open dates are cancelled, nothing more can be recorded', async () => {
      const product = await createProduct(t);
      const recorded = await t.http().post(events(product.name)).send({ event: 'withdrawn', decidedOn: '2026-06-01', reason: 'Withdrawn at the holder’s request' }).expect(201);
      expect(recorded.body).toMatchObject({ event: 'withdrawn', fromType: 'conditional', toType: 'conditional' });
      const detail = await detailOf(product.name);
      expect(detail.validity).toMatchObject({ status: 'withdrawn', explanation: 'The authorisation ended on 2026-06-01: withdrawn.' });
      expect(detail.milestones.filter((m) => m.status === 'planned' && m.dueDate > '2026-06-01')).toEqual([]);
      expect(detail.milestones.some((m) => m.status === 'cancelled' && (m.cancelReason ?? '').includes('ended on 2026-06-01'))).toBe(true);
      const more = await t.http().post(events(product.name)).send({ event: 'lapsed', decidedOn: '2026-07-01', reason: 'x' }).expect(409);
      expect(more.body.code).toBe('AUTHORISATION_ENDED');
    });

    it('needs the Commission decision for a non-renewal, and records a lapsed standard authorisation (sunset clause)', async () => {
      const cma = await createProduct(t);
      const refused = await t.http().post(events(cma.name)).send({ event: 'not-renewed', decidedOn: '2026-02-20', reason: 'Renewal refused' }).expect(422);
      expect(refused.body.errors[0].field).toBe('decisionRef');
      await t.http().post(events(cma.name)).send({ event: 'not-renewed', decidedOn: '2026-02-20', decisionRef: 'C(2026) 100', reason: 'Renewal refused' }).expect(201);
      expect((await detailOf(cma.name)).validity.status).toBe('not-renewed');
      const standard = await createProduct(t, {}, { type: 'standard', notifiedOn: '2020-03-02' });
      await t.http().post(events(standard.name)).send({ event: 'lapsed', decidedOn: '2023-03-03', reason: 'Not placed on the market within three years (Art 14(4))' }).expect(201);
      expect((await detailOf(standard.name)).validity).toMatchObject({ status: 'lapsed', currentExpiry: null });
    });

    it('refuses a decision dated in the future or before the grant, and a renewal decision for a conditional authorisation', async () => {
      const product = await createProduct(t);
      expect((await t.http().post(events(product.name)).send({ event: 'withdrawn', decidedOn: '2027-01-01', reason: 'x' }).expect(422)).body.errors[0].field).toBe('decidedOn');
      expect((await t.http().post(events(product.name)).send({ event: 'withdrawn', decidedOn: '2022-01-01', reason: 'x' }).expect(422)).body.errors[0].field).toBe('decidedOn');
      expect((await t.http().post(events(product.name)).send({ event: 'renewal-decision', decidedOn: '2026-01-01', decisionRef: 'C', procedureRef: 'P', renewalOutcome: 'unlimited', reason: 'x' }).expect(409)).body.code).toBe('NOT_FIVE_YEAR');
      expect((await t.http().post(events(product.name)).send({ event: 'merger', decidedOn: '2026-01-01', reason: 'x' }).expect(400)).body.errors[0].field).toBe('event');
    });
  });
});
