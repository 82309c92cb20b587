import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/** The dashboard's summaries: GET /api/renewal-windows and GET /api/case-clocks/counts, against the real database. */

const TODAY = '2026-11-21';

interface RuledDate {
  date: string;
  ruleId: string;
}
interface RenewalWindow {
  productId: string;
  productName: string;
  validity: { status: string; currentExpiry: string | null };
  cycle: number | null;
  windowOpens: RuledDate | null;
  applicationDue: RuledDate | null;
  expiry: RuledDate | null;
  milestoneId: string | null;
}
interface ProductDetail {
  validity: { status: string; currentExpiry: string | null };
  renewals: { cycle: number; expiry: RuledDate; windowOpens: RuledDate | null; applicationDue: RuledDate; milestoneId: string | null }[];
}

describe('dashboard summaries over HTTP', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY, env: { REDIS_URL: '' } });
  });

  afterAll(async () => {
    await t.close();
  });

  beforeEach(() => t.clock.set(TODAY));

  describe('GET /api/renewal-windows', () => {
    it('should give each conditional authorisation the renewal in force exactly as its product page does, and no other authorisation', async () => {
      const first = await createProduct(t);
      const second = await createProduct(t, {}, { notifiedOn: '2026-03-02' });
      const standard = await createProduct(t, {}, { type: 'standard', notifiedOn: '2024-01-10' });
      const windows = (await t.http().get('/api/renewal-windows').expect(200)).body as RenewalWindow[];
      expect(windows.map((w) => w.productId)).not.toContain(standard.id);
      for (const product of [first, second]) {
        const detail = (await t.http().get(`/api/products/${product.id}`).expect(200)).body as ProductDetail;
        const current = detail.renewals.find((r) => r.expiry.date === detail.validity.currentExpiry);
        expect(current).toBeDefined();
        expect(windows.find((w) => w.productId === product.id)).toEqual({
          productId: product.id,
          productName: product.name,
          authorisationId: expect.any(String),
          illustrative: false,
          validity: detail.validity,
          cycle: current?.cycle,
          windowOpens: current?.windowOpens,
          applicationDue: current?.applicationDue,
          expiry: current?.expiry,
          milestoneId: current?.milestoneId,
        });
      }
      const later = windows.find((w) => w.productId === second.id);
      expect(later).toMatchObject({ validity: { status: 'valid', currentExpiry: '2027-03-02' }, expiry: { date: '2027-03-02', ruleId: 'CMA-EXPIRY-FIRST' }, applicationDue: { ruleId: 'CMA-RENEWAL-DUE' } });
    });

    it('should show a renewal submitted in time as renewal-pending after the expiry', async () => {
      t.clock.set('2023-09-01');
      const { id, body } = await createProduct(t);
      t.clock.set('2023-08-01');
      await t.http().patch(`/api/milestones/${String(body.renewals[0].milestoneId)}/status`).send({ status: 'submitted', submittedOn: '2023-08-01', ectdType: 'renewal' }).expect(200);
      t.clock.set('2024-03-15');
      const window = ((await t.http().get('/api/renewal-windows').expect(200)).body as RenewalWindow[]).find((w) => w.productId === id);
      expect(window).toMatchObject({ validity: { status: 'renewal-pending', currentExpiry: '2024-02-20' }, cycle: 1, expiry: { date: '2024-02-20' }, milestoneId: body.renewals[0].milestoneId });
    });

    it('should list only the products in a scoped account’s scope', async () => {
      const mine = await createProduct(t);
      await createProduct(t);
      const scoped = await t.signIn('viewer', { productIds: [mine.id] });
      const windows = (await scoped.http().get('/api/renewal-windows').expect(200)).body as RenewalWindow[];
      expect(windows.map((w) => w.productId)).toEqual([mine.id]);
    });
  });

  describe('GET /api/case-clocks/counts', () => {
    let safety: SignedInUser;
    let scoped: SignedInUser;

    beforeAll(async () => {
      const product = await createProduct(t);
      const other = await createProduct(t);
      safety = await t.signIn('safety');
      scoped = await t.signIn('viewer', { productIds: [product.id] });
      const submit = async (caseId: string, acknowledgedOn: string): Promise<void> => {
        await safety.http().post(`/api/safety-cases/${caseId}/submissions`).send({ version: 1, acknowledgedOn }).expect(201);
      };
      const onTime = await logCase(safety, product.name, { initialReceiptOn: '2026-10-01' }); // due 2026-10-16
      await submit(String(onTime.id), '2026-10-10');
      const late = await logCase(safety, product.name, { initialReceiptOn: '2026-10-02' }); // due 2026-10-17
      await submit(String(late.id), '2026-10-20');
      await logCase(safety, product.name, { initialReceiptOn: '2026-10-03' }); // due 2026-10-18: open, overdue
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-10' }); // due 2026-11-25: open, due within 7 days
      await logCase(safety, product.name, { initialReceiptOn: '2026-11-20' }); // due 2026-12-05: open, due within 14 days
      await logCase(safety, product.name, { initialReceiptOn: '2025-10-01' }); // due 2025-10-16: overdue, before the 12 months
      await logCase(safety, other.name, { initialReceiptOn: '2026-10-01' }); // another product: outside the scope
    });

    it('should count the scoped caller’s open, overdue and due-soon clocks and the share met on time in the last 12 months', async () => {
      const counts = (await scoped.http().get('/api/case-clocks/counts').expect(200)).body as Record<string, unknown>;
      expect(counts).toEqual({
        today: TODAY,
        open: 4,
        overdue: 2,
        dueSoon: 1,
        dueSoonDays: 7,
        onTimeFrom: '2025-11-22',
        onTimeTo: TODAY,
        submittedOnTime: 1,
        submittedLate: 1,
        overdueInPeriod: 1,
        onTimePercent: 33.3,
      });
      expect((await scoped.http().get('/api/case-clocks/counts').query({ dueSoonDays: 14 }).expect(200)).body).toMatchObject({ dueSoon: 2, dueSoonDays: 14 });
    });

    it('should agree with the clock list and the compliance table for an unscoped caller', async () => {
      const counts = (await safety.http().get('/api/case-clocks/counts').query({ dueSoonDays: 30 }).expect(200)).body as Record<string, number>;
      const open = (await safety.http().get('/api/case-clocks').query({ status: 'open', limit: 5000 }).expect(200)).body as { overdue: boolean; daysLeft: number }[];
      const compliance = (await safety.http().get('/api/safety-cases/compliance').query({ from: counts.onTimeFrom, to: counts.onTimeTo }).expect(200)).body as Record<string, number>[];
      const sum = (key: string): number => compliance.reduce((total, row) => total + (row[key] ?? 0), 0);
      expect(counts).toMatchObject({
        open: open.length,
        overdue: open.filter((c) => c.overdue).length,
        dueSoon: open.filter((c) => c.daysLeft >= 0 && c.daysLeft <= 30).length,
        submittedOnTime: sum('submittedOnTime'),
        submittedLate: sum('submittedLate'),
        overdueInPeriod: sum('overdue'),
      });
      expect(counts.open).toBeGreaterThan(4);
    });

    it('should keep the per-day counts the totals come from equal to the clocks themselves, through inserts, submissions, cancellations and a moved due date', async () => {
      const recount = `SELECT product_id, due_on::text, case_clock_outcome(status, on_time) AS outcome, count(*)::int AS clocks FROM case_clock
                        WHERE status IN ('open', 'submitted') GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
      const kept = `SELECT product_id, due_on::text, outcome, clocks FROM case_clock_day_count WHERE clocks > 0 ORDER BY 1, 2, 3`;
      expect(await t.dataSource.query(kept)).toEqual(await t.dataSource.query(recount));
      await t.dataSource.transaction(async (m) => {
        await m.query(`UPDATE case_clock SET status = 'cancelled', closed_reason = 'test' WHERE id IN (SELECT id FROM case_clock WHERE status = 'open' ORDER BY due_on LIMIT 2)`);
        await m.query(`UPDATE case_clock SET due_on = due_on + 1 WHERE id IN (SELECT id FROM case_clock WHERE status = 'submitted' LIMIT 1)`);
        expect(await m.query(kept)).toEqual(await m.query(recount));
        throw new Error('roll back');
      }).catch((error: unknown) => {
        if (!(error instanceof Error) || error.message !== 'roll back') {
          throw error;
        }
      });
      expect(await t.dataSource.query(kept)).toEqual(await t.dataSource.query(recount));
    });

    it('should refuse a negative due-soon window, naming the field', async () => {
      const response = await scoped.http().get('/api/case-clocks/counts').query({ dueSoonDays: -1 }).expect(400);
      expect(response.body.errors).toContainEqual(expect.objectContaining({ field: 'dueSoonDays' }));
    });
  });
});
