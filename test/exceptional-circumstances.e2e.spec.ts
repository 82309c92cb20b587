import { createProduct } from './factories';
import { createTestApp, TestApp } from './test-app';

interface Dated {
  date: string;
  ruleId: string;
  source: string;
  explanation: string;
  assumption: string | null;
}

interface Detail {
  validity: { status: string; explanation: string; currentExpiry: string | null };
  renewals: { cycle: number; expiry: Dated; applicationDue: Dated; milestoneId: string | null }[];
  reassessments: { cycle: number; anniversary: Dated; applicationDue: Dated; milestoneId: string | null }[];
  milestones: { id: string; kind: string; cycle: number | null; dueDate: string; why: { ruleId: string; explanation: string }; status: string }[];
}

/** An authorisation under exceptional circumstances (Reg 726/2004 Art 14(8)) through the API: dates, reminders, procedure, renewal. */
describe('authorisation under exceptional circumstances', () => {
  let t: TestApp;
  let product: { id: string; name: string };
  let detail: Detail;

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    product = await createProduct(t, {}, { type: 'exceptional-circumstances', notifiedOn: '2023-02-20' });
    detail = (await t.http().get(`/api/products/${product.name}`).expect(200)).body as Detail;
  });

  afterAll(async () => {
    await t.close();
  });

  it('is valid for five years, not without limit from day one, with its renewal due 9 months before expiry', () => {
    expect(detail.validity).toMatchObject({ status: 'valid', currentExpiry: '2028-02-20' });
    expect(detail.renewals).toEqual([
      expect.objectContaining({ cycle: 1, expiry: expect.objectContaining({ date: '2028-02-20', ruleId: 'EC-EXPIRY' }), applicationDue: expect.objectContaining({ date: '2027-05-20', ruleId: 'EC-RENEWAL-DUE' }) }),
    ]);
    const renewal = detail.milestones.find((m) => m.id === detail.renewals[0]?.milestoneId);
    expect(renewal).toMatchObject({ kind: 'standard-renewal', dueDate: '2027-05-20', why: { ruleId: 'EC-RENEWAL-DUE' } });
  });

  it('has an annual reassessment on every anniversary of notification, each a milestone with its rule and the assumption it rests on', () => {
    expect(detail.reassessments.map((r) => [r.cycle, r.anniversary.date, r.applicationDue.date])).toEqual([
      [1, '2024-02-20', '2023-11-20'],
      [2, '2025-02-20', '2024-11-20'],
      [3, '2026-02-20', '2025-11-20'],
      [4, '2027-02-20', '2026-11-20'],
      [5, '2028-02-20', '2027-11-20'],
    ]);
    expect(detail.reassessments[0]?.anniversary.source).toContain('Art 14(8)');
    expect(detail.reassessments[0]?.applicationDue).toMatchObject({ ruleId: 'EC-REASSESSMENT-DUE', assumption: expect.stringContaining('confirm it') });
    const milestones = detail.milestones.filter((m) => m.kind === 'annual-reassessment');
    expect(milestones.map((m) => [m.cycle, m.dueDate, m.why.ruleId])).toEqual(detail.reassessments.map((r) => [r.cycle, r.applicationDue.date, 'EC-REASSESSMENT-DUE']));
    expect(milestones[0]?.why.explanation).toContain('Assumption:');
  });

  it('lists the reassessments as deadlines of their own kind, overdue ones included, and reminds of them by their own policy', async () => {
    const due = (await t.http().get('/api/deadlines').query({ product: product.name, kind: 'annual-reassessment', overdue: true }).expect(200)).body as { items: { kind: string; dueDate: string }[] };
    expect(due.items.map((i) => i.dueDate)).toEqual(['2023-11-20', '2024-11-20', '2025-11-20', '2026-11-20']);
    const policies = (await t.http().get('/api/reminder-policies').expect(200)).body as { deadlineKind: string; offsetsDays: number[]; productId: string | null }[];
    expect(policies.find((p) => p.deadlineKind === 'annual-reassessment' && p.productId === null)).toMatchObject({ offsetsDays: [90, 60, 30, 14, 7, 1] });
  });

  it('records the reassessment procedure and its submission', async () => {
    await t.http().post('/api/procedures').send({ product: product.name, number: 'EMEA/H/C/009999/S/0004', type: 'annual-reassessment', title: 'Annual reassessment 4', submittedOn: '2026-11-20' }).expect(201);
    const milestone = detail.milestones.find((m) => m.kind === 'annual-reassessment' && m.cycle === 4);
    const submitted = await t.http().patch(`/api/milestones/${milestone?.id}/status`).send({ status: 'submitted', submittedOn: '2026-11-20', submissionRef: 'EMEA/H/C/009999/S/0004', ectdType: 'annual-reassessment' }).expect(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', submission: { ectdType: 'annual-reassessment', onTime: true } });
  });

  it('is valid without limit once renewed, and the annual reassessments go on', async () => {
    const renewal = detail.renewals[0]?.milestoneId;
    t.clock.set('2027-05-10');
    await t.http().patch(`/api/milestones/${renewal}/status`).send({ status: 'submitted', submittedOn: '2027-05-10', ectdType: 'renewal' }).expect(200);
    t.clock.set('2028-01-15');
    await t.http().post(`/api/milestones/${renewal}/outcome`).send({ outcome: 'fulfilled', outcomeOn: '2028-01-15', procedureRef: 'EMEA/H/C/009999/R/0010' }).expect(201);
    t.clock.set('2028-03-01');
    await t.http().patch(`/api/products/${product.name}/authorisation`).send({ marketedOn: '2023-06-01', reason: 'first placing on the market recorded' }).expect(200);
    const later = (await t.http().get(`/api/products/${product.name}`).expect(200)).body as Detail;
    expect(later.validity.status).toBe('valid-unlimited');
    expect(later.validity.explanation).toContain('Art 14(8)');
    expect(later.reassessments.map((r) => r.anniversary.date).slice(-3)).toEqual(['2028-02-20', '2029-02-20', '2030-02-20']);
    expect(later.milestones.filter((m) => m.kind === 'annual-reassessment').map((m) => m.cycle)).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
