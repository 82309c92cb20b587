import { addMilestone, createObligation, createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';

describe('obligations register over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: '2023-09-01' });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set('2023-09-01'));

  describe('products and derived dates', () => {
    it('should list products with their authorisation', async () => {
      const product = await createProduct(t, {}, { illustrative: true });
      const response = await t.http().get('/api/products').expect(200);
      const listed = response.body.find((p: { id: string }) => p.id === product.id);
      expect(listed.authorisation).toMatchObject({ type: 'conditional', holder: 'Holder GmbH', notifiedOn: '2023-02-20', illustrative: true });
      expect(listed.authorisation.illustrativeNote).toContain('illustrative — confirm against the Union Register');
    });

    it('should derive the CMA renewal chain and window with rule ids and sources', async () => {
      const { body } = await createProduct(t);
      expect(body.renewals[0]).toMatchObject({
        cycle: 1,
        expiry: { date: '2024-02-20', ruleId: 'CMA-EXPIRY-FIRST' },
        windowOpens: { date: '2023-07-20', ruleId: 'CMA-RENEWAL-WINDOW-OPENS' },
        applicationDue: { date: '2023-08-20', ruleId: 'CMA-RENEWAL-DUE' },
      });
      expect(body.renewals[1].expiry).toMatchObject({ date: '2025-02-20', ruleId: 'CMA-EXPIRY-NEXT' });
      expect(body.renewals[0].applicationDue.source).toContain('507/2006');
    });

    it('should flag a renewal due date on a Sunday and suggest the preceding working day', async () => {
      const { body } = await createProduct(t);
      expect(body.renewals[0].applicationDue.nonWorkingDay).toMatchObject({ reason: 'weekend', suggestedDate: '2023-08-18' });
    });

    it('should derive the first PSUR within 6 months of authorisation, due DLP + 70 days', async () => {
      const { body } = await createProduct(t);
      expect(body.psurs[0]).toMatchObject({ cycle: 1, dlp: { date: '2023-08-20', ruleId: 'PSUR-FIRST-DLP' }, submissionDue: { date: '2023-10-29', ruleId: 'PSUR-SUBMIT-70' } });
      expect(body.psurs[0].dlp.source).toContain('within 6 months following authorisation');
      expect(body.psurs[0].submissionDue.source).toContain('ICH E2C(R2) §2.8.3');
    });

    it('should mark PSURs of the default cycle as an assumption asking for the EURD entry, and drop it once one is recorded', async () => {
      const { body } = await createProduct(t);
      const later = body.psurs.filter((p: { dlp: { ruleId: string } }) => p.dlp.ruleId === 'PSUR-DEFAULT-CYCLE');
      expect(later.length).toBeGreaterThan(0);
      for (const psur of later) {
        expect(psur.dlp.assumption).toContain('No EURD entry is recorded');
      }
      expect(body.psurs[0].dlp.assumption).toBeNull();

      await t.http().post('/api/eurd-entries').send({ substance: body.activeSubstance, frequencyMonths: 12, firstDlp: '2024-02-20', effectiveFrom: '2023-09-01', source: 'EURD list 2023-08' }).expect(201);
      const after = await t.http().get(`/api/products/${body.id}`).expect(200);
      const psurs = after.body.psurs as { dlp: { ruleId: string; assumption: string | null } }[];
      expect(psurs.map((p) => p.dlp.ruleId)).toContain('PSUR-EURD');
      expect(psurs.filter((p) => p.dlp.assumption !== null)).toEqual([]);
    });

    it('should keep renewal and PSUR dates as milestones that carry their rule', async () => {
      const { body } = await createProduct(t);
      const renewal = body.milestones.find((m: { kind: string; cycle: number }) => m.kind === 'cma-renewal' && m.cycle === 1);
      expect(renewal).toMatchObject({ dueDate: '2023-08-20', status: 'planned', overdue: true, why: { basis: 'computed', ruleId: 'CMA-RENEWAL-DUE' } });
    });

    it('should let a recorded expiry win over the computed chain and re-plan the renewal with history', async () => {
      const { name, body } = await createProduct(t, {}, { notifiedOn: '2023-02-20' });
      const response = await t
        .http()
        .patch(`/api/products/${name}/authorisation`)
        .send({ recordedExpiry: '2024-03-01', recordedExpirySource: 'Commission decision C(2023) 1234', reason: 'Union Register entry checked' })
        .expect(200);
      expect(response.body.renewals[0].expiry).toMatchObject({ date: '2024-03-01', ruleId: 'RECORDED-EXPIRY', source: 'Commission decision C(2023) 1234' });
      expect(response.body.renewals[0].applicationDue.date).toBe('2023-09-01');
      const milestoneId = body.renewals[0].milestoneId;
      const history = await t.http().get(`/api/milestones/${milestoneId}/history`).expect(200);
      expect(history.body.map((h: { from: string | null; to: string }) => [h.from, h.to])).toEqual([
        [null, '2023-08-20'],
        ['2023-08-20', '2023-09-01'],
      ]);
      expect(history.body[1]).toMatchObject({ source: 'recorded-expiry', changedBy: 'user:test-regulatory' });
    });

    it('should show a CMA whose renewal was submitted in time as valid after expiry until the Commission decides', async () => {
      const { name, body } = await createProduct(t);
      t.clock.set('2023-08-01');
      await t.http().patch(`/api/milestones/${body.renewals[0].milestoneId}/status`).send({ status: 'submitted', submittedOn: '2023-08-01', ectdType: 'renewal' }).expect(200);
      t.clock.set('2024-03-15');
      const detail = await t.http().get(`/api/products/${name}`).expect(200);
      expect(detail.body.validity).toMatchObject({ status: 'renewal-pending', currentExpiry: '2024-02-20' });
    });

    it('should show a CMA without a renewal application as expired after its expiry', async () => {
      const { name } = await createProduct(t);
      t.clock.set('2024-03-15');
      const detail = await t.http().get(`/api/products/${name}`).expect(200);
      expect(detail.body.validity.status).toBe('expired');
    });

    it('should find a product by name, case-insensitively', async () => {
      const { name } = await createProduct(t);
      await t.http().get(`/api/products/${name.toUpperCase()}`).expect(200);
    });

    it('should answer 404 with a stable code for an unknown product', async () => {
      const response = await t.http().get('/api/products/NoSuchProduct').expect(404);
      expect(response.body).toMatchObject({ code: 'NOT_FOUND', statusCode: 404 });
    });

    it('should refuse a second product of the same name with 409', async () => {
      const { name } = await createProduct(t);
      const response = await t.http().post('/api/products').send({ name, activeSubstance: 'x', authorisation: { type: 'conditional', holder: 'H', notifiedOn: '2023-01-01' } }).expect(409);
      expect(response.body.code).toBe('PRODUCT_EXISTS');
    });
  });

  describe('bad input', () => {
    it('should refuse an impossible date naming the field', async () => {
      const response = await t.http().post('/api/products').send({ name: 'X', activeSubstance: 'x', authorisation: { type: 'conditional', holder: 'H', notifiedOn: '2023-02-31' } }).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.errors).toContainEqual({ field: 'authorisation.notifiedOn', problem: expect.stringContaining('YYYY-MM-DD') });
    });

    it('should refuse unknown fields naming them', async () => {
      const response = await t.http().post('/api/products').send({ name: 'X', activeSubstance: 'x', colour: 'red', authorisation: { type: 'conditional', holder: 'H', notifiedOn: '2023-02-01' } }).expect(400);
      expect(response.body.errors).toContainEqual({ field: 'colour', problem: 'property colour should not exist' });
    });

    it('should refuse a malformed JSON body with 400, not 500', async () => {
      const response = await t.http().post('/api/products').set('Content-Type', 'application/json').send('{"name":').expect(400);
      expect(response.body.statusCode).toBe(400);
    });

    it('should refuse a milestone id that is not a UUID with 400', async () => {
      await t.http().get('/api/milestones/not-a-uuid').expect(400);
    });

    it('should leave no half-written product when the authorisation is invalid', async () => {
      await t.http().post('/api/products').send({ name: 'HalfWritten', activeSubstance: 'x', authorisation: { type: 'provisional', holder: 'H', notifiedOn: '2023-02-01' } }).expect(400);
      await t.http().get('/api/products/HalfWritten').expect(404);
    });
  });

  describe('milestones', () => {
    it('should record progress planned → in-progress → submitted with timeliness', async () => {
      const { id } = await createProduct(t);
      const obligation = await createObligation(t, id);
      const milestone = await addMilestone(t, obligation.id, { dueDate: '2023-10-31' });
      await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'in-progress' }).expect(200);
      const submitted = await t
        .http()
        .patch(`/api/milestones/${milestone.id}/status`)
        .send({ status: 'submitted', submittedOn: '2023-09-01', submissionRef: '0012', ectdType: 'pam-sob' })
        .expect(200);
      expect(submitted.body.submission).toEqual({ submittedOn: '2023-09-01', onTime: true, reference: '0012', ectdType: 'pam-sob' });
    });

    it('should mark a late submission as not on time', async () => {
      const { id } = await createProduct(t);
      const obligation = await createObligation(t, id);
      const milestone = await addMilestone(t, obligation.id, { dueDate: '2023-08-31' });
      const submitted = await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'submitted', submittedOn: '2023-09-01' }).expect(200);
      expect(submitted.body.submission.onTime).toBe(false);
    });

    it('should refuse an invalid transition with 409 naming the allowed ones', async () => {
      const { id } = await createProduct(t);
      const obligation = await createObligation(t, id);
      const milestone = await addMilestone(t, obligation.id);
      await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'submitted', submittedOn: '2023-09-01' }).expect(200);
      const response = await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'in-progress' }).expect(409);
      expect(response.body).toMatchObject({ code: 'INVALID_TRANSITION', details: { from: 'submitted', to: 'in-progress', allowed: [] } });
    });

    it('should require the submission date when submitting', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id);
      const response = await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'submitted' }).expect(422);
      expect(response.body.errors).toEqual([{ field: 'submittedOn', problem: 'is required when a milestone is submitted' }]);
    });

    it('should refuse a submission dated in the future', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id);
      const response = await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'submitted', submittedOn: '2023-09-02' }).expect(422);
      expect(response.body.errors[0].field).toBe('submittedOn');
    });

    it('should record the assessment outcome separately from timeliness', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id, { dueDate: '2023-08-01' });
      await t.http().patch(`/api/milestones/${milestone.id}/status`).send({ status: 'submitted', submittedOn: '2023-08-15' }).expect(200);
      const response = await t.http().post(`/api/milestones/${milestone.id}/outcome`).send({ outcome: 'fulfilled', outcomeOn: '2023-09-01', procedureRef: 'EMEA/H/C/004827/SOB/001' }).expect(201);
      expect(response.body).toMatchObject({ submission: { onTime: false }, outcome: { outcome: 'fulfilled', decidedOn: '2023-09-01' } });
    });

    it('should refuse an outcome before submission with 409', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id);
      const response = await t.http().post(`/api/milestones/${milestone.id}/outcome`).send({ outcome: 'fulfilled', outcomeOn: '2023-09-01' }).expect(409);
      expect(response.body.code).toBe('OUTCOME_BEFORE_SUBMISSION');
    });

    it('should change a due date only with a reason and a procedure, keeping the history', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id, { dueDate: '2023-12-31' });
      const missing = await t.http().post(`/api/milestones/${milestone.id}/due-date`).send({ dueDate: '2024-06-30', reason: 'extension agreed', changeSource: 'variation' }).expect(422);
      expect(missing.body.errors[0].field).toBe('procedureRef');
      const noReason = await t.http().post(`/api/milestones/${milestone.id}/due-date`).send({ dueDate: '2024-06-30', changeSource: 'variation', procedureRef: 'EMEA/H/C/004827/II/0015' }).expect(400);
      expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
      const changed = await t
        .http()
        .post(`/api/milestones/${milestone.id}/due-date`)
        .send({ dueDate: '2024-06-30', reason: 'Extension agreed in the Type II variation', changeSource: 'variation', procedureRef: 'EMEA/H/C/004827/II/0015' })
        .expect(201);
      expect(changed.body).toMatchObject({ dueDate: '2024-06-30', why: { basis: 'annex-ii', ruleId: 'ANNEX-II' } });
      expect(changed.body.why.source).toContain('EMEA/H/C/004827/II/0015');
      const history = await t.http().get(`/api/milestones/${milestone.id}/history`).expect(200);
      expect(history.body[1]).toMatchObject({ from: '2023-12-31', to: '2024-06-30', source: 'variation', procedureRef: 'EMEA/H/C/004827/II/0015', reason: 'Extension agreed in the Type II variation', changedBy: 'user:test-regulatory' });
    });

    it('should add a PASS final report 12 months after the end of data collection with its waiver date', async () => {
      const { id } = await createProduct(t);
      const obligation = await createObligation(t, id, { studyType: 'PASS', category: 'MEA' });
      const response = await t.http().post(`/api/obligations/${obligation.id}/milestones/pass-final-report`).send({ endOfDataCollection: '2026-03-31' }).expect(201);
      expect(response.body.map((m: { kind: string; dueDate: string }) => [m.kind, m.dueDate])).toEqual([
        ['pass-final-report', '2027-03-31'],
        ['pass-waiver-request', '2026-12-31'],
      ]);
    });
  });

  describe('obligations', () => {
    it('should list obligations with their milestones, filtered by product and study type', async () => {
      const { name, id } = await createProduct(t);
      const registry = await createObligation(t, id, { studyType: 'registry', description: 'Registry of treated patients, verbatim.' });
      await createObligation(t, id, { studyType: 'clinical-trial' });
      await addMilestone(t, registry.id, { title: 'Registry report', dueDate: '2024-12-31' });
      const response = await t.http().get('/api/obligations').query({ product: name, studyType: 'registry' }).expect(200);
      expect(response.body).toHaveLength(1);
      expect(response.body[0]).toMatchObject({ id: registry.id, description: 'Registry of treated patients, verbatim.', milestones: [{ title: 'Registry report', dueDate: '2024-12-31' }] });
    });

    it('should refuse an unknown category filter with 400 naming it', async () => {
      const response = await t.http().get('/api/obligations').query({ category: 'XYZ' }).expect(400);
      expect(response.body.errors[0].field).toBe('category');
    });
  });

  describe('deadlines', () => {
    it('should list what is due in the next N days and what is overdue, computed from the dates', async () => {
      const { name, id } = await createProduct(t);
      const obligation = await createObligation(t, id, { owner: 'RA team' });
      const soon = await addMilestone(t, obligation.id, { title: 'soon', dueDate: '2023-09-20' });
      const later = await addMilestone(t, obligation.id, { title: 'later', dueDate: '2024-03-01' });
      const within = await t.http().get('/api/deadlines').query({ withinDays: 30, product: name, includeOverdue: false }).expect(200);
      expect(within.body.items.map((i: { id: string }) => i.id)).toEqual([soon.id]);
      t.clock.set('2023-09-21');
      const overdue = await t.http().get('/api/deadlines').query({ overdue: true, product: name, kind: 'obligation' }).expect(200);
      expect(overdue.body.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([[soon.id, true]]);
      expect(overdue.body.items.map((i: { id: string }) => i.id)).not.toContain(later.id);
    });

    it('should filter by category, study type and owner, sort and paginate', async () => {
      const { name, id } = await createProduct(t);
      const registry = await createObligation(t, id, { studyType: 'registry', owner: 'Safety' });
      await createObligation(t, id, { studyType: 'clinical-trial', category: 'ANX' });
      for (const day of ['10', '11', '12']) {
        await addMilestone(t, registry.id, { title: `r${day}`, dueDate: `2023-10-${day}` });
      }
      const page = await t.http().get('/api/deadlines').query({ product: name, studyType: 'registry', owner: 'safety', category: 'SOB', sort: 'dueDate', order: 'desc', page: 2, pageSize: 2 }).expect(200);
      expect(page.body).toMatchObject({ total: 3, page: 2, pageSize: 2 });
      expect(page.body.items.map((i: { title: string }) => i.title)).toEqual(['r10']);
    });

    it('should refuse a bad filter with 400 naming it', async () => {
      const response = await t.http().get('/api/deadlines').query({ withinDays: -1, sort: 'colour' }).expect(400);
      expect(response.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['sort', 'withinDays']);
    });

    it('should serve an iCalendar feed of the deadlines of one product', async () => {
      const { name, id } = await createProduct(t);
      await addMilestone(t, (await createObligation(t, id)).id, { title: 'Registry report', dueDate: '2023-11-30' });
      const response = await t.http().get('/api/calendar.ics').query({ product: name }).expect(200);
      expect(response.headers['content-type']).toContain('text/calendar');
      expect(response.text).toContain('BEGIN:VCALENDAR');
      expect(response.text).toContain('DTSTART;VALUE=DATE:20231130');
      expect(response.text).toContain(`SUMMARY:${name}: Registry report`);
    });
  });

  describe('audit trail', () => {
    it('should write an audit row for every change, with the reason where one is required', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id, { dueDate: '2023-12-31' });
      await t.http().post(`/api/milestones/${milestone.id}/due-date`).send({ dueDate: '2024-01-31', reason: 'RMP update agreed', changeSource: 'rmp-update', procedureRef: 'EMEA/H/C/004827/II/0020' }).expect(201);
      const audit = await t.http().get('/api/audit').query({ entityType: 'milestone', entityId: milestone.id }).expect(200);
      expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['create', 'due-date-change']);
      expect(audit.body[1]).toMatchObject({ actor: 'user:test-regulatory', reason: 'RMP update agreed', before: { dueDate: '2023-12-31' }, after: { dueDate: '2024-01-31' } });
    });

    it('should write no audit row when a change is refused', async () => {
      const { id } = await createProduct(t);
      const milestone = await addMilestone(t, (await createObligation(t, id)).id);
      await t.http().post(`/api/milestones/${milestone.id}/outcome`).send({ outcome: 'fulfilled', outcomeOn: '2023-09-01' }).expect(409);
      const audit = await t.http().get('/api/audit').query({ entityType: 'milestone', entityId: milestone.id }).expect(200);
      expect(audit.body.map((a: { action: string }) => a.action)).toEqual(['create']);
    });

    it('should refuse UPDATE and DELETE on audit rows in the database itself', async () => {
      await createProduct(t);
      await expect(t.dataSource.query('UPDATE audit_entry SET actor = $1', ['mallory'])).rejects.toThrow(/append-only/);
      await expect(t.dataSource.query('DELETE FROM audit_entry')).rejects.toThrow(/append-only/);
    });
  });
});
