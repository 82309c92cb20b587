import { seedDemo } from '../src/demo/seed-demo';
import { systemActor } from '../src/common/actor';
import { createTestApp, TestApp } from './test-app';

describe('demo data', () => {
  let t: TestApp;
  const asOf = '2026-11-21';

  beforeAll(async () => {
    t = await createTestApp({ today: asOf });
  });

  afterAll(async () => {
    await t.close();
  });

  it('should load both products, then skip them on a second run', async () => {
    expect(await seedDemo(t.app, systemActor('demo-seed'), asOf)).toEqual({ asOf, created: ['Hemgenix', 'Zemcelpro'], skipped: [] });
    expect(await seedDemo(t.app, systemActor('demo-seed'), asOf)).toEqual({ asOf, created: [], skipped: ['Hemgenix', 'Zemcelpro'] });
    // Two products with their register, reference safety information and synthetic cases: ~12 s idle, longer on a loaded machine.
  }, 120_000);

  it('should mark the authorisations illustrative', async () => {
    const response = await t.http().get('/api/products').expect(200);
    expect(response.body.map((p: { name: string; authorisation: { illustrative: boolean } }) => [p.name, p.authorisation.illustrative])).toEqual([
      ['Hemgenix', true],
      ['Zemcelpro', true],
    ]);
  });

  it('should show exactly one overdue item and record the other past milestones as submitted on time', async () => {
    const overdue = await t.http().get('/api/deadlines').query({ overdue: true }).expect(200);
    expect(overdue.body.items.map((i: { productName: string; title: string }) => `${i.productName}: ${i.title}`)).toEqual(['Hemgenix: Registry interim report 2025']);
    const hemgenix = await t.http().get('/api/products/Hemgenix').expect(200);
    const past = hemgenix.body.milestones.filter((m: { dueDate: string; id: string; kind: string }) => m.dueDate < asOf && m.id !== overdue.body.items[0].id && m.kind !== 'sunset');
    expect(past.length).toBeGreaterThan(5);
    // Placed on the market (illustrative record): the sunset clause's day is cancelled, never submitted.
    expect(hemgenix.body.milestones.filter((m: { kind: string }) => m.kind === 'sunset')).toEqual([
      expect.objectContaining({ status: 'cancelled', cancelReason: expect.stringContaining('on the market in DE since 2023-05-02') }),
    ]);
    expect(past.every((m: { status: string; submission: { onTime: boolean } }) => m.status === 'submitted' && m.submission.onTime)).toBe(true);
  });

  it('should show upcoming deadlines for both products', async () => {
    const upcoming = await t.http().get('/api/deadlines').query({ withinDays: 365, includeOverdue: false }).expect(200);
    const products = new Set(upcoming.body.items.map((i: { productName: string }) => i.productName));
    expect([...products].sort()).toEqual(['Hemgenix', 'Zemcelpro']);
  });

  it('should show Zemcelpro valid in its first renewal period with the window from the illustrative notification', async () => {
    const response = await t.http().get('/api/products/Zemcelpro').expect(200);
    expect(response.body.validity).toMatchObject({ status: 'valid', currentExpiry: '2027-08-25' });
    expect(response.body.renewals[0]).toMatchObject({ expiry: { date: '2026-08-25' }, applicationDue: { date: '2026-02-25' } });
  });

  it('should load each product’s reference safety information, Zemcelpro marked incomplete with its stated rates', async () => {
    const hemgenix = await t.http().get('/api/products/Hemgenix/reference-safety').expect(200);
    expect(hemgenix.body).toHaveLength(1);
    expect(hemgenix.body[0]).toMatchObject({ version: 1, complete: true });
    const zemcelpro = (await t.http().get('/api/products/Zemcelpro/reference-safety').expect(200)).body[0];
    expect(zemcelpro.complete).toBe(false);
    const rates = zemcelpro.terms.filter((term: { statedRatePercent: number | null }) => term.statedRatePercent !== null).map((term: { term: string; kind: string; statedRatePercent: number; rateDenominator: number | null }) => [term.kind, term.statedRatePercent, term.rateDenominator]);
    expect(rates).toEqual(expect.arrayContaining([['reaction', 60, null], ['reaction', 16, null], ['outcome', 8, null]]));
  });

  it('should load synthetic cases, marked synthetic, including fatal Zemcelpro registry cases with GvHD', async () => {
    const safety = await t.signIn('safety');
    const all = await safety.http().get('/api/safety-cases').query({ limit: 1000 }).expect(200);
    expect(all.body.total).toBe(100);
    expect(all.body.cases.every((c: { synthetic: boolean; syntheticNotice: string | null }) => c.synthetic && c.syntheticNotice !== null)).toBe(true);
    const listing = await safety.http().get('/api/safety-cases/line-listing').query({ product: 'Zemcelpro', from: '2024-01-01', to: asOf }).expect(200);
    const fatalGvhd = listing.body.result.filter((row: { reportType: string; outcomes: string; reactions: string }) => row.reportType === 'solicited' && row.outcomes.includes('fatal') && /graft versus host/i.test(row.reactions));
    expect(fatalGvhd.length).toBeGreaterThan(0);
    expect(listing.body.result.every((row: { synthetic: boolean }) => row.synthetic)).toBe(true);
  });
});
