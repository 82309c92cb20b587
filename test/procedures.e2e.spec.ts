import { createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';

/**
 * Procedures over HTTP against real PostgreSQL (rule book §3: most real deadlines are answers to the regulator).
 * "Today" is Monday 2025-06-02 unless a test says otherwise.
 */
describe('procedures (e2e)', () => {
  const TODAY = '2025-06-02';
  let t: TestApp;
  let product: { id: string; name: string };
  // Generated numbers start at 0100, clear of the fixed EMEA/H/C/004827/II/0015 used below.
  let sequence = 99;

  const nextNumber = (type = 'II'): string => `EMEA/H/C/004827/${type}/${String((sequence += 1)).padStart(4, '0')}`;

  async function createProcedure(overrides: Record<string, unknown> = {}): Promise<Record<string, any>> {
    const response = await t
      .http()
      .post('/api/procedures')
      .send({ product: product.name, number: nextNumber(), type: 'variation-type-ii', title: 'Type II variation: SmPC 5.1 update', submittedOn: '2025-01-10', startedOn: '2025-01-25', ...overrides });
    expect(response.status).toBe(201);
    return response.body;
  }

  function stopClock(procedureId: string, body: Record<string, unknown>) {
    return t.http().post(`/api/procedures/${procedureId}/clock-stops`).send(body);
  }

  /** The distinct fields named in an error body. */
  function fieldsOf(body: { errors?: { field: string }[] }): string[] {
    return [...new Set((body.errors ?? []).map((e) => e.field))];
  }

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
    product = await createProduct(t);
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => {
    t.clock.set(TODAY);
  });

  describe('list of questions: stop, deadline, restart', () => {
    let procedure: Record<string, any>;
    let stop: Record<string, any>;

    it('should create a procedure under assessment', async () => {
      procedure = await createProcedure({ number: 'EMEA/H/C/004827/II/0015' });
      expect(procedure).toMatchObject({
        productId: product.id,
        number: 'EMEA/H/C/004827/II/0015',
        state: 'under-assessment',
        timetable: { submittedOn: '2025-01-10', startedOn: '2025-01-25', opinionOn: null, commissionDecisionOn: null },
        clockStops: [],
        clockStopDays: 0,
      });
    });

    it('should stop the clock and track the responses as a regulator-set deadline', async () => {
      const response = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-06-12' });
      expect(response.status).toBe(201);
      expect(response.body.state).toBe('clock-stopped');
      expect(response.body.clockStops).toHaveLength(1);
      stop = response.body.clockStops[0];
      expect(stop).toMatchObject({ kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-06-12', restartedOn: null, open: true });
      expect(stop.responseMilestone).toMatchObject({
        kind: 'procedure-response',
        procedureId: procedure.id,
        dueDate: '2025-06-12',
        status: 'planned',
        why: { basis: 'regulator', ruleId: 'ANNEX-II', source: 'EMEA/H/C/004827/II/0015 list of questions of 2025-03-14' },
      });
      // Stopped since 2025-03-14, counted up to today while open.
      expect(response.body.clockStopDays).toBe(80);
    });

    it('should list the response deadline in GET /api/deadlines with its due date', async () => {
      const response = await t.http().get('/api/deadlines').query({ product: product.name, kind: 'procedure-response' });
      expect(response.status).toBe(200);
      const item = response.body.items.find((i: { id: string }) => i.id === stop.responseMilestone.id);
      expect(item).toMatchObject({ dueDate: '2025-06-12', status: 'planned', overdue: false, daysLeft: 10, productName: product.name });
    });

    it('should restart the clock and mark the responses submitted on time', async () => {
      const response = await t.http().post(`/api/procedures/${procedure.id}/clock-stops/${stop.id}/restart`).send({ restartedOn: '2025-05-30' });
      expect(response.status).toBe(201);
      expect(response.body.state).toBe('under-assessment');
      expect(response.body.clockStopDays).toBe(77);
      expect(response.body.clockStops[0]).toMatchObject({ restartedOn: '2025-05-30', open: false, days: 77 });
      expect(response.body.clockStops[0].responseMilestone).toMatchObject({
        status: 'submitted',
        submission: { submittedOn: '2025-05-30', onTime: true, reference: 'EMEA/H/C/004827/II/0015' },
      });
    });

    it('should no longer list the submitted responses as an open deadline', async () => {
      const response = await t.http().get('/api/deadlines').query({ product: product.name, kind: 'procedure-response' });
      expect(response.body.items.map((i: { id: string }) => i.id)).not.toContain(stop.responseMilestone.id);
    });

    it('should refuse a second restart of the same clock stop with 409', async () => {
      const response = await t.http().post(`/api/procedures/${procedure.id}/clock-stops/${stop.id}/restart`).send({ restartedOn: '2025-05-31' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('CLOCK_ALREADY_RESTARTED');
    });

    it('should record the opinion and the Commission decision, then show the procedure as decided', async () => {
      const opinion = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-06-01', opinionOutcome: 'positive', reason: 'CHMP opinion' });
      expect(opinion.status).toBe(200);
      expect(opinion.body).toMatchObject({ state: 'opinion', timetable: { opinionOn: '2025-06-01', opinionOutcome: 'positive' } });
      const decision = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ commissionDecisionOn: '2025-06-02', reason: 'Commission decision notified' });
      expect(decision.status).toBe(200);
      expect(decision.body.state).toBe('decided');
    });

    it('should refuse a clock stop after the opinion with 409', async () => {
      const response = await stopClock(procedure.id, { kind: 'request-for-supplementary-information', stoppedOn: '2025-06-02', responsesDueOn: '2025-07-02' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('PROCEDURE_CONCLUDED');
    });

    it('should write an audit row for every change of the procedure and its clock stop', async () => {
      const procedureRows = await t.http().get('/api/audit').query({ entityType: 'procedure', entityId: procedure.id });
      expect(procedureRows.body.map((r: { action: string }) => r.action)).toEqual(['create', 'timetable', 'timetable']);
      expect(procedureRows.body[1]).toMatchObject({ actor: 'user:test-regulatory', reason: 'CHMP opinion' });
      const stopRows = await t.http().get('/api/audit').query({ entityType: 'procedure-clock-stop', entityId: stop.id });
      expect(stopRows.body.map((r: { action: string }) => r.action)).toEqual(['create', 'restart']);
      const milestoneRows = await t.http().get('/api/audit').query({ entityType: 'milestone', entityId: stop.responseMilestone.id });
      expect(milestoneRows.body.map((r: { action: string }) => r.action)).toEqual(['create', 'status:submitted']);
    });

    it('should return the procedure with GET /api/procedures/:id and list it by product', async () => {
      const one = await t.http().get(`/api/procedures/${procedure.id}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: procedure.id, state: 'decided', clockStopDays: 77 });
      const list = await t.http().get('/api/procedures').query({ product: product.name });
      expect(list.status).toBe(200);
      expect(list.body.map((p: { id: string }) => p.id)).toContain(procedure.id);
      expect(list.body.every((p: { productId: string }) => p.productId === product.id)).toBe(true);
    });
  });

  it('should mark responses submitted after their due date as late', async () => {
    const procedure = await createProcedure();
    const stopped = await stopClock(procedure.id, { kind: 'list-of-outstanding-issues', stoppedOn: '2025-04-01', responsesDueOn: '2025-04-30' });
    expect(stopped.status).toBe(201);
    const stopId = stopped.body.clockStops[0].id;
    const restarted = await t.http().post(`/api/procedures/${procedure.id}/clock-stops/${stopId}/restart`).send({ restartedOn: '2025-05-05' });
    expect(restarted.status).toBe(201);
    expect(restarted.body.clockStops[0].responseMilestone).toMatchObject({ status: 'submitted', submission: { submittedOn: '2025-05-05', onTime: false } });
  });

  describe('validation questions in a CMA renewal', () => {
    it('should default the answers to stoppedOn + 5 working days, skipping the weekend', async () => {
      const renewal = await createProcedure({ number: nextNumber('R'), type: 'renewal', title: 'Annual renewal', submittedOn: '2025-05-20', startedOn: undefined });
      expect(renewal.state).toBe('submitted');
      // Friday 2025-05-23 + 5 working days = Friday 2025-05-30 (Saturday and Sunday do not count).
      const response = await stopClock(renewal.id, { kind: 'validation-questions', stoppedOn: '2025-05-23' });
      expect(response.status).toBe(201);
      expect(response.body.clockStops[0]).toMatchObject({ kind: 'validation-questions', responsesDueOn: '2025-05-30' });
      expect(response.body.clockStops[0].responseMilestone).toMatchObject({
        dueDate: '2025-05-30',
        why: { basis: 'computed', ruleId: 'CMA-RENEWAL-VALIDATION-ANSWERS' },
      });
      expect(response.body.clockStops[0].responseMilestone.why.explanation).toContain('5 working days');
    });

    it('should skip a closure day as well', async () => {
      const closure = await t.http().put('/api/closure-days/2025-05-15').send({ name: 'test closure' });
      expect(closure.status).toBe(200);
      const renewal = await createProcedure({ number: nextNumber('R'), type: 'renewal', title: 'Annual renewal', submittedOn: '2025-05-05', startedOn: undefined });
      // Friday 2025-05-09: Mon 12, Tue 13, Wed 14, (Thu 15 closed), Fri 16, Mon 19.
      const response = await stopClock(renewal.id, { kind: 'validation-questions', stoppedOn: '2025-05-09' });
      expect(response.status).toBe(201);
      expect(response.body.clockStops[0].responsesDueOn).toBe('2025-05-19');
    });

    it('should use the regulator date when one is given', async () => {
      const renewal = await createProcedure({ number: nextNumber('R'), type: 'renewal', title: 'Annual renewal', submittedOn: '2025-05-20', startedOn: undefined });
      const response = await stopClock(renewal.id, { kind: 'validation-questions', stoppedOn: '2025-05-23', responsesDueOn: '2025-06-04' });
      expect(response.status).toBe(201);
      expect(response.body.clockStops[0].responseMilestone).toMatchObject({ dueDate: '2025-06-04', why: { basis: 'regulator', ruleId: 'ANNEX-II' } });
    });

    it('should require responsesDueOn for validation questions outside a CMA renewal', async () => {
      const variation = await createProcedure();
      const response = await stopClock(variation.id, { kind: 'validation-questions', stoppedOn: '2025-01-15' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['responsesDueOn']);
    });
  });

  describe('bad input is refused naming the field, never with a 500', () => {
    it('should refuse an unknown field with 400', async () => {
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: nextNumber(), type: 'pam', title: 'PAM', colour: 'red' });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(fieldsOf(response.body)).toEqual(['colour']);
    });

    it('should refuse an impossible date (2023-02-31) with 400', async () => {
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: nextNumber(), type: 'pam', title: 'PAM', submittedOn: '2023-02-31' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['submittedOn']);
    });

    it('should refuse a malformed procedure number with 400', async () => {
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: 'EMA/II/15', type: 'pam', title: 'PAM' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['number']);
      expect(response.body.errors[0].problem).toContain('EMEA/H/C/004827/II/0015');
    });

    it("should refuse a number that is not the product's with 422", async () => {
      const other = await createProduct(t, { emaProductNumber: 'EMEA/H/C/005432' });
      const response = await t.http().post('/api/procedures').send({ product: other.name, number: 'EMEA/H/C/004827/II/0099', type: 'pam', title: 'PAM' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['number']);
    });

    it('should refuse a duplicate procedure number with 409', async () => {
      const first = await createProcedure();
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: first.number, type: 'pam', title: 'PAM' });
      expect(response.status).toBe(409);
      expect(response.body.code).toBe('PROCEDURE_EXISTS');
    });

    it('should refuse an unknown product with 404', async () => {
      const response = await t.http().post('/api/procedures').send({ product: 'No such product', number: nextNumber(), type: 'pam', title: 'PAM' });
      expect(response.status).toBe(404);
    });

    it('should refuse a start before the submission with 422', async () => {
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: nextNumber(), type: 'pam', title: 'PAM', submittedOn: '2025-02-01', startedOn: '2025-01-25' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['startedOn']);
    });

    it('should refuse responsesDueOn before stoppedOn with 422', async () => {
      const procedure = await createProcedure();
      const response = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-03-01' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['responsesDueOn']);
    });

    it('should refuse a list of questions without responsesDueOn with 400', async () => {
      const procedure = await createProcedure();
      const response = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body)).toEqual(['responsesDueOn']);
    });

    it('should refuse an impossible stoppedOn and an unknown kind with 400', async () => {
      const procedure = await createProcedure();
      const response = await stopClock(procedure.id, { kind: 'questions', stoppedOn: '2023-02-31', responsesDueOn: '2023-03-31' });
      expect(response.status).toBe(400);
      expect(fieldsOf(response.body).sort()).toEqual(['kind', 'stoppedOn']);
    });

    it('should refuse a clock stop before the start of the procedure with 422', async () => {
      const procedure = await createProcedure();
      const response = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-01-20', responsesDueOn: '2025-04-20' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['stoppedOn']);
    });

    it('should refuse a clock stop in the future with 422', async () => {
      const procedure = await createProcedure();
      const response = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-06-03', responsesDueOn: '2025-09-03' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['stoppedOn']);
    });

    it('should refuse a restart before the clock stopped with 422', async () => {
      const procedure = await createProcedure();
      const stopped = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-06-12' });
      const response = await t.http().post(`/api/procedures/${procedure.id}/clock-stops/${stopped.body.clockStops[0].id}/restart`).send({ restartedOn: '2025-03-13' });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['restartedOn']);
    });

    it('should refuse timetable dates out of order with 422 naming the field', async () => {
      const procedure = await createProcedure();
      const opinionBeforeStart = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-01-20', opinionOutcome: 'positive', reason: 'typo test' });
      expect(opinionBeforeStart.status).toBe(422);
      expect(fieldsOf(opinionBeforeStart.body)).toEqual(['opinionOn']);
      const decisionBeforeOpinion = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-05-22', opinionOutcome: 'positive', commissionDecisionOn: '2025-05-01', reason: 'typo test' });
      expect(decisionBeforeOpinion.status).toBe(422);
      expect(fieldsOf(decisionBeforeOpinion.body)).toEqual(['commissionDecisionOn']);
      const submittedAfterStart = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ submittedOn: '2025-02-01', reason: 'typo test' });
      expect(submittedAfterStart.status).toBe(422);
      expect(fieldsOf(submittedAfterStart.body)).toEqual(['submittedOn']);
    });

    it('should refuse an opinion without its outcome and a timetable change without a reason', async () => {
      const procedure = await createProcedure();
      const noOutcome = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-05-22', reason: 'CHMP opinion' });
      expect(noOutcome.status).toBe(422);
      expect(fieldsOf(noOutcome.body)).toEqual(['opinionOutcome']);
      const noReason = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ startedOn: '2025-01-26' });
      expect(noReason.status).toBe(400);
      expect(fieldsOf(noReason.body)).toEqual(['reason']);
    });

    it('should answer 400 for an id that is not a UUID and 404 for an unknown procedure', async () => {
      expect((await t.http().get('/api/procedures/not-a-uuid')).status).toBe(400);
      const missing = await t.http().get('/api/procedures/00000000-0000-4000-8000-000000000000');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('NOT_FOUND');
    });
  });

  describe('one clock stop at a time', () => {
    it('should refuse a second clock stop while one is open with 409 CLOCK_ALREADY_STOPPED', async () => {
      const procedure = await createProcedure();
      const first = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-06-12' });
      expect(first.status).toBe(201);
      const second = await stopClock(procedure.id, { kind: 'list-of-outstanding-issues', stoppedOn: '2025-04-14', responsesDueOn: '2025-05-12' });
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({ code: 'CLOCK_ALREADY_STOPPED', details: { clockStopId: first.body.clockStops[0].id } });
      const after = await t.http().get(`/api/procedures/${procedure.id}`);
      expect(after.body.clockStops).toHaveLength(1);
    });

    it('should refuse an opinion while the clock is stopped with 409, but accept a withdrawal and cancel the responses', async () => {
      const procedure = await createProcedure();
      const stopped = await stopClock(procedure.id, { kind: 'list-of-questions', stoppedOn: '2025-03-14', responsesDueOn: '2025-06-12' });
      const opinion = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-05-22', opinionOutcome: 'positive', reason: 'CHMP opinion' });
      expect(opinion.status).toBe(409);
      expect(opinion.body.code).toBe('CLOCK_STOPPED');
      const withdrawn = await t.http().patch(`/api/procedures/${procedure.id}/timetable`).send({ opinionOn: '2025-05-22', opinionOutcome: 'withdrawn', reason: 'holder withdrew the application' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.body.state).toBe('opinion');
      // Counted up to the withdrawal, not up to today.
      expect(withdrawn.body.clockStopDays).toBe(69);
      expect(withdrawn.body.clockStops[0]).toMatchObject({ restartedOn: null, open: false, days: 69 });
      expect(withdrawn.body.clockStops[0].responseMilestone).toMatchObject({ id: stopped.body.clockStops[0].responseMilestone.id, status: 'cancelled' });
    });
  });

  describe('the milestone a procedure assesses', () => {
    it('should link the milestone to the procedure and show it', async () => {
      const detail = await t.http().get(`/api/products/${product.id}`);
      const renewal = detail.body.milestones.find((m: { kind: string }) => m.kind === 'cma-renewal');
      expect(renewal).toBeDefined();
      const procedure = await createProcedure({ number: nextNumber('R'), type: 'renewal', title: 'Annual renewal', submittedOn: '2025-05-20', startedOn: undefined, milestoneId: renewal.id });
      expect(procedure.assessedMilestones).toEqual([expect.objectContaining({ id: renewal.id, kind: 'cma-renewal' })]);
      const milestone = await t.http().get(`/api/milestones/${renewal.id}`);
      expect(milestone.body.procedureId).toBe(procedure.id);
    });

    it('should refuse a milestone of another product with 422', async () => {
      const other = await createProduct(t);
      const renewal = other.body.milestones.find((m: { kind: string }) => m.kind === 'cma-renewal');
      const response = await t.http().post('/api/procedures').send({ product: product.name, number: nextNumber(), type: 'pam', title: 'PAM', milestoneId: renewal.id });
      expect(response.status).toBe(422);
      expect(fieldsOf(response.body)).toEqual(['milestoneId']);
    });
  });
});
