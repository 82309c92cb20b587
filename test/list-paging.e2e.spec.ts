import { addMilestone, createObligation, createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/**
 * Paging of the big lists over HTTP against real PostgreSQL: by cursor (`after` = the previous page's
 * `nextCursor`) in every order the list offers, the same rows as one big page; totals exact up to the cap
 * (10,000) and flagged past it (`totalIsExact: false`).
 */
const TODAY = '2026-11-21';

type Page = { total: number; totalIsExact: boolean; nextCursor: string | null; page?: number | null };
type DeadlinePage = Page & { items: { id: string }[] };
type CasePage = Page & { cases: { id: string; initialReceiptOn: string }[] };

describe('list paging', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ today: TODAY });
  });

  afterAll(async () => {
    await t.close();
  });

  describe('deadlines', () => {
    let product: string;

    beforeAll(async () => {
      // Two products (each with its derived renewal and PSUR deadlines) and obligation milestones sharing due dates.
      for (const name of ['Alpha-paging', 'Beta-paging']) {
        const { id } = await createProduct(t, { name });
        const obligation = await createObligation(t, id, { owner: name === 'Alpha-paging' ? 'RA team' : 'Clinical' });
        for (const [index, dueDate] of ['2026-11-30', '2026-11-30', '2026-12-15', '2026-12-15', '2026-12-15', '2027-01-10', '2026-10-01'].entries()) {
          await addMilestone(t, obligation.id, { title: `Report ${index}`, dueDate });
        }
      }
      product = 'Alpha-paging';
    });

    const all = async (query: Record<string, unknown>): Promise<string[]> => {
      const body = (await t.http().get('/api/deadlines').query({ ...query, pageSize: 500 }).expect(200)).body as DeadlinePage;
      expect(body.nextCursor).toBeNull();
      return body.items.map((i) => i.id);
    };

    const byCursor = async (query: Record<string, unknown>, pageSize: number): Promise<string[]> => {
      const ids: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 200; guard++) {
        const response = await t
          .http()
          .get('/api/deadlines')
          .query({ ...query, pageSize, ...(after === null ? {} : { after }) })
          .expect(200);
        const body = response.body as DeadlinePage;
        ids.push(...body.items.map((i) => i.id));
        expect(body.page).toBe(after === null ? 1 : null);
        after = body.nextCursor;
        if (after === null) {
          return ids;
        }
        expect(body.items).toHaveLength(pageSize);
      }
      throw new Error('paging did not end');
    };

    it.each([
      { sort: 'dueDate', order: 'asc' },
      { sort: 'dueDate', order: 'desc' },
      { sort: 'product', order: 'asc' },
      { sort: 'product', order: 'desc' },
      { sort: 'kind', order: 'asc' },
      { sort: 'kind', order: 'desc' },
      { sort: 'status', order: 'desc' },
    ])('should page by cursor through the same rows as one page, sorted by $sort $order', async (order) => {
      const expected = await all(order);
      expect(expected.length).toBeGreaterThan(14);
      expect(await byCursor(order, 2)).toEqual(expected);
      expect(await byCursor({ ...order, withinDays: 60 }, 3)).toEqual(await all({ ...order, withinDays: 60 }));
    });

    it('should give the same rows by page number as by cursor, with the exact total on every page', async () => {
      const expected = await all({ product });
      const pages: string[] = [];
      for (let page = 1; page <= Math.ceil(expected.length / 3); page++) {
        const body = (await t.http().get('/api/deadlines').query({ product, page, pageSize: 3 }).expect(200)).body as DeadlinePage;
        expect(body).toMatchObject({ total: expected.length, totalIsExact: true, page, pageSize: 3 });
        expect(body.nextCursor === null).toBe(page === Math.ceil(expected.length / 3));
        pages.push(...body.items.map((i) => i.id));
      }
      expect(pages).toEqual(expected);
      const past = (await t.http().get('/api/deadlines').query({ product, page: 99, pageSize: 3 }).expect(200)).body as DeadlinePage;
      expect(past).toMatchObject({ total: expected.length, totalIsExact: true, nextCursor: null, items: [] });
    });

    it('should count the whole list, not the rest of it, when paging by cursor', async () => {
      const first = (await t.http().get('/api/deadlines').query({ owner: 'clinical', pageSize: 2 }).expect(200)).body as DeadlinePage;
      const second = (await t.http().get('/api/deadlines').query({ owner: 'clinical', pageSize: 2, after: first.nextCursor }).expect(200)).body as DeadlinePage;
      expect(first.total).toBe(7);
      expect(second).toMatchObject({ total: 7, totalIsExact: true, page: null });
    });

    it('should refuse a cursor that is not one, one from another order, and a cursor with a page number, naming the field', async () => {
      const garbage = await t.http().get('/api/deadlines').query({ after: 'not-a-cursor' }).expect(422);
      expect(garbage.body.errors).toEqual([expect.objectContaining({ field: 'after' })]);
      const { nextCursor } = (await t.http().get('/api/deadlines').query({ sort: 'kind', pageSize: 1 }).expect(200)).body as DeadlinePage;
      const otherOrder = await t.http().get('/api/deadlines').query({ sort: 'dueDate', after: nextCursor }).expect(422);
      expect(otherOrder.body.errors[0]).toMatchObject({ field: 'after', problem: expect.stringContaining('kind:asc') });
      const forged = Buffer.from(JSON.stringify({ o: 'dueDate:asc', k: ["2026-01-01'; --", 'x'] })).toString('base64url');
      expect((await t.http().get('/api/deadlines').query({ after: forged }).expect(422)).body.errors[0].field).toBe('after');
      const both = await t.http().get('/api/deadlines').query({ sort: 'kind', after: nextCursor, page: 2 }).expect(422);
      expect(both.body.errors[0].field).toBe('page');
    });

    it('should count up to 10,000 and say when there are more', async () => {
      const { id } = await createProduct(t, { name: 'Gamma-many' });
      const obligation = await createObligation(t, id);
      await t.dataSource.query(
        `INSERT INTO milestone (product_id, obligation_id, kind, title, due_date, basis, rule_id, rule_source)
         SELECT $1, $2, 'obligation', 'Bulk ' || g, DATE '2027-01-01' + g % 300, 'annex-ii', 'ANNEX-II', 'test' FROM generate_series(1, 10001) g`,
        [id, obligation.id],
      );
      const many = (await t.http().get('/api/deadlines').query({ product: 'gamma-many', pageSize: 10 }).expect(200)).body as DeadlinePage;
      expect(many).toMatchObject({ total: 10_000, totalIsExact: false, page: 1 });
      expect(many.items).toHaveLength(10);
      expect(many.nextCursor).toEqual(expect.any(String));
      const exact = (await t.http().get('/api/deadlines').query({ product: 'gamma-many', withinDays: 60, includeOverdue: false, pageSize: 10 }).expect(200)).body as DeadlinePage;
      const [row] = await t.dataSource.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM milestone WHERE product_id = $1 AND status IN ('planned', 'in-progress') AND due_date BETWEEN $2::date AND $2::date + 60`, [id, TODAY]);
      expect(exact).toMatchObject({ total: row?.n, totalIsExact: true });
      expect(row?.n).toBeGreaterThan(10);
    });
  });

  describe('safety cases', () => {
    let safety: SignedInUser;
    let product: { id: string; name: string };

    beforeAll(async () => {
      product = await createProduct(t, { name: 'Delta-cases' });
      safety = await t.signIn('safety');
      for (const initialReceiptOn of ['2026-11-02', '2026-11-02', '2026-11-02', '2026-10-15', '2026-11-10', '2026-09-01', '2026-11-10']) {
        await logCase(safety, product.id, { initialReceiptOn });
      }
    });

    const casePage = async (query: Record<string, unknown>): Promise<CasePage> => (await safety.http().get('/api/safety-cases').query(query).expect(200)).body as CasePage;

    it('should page by cursor through the same cases as one page, newest receipt first', async () => {
      const one = await casePage({ product: product.id, limit: 100 });
      expect(one).toMatchObject({ total: 7, totalIsExact: true, nextCursor: null });
      const ids: string[] = [];
      let after: string | null = null;
      do {
        const page: CasePage = await casePage({ product: product.id, limit: 2, ...(after === null ? {} : { after }) });
        expect(page).toMatchObject({ total: 7, totalIsExact: true });
        ids.push(...page.cases.map((c) => c.id));
        after = page.nextCursor;
      } while (after !== null);
      expect(ids).toEqual(one.cases.map((c) => c.id));
      expect(one.cases.map((c) => c.initialReceiptOn)).toEqual(['2026-11-10', '2026-11-10', '2026-11-02', '2026-11-02', '2026-11-02', '2026-10-15', '2026-09-01']);
    });

    it('should keep the exact total with an offset and refuse an offset together with a cursor', async () => {
      const page = await casePage({ product: product.id, limit: 3, offset: 3 });
      expect(page).toMatchObject({ total: 7, totalIsExact: true });
      expect(page.nextCursor).toEqual(expect.any(String));
      const both = await safety.http().get('/api/safety-cases').query({ product: product.id, offset: 3, after: page.nextCursor }).expect(422);
      expect(both.body.errors[0].field).toBe('offset');
      expect((await safety.http().get('/api/safety-cases').query({ after: 'eyJ4Ijox' }).expect(422)).body.errors[0].field).toBe('after');
    });

    it('should count up to 10,000 cases and say when there are more', async () => {
      const many = await createProduct(t, { name: 'Epsilon-cases' });
      await t.dataSource.query(
        `INSERT INTO safety_case (product_id, safety_report_id, worldwide_id, current_version, current_type, report_type, status, serious, initial_receipt_on, latest_day0, created_by)
         SELECT $1, 'BULK-' || g, 'BULK-WW-' || g, 1, 'initial', 'spontaneous', 'valid', false, DATE '2026-01-01' + g % 300, DATE '2026-01-01' + g % 300, 'test' FROM generate_series(1, 10001) g`,
        [many.id],
      );
      const page = await casePage({ product: many.name, limit: 5 });
      expect(page).toMatchObject({ total: 10_000, totalIsExact: false });
      expect(page.cases).toHaveLength(5);
      const next = await casePage({ product: many.name, limit: 5, after: page.nextCursor });
      expect(next.cases.map((c) => c.id)).toEqual((await casePage({ product: many.name, limit: 5, offset: 5 })).cases.map((c) => c.id));
    });
  });
});
