import { ReminderDeliveryService } from '../src/reminders/reminder-delivery.service';
import { ReminderScanService } from '../src/reminders/reminder-scan.service';
import { caseBody, createProduct, logCase, versionBody } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/** Reporting clocks of safety cases (rule book §6, §9): due dates, submissions, compliance, reminders, audit. */

const TODAY = '2026-11-21';

interface ClockRow {
  id: string;
  version: number;
  day0: string;
  dueOn: string;
  days: number;
  ruleId: string;
  ruleSource: string;
  explanation: string;
  status: string;
  daysLeft: number | null;
  overdue: boolean;
  submittedOn: string | null;
  submittedVersion: number | null;
  onTime: boolean | null;
}

const NON_SERIOUS = [{ key: 'r1', reportedTerm: 'headache', ptName: 'Headache', outcome: 'recovering' }];
const US_PHYSICIAN = [{ qualification: 'physician', country: 'US', primarySource: true }];

describe('safety case reporting clocks', () => {
  let t: TestApp;
  let safety: SignedInUser;

  beforeAll(async () => {
    // Queues on PostgreSQL: the reminder scan needs no Redis.
    t = await createTestApp({ today: TODAY, env: { REDIS_URL: '' } });
    safety = await t.signIn('safety');
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set(TODAY));

  async function submit(caseId: string, version: number, acknowledgedOn: string, expected = 201): Promise<Record<string, any>> {
    return (await safety.http().post(`/api/safety-cases/${caseId}/submissions`).send({ version, acknowledgedOn }).expect(expected)).body;
  }

  async function followUp(caseId: string, overrides: Record<string, unknown>, expected = 201): Promise<Record<string, any>> {
    return (await safety.http().post(`/api/safety-cases/${caseId}/versions`).send(versionBody('follow-up', overrides)).expect(expected)).body;
  }

  describe('the clock table', () => {
    let product: { id: string; name: string };
    beforeAll(async () => {
      product = await createProduct(t);
    });

    type Expected = { clock: { days: number; dueOn: string; ruleId: string } } | { noClock: string | null };
    const rows: { label: string; body: Record<string, unknown>; expected: Expected }[] = [
      { label: 'spontaneous serious EEA', body: {}, expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } } },
      { label: 'spontaneous serious non-EEA', body: { reporters: US_PHYSICIAN }, expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } } },
      { label: 'spontaneous non-serious EEA', body: { reactions: NON_SERIOUS }, expected: { clock: { days: 90, dueOn: '2027-01-31', ruleId: 'ICSR-NON-SERIOUS-90' } } },
      { label: 'spontaneous non-serious non-EEA', body: { reactions: NON_SERIOUS, reporters: US_PHYSICIAN }, expected: { noClock: 'ICSR-NOT-DUE-NON-SERIOUS-NON-EEA' } },
      {
        label: 'literature serious',
        body: { reportType: 'literature', literatureReference: 'Doe J et al. Haemophilia 2026;32:101-9' },
        expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } },
      },
      {
        label: 'solicited registry, causality possible',
        body: { reportType: 'solicited', solicitedSource: 'registry' },
        expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } },
      },
      {
        label: 'solicited registry, every pair unlikely (reporter) or unrelated (company)',
        body: { reportType: 'solicited', solicitedSource: 'registry', causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unlikely', company: 'unrelated' }] },
        expected: { noClock: 'ICSR-NOT-DUE-SOLICITED-UNRELATED' },
      },
      {
        label: 'solicited registry, not assessed',
        body: { reportType: 'solicited', solicitedSource: 'registry', causality: [] },
        expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } },
      },
      {
        label: 'clinical-trial fatal (outcome only)',
        body: { reportType: 'clinical-trial', reactions: [{ key: 'r1', reportedTerm: 'liver failure', ptName: 'Hepatic failure', outcome: 'fatal' }] },
        expected: { clock: { days: 7, dueOn: '2026-11-09', ruleId: 'SUSAR-7' } },
      },
      {
        label: 'clinical-trial life-threatening',
        body: { reportType: 'clinical-trial', reactions: [{ key: 'r1', reportedTerm: 'anaphylaxis', ptName: 'Anaphylactic reaction', outcome: 'recovered', seriousness: ['life-threatening'] }] },
        expected: { clock: { days: 7, dueOn: '2026-11-09', ruleId: 'SUSAR-7' } },
      },
      { label: 'clinical-trial serious hospitalisation', body: { reportType: 'clinical-trial' }, expected: { clock: { days: 15, dueOn: '2026-11-17', ruleId: 'SUSAR-15' } } },
      { label: 'clinical-trial non-serious', body: { reportType: 'clinical-trial', reactions: NON_SERIOUS }, expected: { noClock: 'SUSAR-NOT-DUE-NON-SERIOUS' } },
      { label: 'eudravigilance serious', body: { reportType: 'eudravigilance' }, expected: { noClock: 'ICSR-NOT-DUE-EV-DOWNLOAD' } },
    ];

    it.each(rows)('should time a $label case as the rule book says', async ({ body, expected }) => {
      const detail = await logCase(safety, product.name, body);
      expect(detail.status).toBe('valid');
      if ('clock' in expected) {
        expect(detail.clocks).toEqual([expect.objectContaining({ version: 1, day0: '2026-11-02', ...expected.clock, status: 'open' })]);
        expect(detail.clocks[0].ruleSource).not.toBe('');
        expect(detail.version.assessment.noClock).toBeNull();
        expect(detail.version.assessment.clock).toMatchObject({ dueOn: expected.clock.dueOn, ruleId: expected.clock.ruleId });
      } else {
        expect(detail.clocks).toEqual([]);
        expect(detail.version.assessment.clock).toBeNull();
        expect(detail.version.assessment.noClock).toMatchObject({ ruleId: expected.noClock });
        expect(detail.version.assessment.noClock.source).toEqual(expect.any(String));
      }
    });

    it('should start no clock for a solicited case whose every pair the reporter and the company call unrelated', async () => {
      // Both "unrelated" also fails the validity criterion (GVP VI.B.2), so the case is kept as incomplete.
      const detail = await logCase(safety, product.name, {
        reportType: 'solicited',
        solicitedSource: 'registry',
        causality: [{ drugKey: 'd1', reactionKey: 'r1', reporter: 'unrelated', company: 'unrelated' }],
      });
      expect(detail.clocks).toEqual([]);
      expect(detail.version.assessment.causalityPossible).toBe(false);
      expect(detail.version.assessment.validity.missing).toEqual(['causality-excluded']);
      expect(detail.version.assessment.noClock).not.toBeNull();
    });

    it('should say a solicited case without causality assessment is treated as possible', async () => {
      const detail = await logCase(safety, product.name, { reportType: 'solicited', solicitedSource: 'registry', causality: [] });
      expect(detail.version.assessment.causalityPossible).toBeNull();
      expect(detail.clocks[0].explanation).toContain('treated as possible');
    });

    it('should refuse a solicited source on a spontaneous report and a literature report without its reference', async () => {
      const solicited = await safety.http().post('/api/safety-cases').send({ ...caseBody(product.name), solicitedSource: 'registry' }).expect(422);
      expect(solicited.body.errors).toEqual([expect.objectContaining({ field: 'solicitedSource' })]);
      const literature = await safety.http().post('/api/safety-cases').send({ ...caseBody(product.name), reportType: 'literature' }).expect(422);
      expect(literature.body.errors).toEqual([expect.objectContaining({ field: 'literatureReference' })]);
    });
  });

  describe('calendar arithmetic', () => {
    let product: { id: string; name: string };
    beforeAll(async () => {
      product = await createProduct(t);
    });

    it.each([
      { label: 'a serious case from 31 January', day0: '2026-01-31', reactions: undefined, dueOn: '2026-02-15', ruleId: 'ICSR-SERIOUS-15' },
      { label: 'a non-serious EEA case across the year end', day0: '2025-12-15', reactions: NON_SERIOUS, dueOn: '2026-03-15', ruleId: 'ICSR-NON-SERIOUS-90' },
      { label: 'a serious case into a leap day', day0: '2024-02-14', reactions: undefined, dueOn: '2024-02-29', ruleId: 'ICSR-SERIOUS-15' },
    ])('should count calendar days over month ends for $label', async ({ day0, reactions, dueOn, ruleId }) => {
      const detail = await logCase(safety, product.name, { initialReceiptOn: day0, ...(reactions === undefined ? {} : { reactions }) });
      expect(detail.clocks).toEqual([expect.objectContaining({ day0, dueOn, ruleId })]);
    });

    it('should decide EEA by the reporter flagged as primary source, not the first reporter', async () => {
      const detail = await logCase(safety, product.name, {
        reactions: NON_SERIOUS,
        reporters: [
          { qualification: 'consumer', country: 'US' },
          { qualification: 'physician', country: 'DE', primarySource: true },
        ],
      });
      expect(detail.primaryCountry).toBe('DE');
      expect(detail.version.assessment.eea).toBe(true);
      expect(detail.version.assessment.eeaBasis).toContain('primary source in DE');
      expect(detail.clocks).toEqual([expect.objectContaining({ ruleId: 'ICSR-NON-SERIOUS-90', dueOn: '2027-01-31' })]);
    });

    it('should treat a case as non-EEA when the flagged primary source is outside the EEA even if the first reporter is in it', async () => {
      const detail = await logCase(safety, product.name, {
        reactions: NON_SERIOUS,
        reporters: [
          { qualification: 'physician', country: 'DE' },
          { qualification: 'consumer', country: 'US', primarySource: true },
        ],
      });
      expect(detail.primaryCountry).toBe('US');
      expect(detail.version.assessment.eea).toBe(false);
      expect(detail.clocks).toEqual([]);
      expect(detail.version.assessment.noClock.ruleId).toBe('ICSR-NOT-DUE-NON-SERIOUS-NON-EEA');
    });

    it('should flag a due date on a weekend without moving it', async () => {
      // 2026-11-06 + 15 = Saturday 2026-11-21.
      const weekend = await logCase(safety, product.name, { initialReceiptOn: '2026-11-06' });
      expect(weekend.clocks[0]).toMatchObject({ dueOn: '2026-11-21', days: 15 });
      expect(weekend.version.assessment.clock.dueOn).toBe('2026-11-21');
      expect(weekend.version.assessment.clock.nonWorkingDay).toContain('Saturday');
      expect(weekend.version.assessment.clock.nonWorkingDay).toContain('not moved');
      expect(weekend.version.assessment.clock.nonWorkingDay).toContain('2026-11-20');
      const weekday = await logCase(safety, product.name);
      expect(weekday.version.assessment.clock).toMatchObject({ dueOn: '2026-11-17', nonWorkingDay: null });
    });
  });

  describe('follow-ups', () => {
    let product: { id: string; name: string };
    beforeAll(async () => {
      product = await createProduct(t);
    });

    it('should start no clock for a non-significant follow-up', async () => {
      const initial = await logCase(safety, product.name);
      const detail = await followUp(initial.id, { day0: '2026-11-10', significant: false });
      expect(detail.currentVersion).toBe(2);
      expect(detail.clocks).toEqual([expect.objectContaining({ version: 1, status: 'open', dueOn: '2026-11-17' })]);
      expect(detail.version.assessment.clock).toBeNull();
      expect(detail.version.assessment.noClock.reason).toContain('without significant new information');
    });

    it('should refuse a follow-up whose day 0 is before the latest day 0 with 422 naming day0', async () => {
      const initial = await logCase(safety, product.name);
      await followUp(initial.id, { day0: '2026-11-10' });
      const refused = await followUp(initial.id, { day0: '2026-11-05' }, 422);
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'day0' })]);
      const versions = await safety.http().get(`/api/safety-cases/${initial.id}/versions`).expect(200);
      expect(versions.body).toHaveLength(2);
    });

    it('should refuse a follow-up that changes the initial receipt date with 422', async () => {
      const initial = await logCase(safety, product.name);
      const refused = await followUp(initial.id, { initialReceiptOn: '2026-11-03', day0: '2026-11-12' }, 422);
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'initialReceiptOn' })]);
    });

    it('should start the clock of an invalid case from the day 0 of the follow-up that completes it', async () => {
      const initial = await logCase(safety, product.name, { reporters: [] });
      expect(initial.status).toBe('incomplete');
      expect(initial.clocks).toEqual([]);
      expect(initial.version.assessment.noClock.reason).toContain('not a valid case yet');
      const completed = await followUp(initial.id, { day0: '2026-11-12' });
      expect(completed.status).toBe('valid');
      expect(completed.clocks).toEqual([expect.objectContaining({ version: 2, day0: '2026-11-12', dueOn: '2026-11-27', ruleId: 'ICSR-SERIOUS-15', status: 'open' })]);
    });
  });

  describe('submissions', () => {
    let product: { id: string; name: string };
    beforeAll(async () => {
      product = await createProduct(t);
    });

    it('should mark a clock met on time when acknowledged by its due date', async () => {
      const detail = await logCase(safety, product.name);
      const clocks = (await submit(detail.id, 1, '2026-11-17')) as ClockRow[];
      expect(clocks).toEqual([expect.objectContaining({ version: 1, status: 'submitted', submittedOn: '2026-11-17', submittedVersion: 1, onTime: true, overdue: false, daysLeft: null })]);
    });

    it('should mark a clock met late when acknowledged after its due date', async () => {
      const detail = await logCase(safety, product.name);
      const clocks = (await submit(detail.id, 1, '2026-11-18')) as ClockRow[];
      expect(clocks).toEqual([expect.objectContaining({ status: 'submitted', submittedOn: '2026-11-18', onTime: false })]);
    });

    it('should refuse a second acknowledgement of the same version with 409', async () => {
      const detail = await logCase(safety, product.name);
      await submit(detail.id, 1, '2026-11-10');
      const refused = await submit(detail.id, 1, '2026-11-11', 409);
      expect(refused.code).toBe('VERSION_ALREADY_SUBMITTED');
    });

    it('should refuse an acknowledgement dated in the future with 422', async () => {
      const detail = await logCase(safety, product.name);
      const refused = await submit(detail.id, 1, '2026-11-22', 422);
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'acknowledgedOn' })]);
      const after = await safety.http().get(`/api/safety-cases/${detail.id}`).expect(200);
      expect(after.body.clocks[0].status).toBe('open');
    });

    it('should refuse an acknowledgement of a version that does not exist with 422', async () => {
      const detail = await logCase(safety, product.name);
      const refused = await submit(detail.id, 2, '2026-11-10', 422);
      expect(refused.errors).toEqual([expect.objectContaining({ field: 'version' })]);
    });

    it('should meet the open clocks of versions 1 and 2 with one acknowledgement of version 2', async () => {
      const initial = await logCase(safety, product.name);
      const second = await followUp(initial.id, { day0: '2026-11-10' });
      expect(second.clocks.map((c: ClockRow) => [c.version, c.status, c.dueOn])).toEqual([
        [1, 'open', '2026-11-17'],
        [2, 'open', '2026-11-25'],
      ]);
      const clocks = (await submit(initial.id, 2, '2026-11-20')) as ClockRow[];
      expect(clocks.map((c) => [c.version, c.status, c.submittedVersion, c.submittedOn, c.onTime])).toEqual([
        [1, 'submitted', 2, '2026-11-20', false],
        [2, 'submitted', 2, '2026-11-20', true],
      ]);
    });
  });

  describe('compliance and the clock list', () => {
    it('should count clocks due in the period per product: on time, late, overdue, pending and % on time', async () => {
      const product = await createProduct(t);
      const onTime = await logCase(safety, product.name, { initialReceiptOn: '2026-10-01' }); // due 2026-10-16
      await submit(onTime.id, 1, '2026-10-10');
      const late = await logCase(safety, product.name, { initialReceiptOn: '2026-10-02' }); // due 2026-10-17
      await submit(late.id, 1, '2026-10-20');
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-03' }); // due 2026-10-18, still open: overdue
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-10' }); // due 2026-11-25: pending
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-20' }); // due 2026-12-05: after the period
      await logCase(safety, product.name, { initialReceiptOn: '2026-09-01' }); // due 2026-09-16: before the period
      await logCase(safety, product.name, { reactions: NON_SERIOUS, reporters: US_PHYSICIAN }); // no clock
      const response = await safety.http().get('/api/safety-cases/compliance').query({ from: '2026-10-01', to: '2026-11-30', product: product.name }).expect(200);
      expect(response.body).toEqual([
        { productId: product.id, productName: product.name, due: 3, submittedOnTime: 1, submittedLate: 1, overdue: 1, pending: 1, compliancePercent: 33.3 },
      ]);
    });

    it('should round the compliance percentage to one decimal', async () => {
      const product = await createProduct(t);
      for (const day0 of ['2026-10-01', '2026-10-02']) {
        const detail = await logCase(safety, product.name, { initialReceiptOn: day0 });
        await submit(detail.id, 1, '2026-10-05');
      }
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-03' }); // overdue
      const response = await safety.http().get('/api/safety-cases/compliance').query({ from: '2026-10-01', to: '2026-10-31', product: product.name }).expect(200);
      expect(response.body).toEqual([expect.objectContaining({ due: 3, submittedOnTime: 2, submittedLate: 0, overdue: 1, pending: 0, compliancePercent: 66.7 })]);
    });

    it('should list only the overdue open clocks of the product, with negative days left', async () => {
      const product = await createProduct(t);
      const old = await logCase(safety, product.name, { initialReceiptOn: '2026-10-01' }); // due 2026-10-16
      const recent = await logCase(safety, product.name, { initialReceiptOn: '2026-11-01' }); // due 2026-11-16
      const met = await logCase(safety, product.name, { initialReceiptOn: '2026-10-02' }); // due 2026-10-17, met late
      await submit(met.id, 1, '2026-10-20');
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-20' }); // due 2026-12-05: open, not overdue
      const other = await createProduct(t);
      await logCase(safety, other.name, { initialReceiptOn: '2026-10-01' }); // overdue, another product
      const response = await safety.http().get('/api/case-clocks').query({ product: product.name, overdue: true }).expect(200);
      const clocks = response.body as ClockRow[];
      expect(clocks.map((c) => [c.id, c.status, c.overdue, c.daysLeft, c.dueOn])).toEqual([
        [old.clocks[0].id, 'open', true, -36, '2026-10-16'],
        [recent.clocks[0].id, 'open', true, -5, '2026-11-16'],
      ]);
    });
  });

  describe('reminders', () => {
    let product: { id: string; name: string };
    let scanner: ReminderScanService;

    beforeAll(async () => {
      product = await createProduct(t);
      scanner = t.app.get(ReminderScanService);
    });

    function deliveries(clockId: string): Promise<{ id: string; deadline_type: string; step: string; due_date: string; recipient: string; channel: string; status: string }[]> {
      return t.dataSource.query(`SELECT id, deadline_type, step, due_date, recipient, channel, status FROM reminder_delivery WHERE deadline_id = $1 ORDER BY created_at, step`, [clockId]);
    }

    it('should remind a safety user of an open clock due within 7 days, into the inbox', async () => {
      const detail = await logCase(safety, product.name, { initialReceiptOn: '2026-11-13' }); // due 2026-11-28
      const clockId = detail.clocks[0].id as string;
      await scanner.scan(TODAY);
      const rows = (await deliveries(clockId)).filter((r) => r.recipient === `user:${safety.id}`);
      expect(rows).toEqual([expect.objectContaining({ deadline_type: 'case-clock', step: 'before-7', due_date: '2026-11-28', channel: 'in-app', status: 'pending' })]);
      expect(await t.app.get(ReminderDeliveryService).deliverToInbox(rows[0]!.id)).toBe('delivered');
      const inbox = await safety.http().get('/api/inbox').expect(200);
      const mine = (inbox.body as { subject: string; deadline: { type: string; id: string } }[]).filter((m) => m.deadline.id === clockId);
      expect(mine).toEqual([expect.objectContaining({ deadline: { type: 'case-clock', id: clockId } })]);
      expect(mine[0]!.subject).toContain(detail.safetyReportId);
      expect(mine[0]!.subject).toMatch(/due in 7 days$/);
    });

    it('should record no reminder for a clock already submitted', async () => {
      const detail = await logCase(safety, product.name, { initialReceiptOn: '2026-11-14' }); // due 2026-11-29
      await submit(detail.id, 1, TODAY);
      await scanner.scan('2026-11-22');
      expect(await deliveries(detail.clocks[0].id)).toEqual([]);
    });

    it('should cancel the pending reminder of a clock submitted before delivery, and plan no more', async () => {
      const detail = await logCase(safety, product.name, { initialReceiptOn: '2026-11-13' }); // due 2026-11-28
      const clockId = detail.clocks[0].id as string;
      await scanner.scan(TODAY);
      expect((await deliveries(clockId)).map((r) => r.status)).toContain('pending');
      await submit(detail.id, 1, TODAY);
      await scanner.scan('2026-11-25');
      const rows = await deliveries(clockId);
      expect(rows.map((r) => [r.recipient, r.step, r.status])).toEqual([[`user:${safety.id}`, 'before-7', 'cancelled']]);
    });
  });

  describe('audit', () => {
    let product: { id: string; name: string };
    beforeAll(async () => {
      product = await createProduct(t);
    });

    async function audit(query: Record<string, string>): Promise<{ txId: string; action: string; entityId: string; productId: string | null; after: Record<string, any> | null }[]> {
      return (await safety.http().get('/api/audit').query(query).expect(200)).body;
    }

    it('should write the version and the clock audit rows in the intake transaction', async () => {
      const detail = await logCase(safety, product.name);
      const clockId = detail.clocks[0].id as string;
      const caseRows = await audit({ entityType: 'safety-case', entityId: detail.id });
      expect(caseRows).toEqual([expect.objectContaining({ action: 'version:initial', entityId: detail.id, productId: product.id })]);
      expect(caseRows[0]!.after).toMatchObject({ version: 1, day0: '2026-11-02', clock: { dueOn: '2026-11-17', ruleId: 'ICSR-SERIOUS-15' } });
      const clockRows = await audit({ entityType: 'case-clock', entityId: clockId });
      expect(clockRows).toEqual([expect.objectContaining({ action: 'create', productId: product.id })]);
      expect(clockRows[0]!.txId).toBe(caseRows[0]!.txId);
    });

    it('should write the submission and the met clock audit rows in one transaction', async () => {
      const detail = await logCase(safety, product.name);
      const clockId = detail.clocks[0].id as string;
      await submit(detail.id, 1, '2026-11-15');
      const submission = (await audit({ entityType: 'safety-case', entityId: detail.id, action: 'submission' }))[0];
      const met = (await audit({ entityType: 'case-clock', entityId: clockId, action: 'status:submitted' }))[0];
      expect(met?.after).toMatchObject({ status: 'submitted', submittedOn: '2026-11-15', onTime: true });
      expect(met?.txId).toBe(submission?.txId);
    });
  });
});

