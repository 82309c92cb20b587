import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

type Row = { safetyReportId: string; productName: string | null; seriousCriteria: string[]; preferredTerms: string[]; nextClock: { dueOn: string; daysLeft: number; ruleId: string; overdue: boolean } | null };

describe('the case list: what a safety officer scans and filters', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };
  const ids: Record<'old' | 'recent' | 'nonSerious', string> = { old: '', recent: '', nonSerious: '' };

  const list = async (query: Record<string, string | number>): Promise<string[]> => {
    const body = (await safety.http().get('/api/safety-cases').query({ product: product.name, ...query }).expect(200)).body as { cases: Row[] };
    return body.cases.map((c) => c.safetyReportId).sort();
  };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
    ids.old = (await logCase(safety, product.name)).safetyReportId as string; // serious, day 0 2026-11-02: due 11-17, overdue
    ids.recent = (await logCase(safety, product.name, { initialReceiptOn: '2026-11-20' })).safetyReportId as string; // due 12-05, 14 days left
    ids.nonSerious = (await logCase(safety, product.name, { initialReceiptOn: '2026-11-10', reactions: [{ key: 'r1', reportedTerm: 'headache', outcome: 'recovered', seriousness: [] }] })).safetyReportId as string;
  });

  afterAll(async () => {
    await t.close();
  });

  it('should give each row its product name, seriousness criteria, terms and earliest open clock', async () => {
    const body = (await safety.http().get('/api/safety-cases').query({ product: product.name }).expect(200)).body as { cases: Row[] };
    const recent = body.cases.find((c) => c.safetyReportId === ids.recent);
    expect(recent).toMatchObject({ productName: product.name, seriousCriteria: ['hospitalisation'], preferredTerms: ['Hepatic failure'], nextClock: { dueOn: '2026-12-05', daysLeft: 14, ruleId: 'ICSR-SERIOUS-15', overdue: false } });
    expect(body.cases.find((c) => c.safetyReportId === ids.old)?.nextClock).toMatchObject({ daysLeft: -4, overdue: true });
    expect(body.cases.find((c) => c.safetyReportId === ids.nonSerious)).toMatchObject({ seriousCriteria: [], preferredTerms: ['headache'] });
  });

  it('should filter by clock state: due within N days (overdue included), overdue, met', async () => {
    expect(await list({ clock: 'overdue' })).toEqual([ids.old]);
    expect(await list({ clock: 'due', dueWithinDays: 14 })).toEqual([ids.old, ids.recent].sort());
    expect(await list({ clock: 'due', dueWithinDays: 13 })).toEqual([ids.old]);
    expect(await list({ clock: 'met' })).toEqual([]);
    await safety.http().post(`/api/safety-cases/${ids.old}/submissions`).send({ version: 1, acknowledgedOn: '2026-11-21' }).expect(201);
    expect(await list({ clock: 'met' })).toEqual([ids.old]);
    expect(await list({ clock: 'overdue' })).toEqual([]);
  });

  it('should filter by receipt period, both ends inclusive', async () => {
    expect(await list({ receivedFrom: '2026-11-10' })).toEqual([ids.recent, ids.nonSerious].sort());
    expect(await list({ receivedFrom: '2026-11-02', receivedTo: '2026-11-10' })).toEqual([ids.old, ids.nonSerious].sort());
  });

  it('should refuse a bad clock state or day count with 400 naming the field', async () => {
    const badState = await safety.http().get('/api/safety-cases').query({ clock: 'late' }).expect(400);
    expect(JSON.stringify(badState.body.errors)).toContain('clock');
    const badDays = await safety.http().get('/api/safety-cases').query({ clock: 'due', dueWithinDays: 400 }).expect(400);
    expect(JSON.stringify(badDays.body.errors)).toContain('dueWithinDays');
    const badDate = await safety.http().get('/api/safety-cases').query({ receivedFrom: '2026-02-30' }).expect(400);
    expect(JSON.stringify(badDate.body.errors)).toContain('receivedFrom');
  });
});
