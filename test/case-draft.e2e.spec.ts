import { caseBody, createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

describe('assessing a case being typed, without saving it (POST /api/safety-cases/assessment)', () => {
  let t: TestApp;
  let safety: SignedInUser;
  let product: { id: string; name: string };

  const caseCount = async (): Promise<number> => Number((await t.dataSource.query<{ n: string }[]>('SELECT count(*) AS n FROM safety_case'))[0]?.n);

  beforeAll(async () => {
    t = await createTestApp({ today: '2026-11-21' });
    safety = await t.signIn('safety');
    product = await createProduct(t);
  });

  afterAll(async () => {
    await t.close();
  });

  it('should name a missing validity criterion, give no clock and save nothing', async () => {
    const before = await caseCount();
    const response = await safety.http().post('/api/safety-cases/assessment').send(caseBody(product.name, { reporters: [], initialReceiptOn: '2026-11-20' })).expect(200);
    expect(response.body.validity).toMatchObject({ valid: false, missing: ['identifiable-reporter'] });
    expect(response.body.clock).toBeNull();
    expect(response.body.noClock.reason).toEqual(expect.any(String));
    expect(await caseCount()).toBe(before);
  });

  it('should give a complete serious case the 15-day clock from day 0 with its rule, as intake would', async () => {
    const response = await safety.http().post('/api/safety-cases/assessment').send(caseBody(product.name, { initialReceiptOn: '2026-11-20' })).expect(200);
    expect(response.body.validity).toMatchObject({ valid: true, missing: [] });
    expect(response.body.clock).toMatchObject({ dueOn: '2026-12-05', days: 15, ruleId: 'ICSR-SERIOUS-15' });
    const saved = await safety.http().post('/api/safety-cases').send(caseBody(product.name, { initialReceiptOn: '2026-11-20' })).expect(201);
    expect(saved.body.version.assessment.clock).toEqual(response.body.clock);
  });

  it('should refuse a draft the intake would refuse, naming the field', async () => {
    const response = await safety.http().post('/api/safety-cases/assessment').send(caseBody(product.name, { initialReceiptOn: '2026-11-20', day0: '2026-11-19' })).expect(422);
    expect(response.body.errors).toEqual([expect.objectContaining({ field: 'day0' })]);
    const malformed = await safety.http().post('/api/safety-cases/assessment').send(caseBody(product.name, { reactions: [{ reportedTerm: 'x', outcome: 'gone' }] })).expect(400);
    expect(JSON.stringify(malformed.body.errors)).toContain('reactions[0].outcome');
  });

  it('should not let a viewer assess a draft', async () => {
    const viewer = await t.signIn('viewer');
    await viewer.http().post('/api/safety-cases/assessment').send(caseBody(product.name)).expect(403);
  });
});
