import { createProduct, logCase } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/**
 * A product is named by its name or its id everywhere one is referenced: query filters (alerts, signals,
 * audit, reminder policies, disproportionality results), request bodies (a case's drugs[].productId, an
 * account's productIds, a reminder policy's productId, a disproportionality run's product).
 */
describe('products referenced by name or id', () => {
  let t: TestApp;
  let admin: SignedInUser;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    admin = await t.signIn('admin');
    safety = await t.signIn('safety');
    product = await createProduct(t);
    await safety.http().post(`/api/products/${product.name}/reference-safety`).send({ document: 'SmPC 4.8 (test)', effectiveFrom: '2025-01-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'common' }] }).expect(201);
    const reaction = (pt: string): Record<string, unknown> => ({ reactions: [{ key: 'r1', reportedTerm: pt, ptName: pt, outcome: 'recovered', seriousness: [] }], causality: [] });
    for (let i = 0; i < 6; i++) {
      await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: product.name, productId: product.name.toLowerCase() }], ...reaction('Hepatic failure') });
    }
    for (let i = 0; i < 20; i++) {
      await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: 'Other drug' }], ...reaction('Nausea') });
    }
  });

  afterAll(async () => {
    await t.close();
  });

  it('stores a drug named by its product’s name as the product’s id, and names the field of one that is no product', async () => {
    const [stored] = await t.dataSource.query<{ product_id: string }[]>(`SELECT v.content->'drugs'->0->>'productId' AS product_id FROM safety_case_version v WHERE v.content->'drugs'->0->>'name' = $1 LIMIT 1`, [product.name]);
    expect(stored?.product_id).toBe(product.id);
    const byId = await logCase(safety, product.name, { drugs: [{ key: 'd1', role: 'suspect', name: product.name, productId: product.id }] });
    expect(byId.id).toEqual(expect.any(String));
    const unknown = await safety.http().post('/api/safety-cases').send({ product: product.name, reportType: 'spontaneous', initialReceiptOn: '2026-11-02', reporters: [{ qualification: 'physician', country: 'DE', primarySource: true }], patient: { initials: 'JD' }, reactions: [{ key: 'r1', reportedTerm: 'x', outcome: 'recovered', seriousness: [] }], drugs: [{ key: 'd1', role: 'suspect', name: 'X', productId: 'No Such Product' }], causality: [] });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([{ field: 'drugs[0].productId', problem: 'no product "No Such Product": give one of our products by name or id' }]);
  });

  it('filters alerts and signals by product name or id alike', async () => {
    await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.id, minCount: 1 }).expect(201);
    const byId = (await safety.http().get('/api/alerts').query({ product: product.id }).expect(200)).body as { id: string; product: string }[];
    expect(byId.length).toBeGreaterThan(0);
    const byName = (await safety.http().get('/api/alerts').query({ product: product.name }).expect(200)).body as { id: string }[];
    expect(byName.map((a) => a.id)).toEqual(byId.map((a) => a.id));
    expect((await safety.http().get('/api/alerts').query({ product: product.name.toUpperCase() }).expect(200)).body).toHaveLength(byId.length);
    await safety.http().get('/api/signals').query({ product: product.name }).expect(200);
    const unknown = await safety.http().get('/api/alerts').query({ product: 'Nonexistent' }).expect(404);
    expect(unknown.body.code).toBe('NOT_FOUND');
  });

  it('runs disproportionality for one of our products given by id, and filters its results by id', async () => {
    const run = (await safety.http().post('/api/signal-detection/runs').send({ database: 'own', product: product.id, minCount: 1 }).expect(201)).body as { id: string; product: string };
    expect(run.product).toBe(product.name.toUpperCase());
    const rows = (await safety.http().get(`/api/signal-detection/runs/${run.id}/results`).query({ product: product.id }).expect(200)).body as { product: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.product === product.name.toUpperCase())).toBe(true);
  });

  it('limits an account to products named by name or id, and names the entry that is no product', async () => {
    const created = await admin.http().post('/api/users').send({ username: 'scoped.by.name', displayName: 'Scoped', role: 'viewer', productIds: [product.name, product.id] }).expect(201);
    expect(created.body.user.productIds).toEqual([product.id]);
    const bad = await admin.http().post('/api/users').send({ username: 'scoped.badly', displayName: 'Scoped', role: 'viewer', productIds: [product.name, 'Nope'] }).expect(422);
    expect(bad.body.errors).toEqual([{ field: 'productIds[1]', problem: 'no product "Nope": give one of our products by name or id' }]);
    const updated = await admin.http().patch(`/api/users/${created.body.user.id}`).send({ productIds: [product.name.toLowerCase()], reason: 'scope by name' });
    expect(updated.status).toBe(200);
    expect(updated.body.productIds).toEqual([product.id]);
  });

  it('takes a reminder policy override’s product by name, and filters policies and the audit trail by name', async () => {
    const regulatory = { http: t.http };
    const created = (await regulatory.http().post('/api/reminder-policies').send({ deadlineKind: 'obligation', productId: product.name, offsetsDays: [10, 45], reason: 'tighter plan' }).expect(201)).body as { id: string; productId: string };
    expect(created.productId).toBe(product.id);
    const listed = (await regulatory.http().get('/api/reminder-policies').query({ productId: product.name }).expect(200)).body as { id: string }[];
    expect(listed.map((p) => p.id)).toEqual([created.id]);
    expect((await regulatory.http().get('/api/reminder-policies').query({ productId: 'Nonexistent' }).expect(200)).body).toEqual([]);
    await regulatory.http().post('/api/reminder-policies').send({ deadlineKind: 'psur', productId: 'Nonexistent', offsetsDays: [10], reason: 'x' }).expect(404);
    const trail = (await admin.http().get('/api/audit').query({ productId: product.name, entityType: 'reminder-policy' }).expect(200)).body as { entityId: string; productId: string }[];
    expect(trail.map((e) => [e.entityId, e.productId])).toEqual([[created.id, product.id]]);
    const byId = (await admin.http().get('/api/audit').query({ productId: product.id, entityType: 'reminder-policy' }).expect(200)).body as unknown[];
    expect(byId).toEqual(trail);
    expect((await admin.http().get('/api/audit').query({ productId: 'Nonexistent' }).expect(200)).body).toEqual([]);
    const csv = await admin.http().get('/api/audit/export.csv').query({ productId: product.name, entityType: 'reminder-policy' }).expect(200);
    expect(csv.text).toContain(created.id);
  });
});
