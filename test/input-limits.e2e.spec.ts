import { createProduct } from './factories';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/**
 * What validation refuses that used to reach PostgreSQL and answer 500 (issue 21): ids that are not ids, null
 * where a value is required, numbers past their range, text longer than its column, implausible dates — each a
 * 400 naming the field, with one problem per field.
 */
describe('input limits', () => {
  let t: TestApp;
  let safety: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp();
    safety = await t.signIn('safety');
  });

  afterAll(async () => {
    await t.close();
  });

  const problems = (body: { errors?: { field: string; problem: string }[] }) => body.errors ?? [];

  it('should refuse a signature entityId that is not a UUID, when signing and when listing', async () => {
    const sign = await t.http().post('/api/signatures').send({ entityType: 'milestone', entityId: 'x\'; --', meaning: 'reviewed', password: 'whatever' }).expect(400);
    expect(problems(sign.body)).toEqual([{ field: 'entityId', problem: 'must be a UUID' }]);
    const list = await t.http().get('/api/signatures').query({ entityType: 'milestone', entityId: 'not-an-id' }).expect(400);
    expect(problems(list.body)).toEqual([{ field: 'entityId', problem: 'must be a UUID' }]);
  });

  it('should refuse null for a field that cannot be null with one problem, and still take the field left out', async () => {
    const admin = await t.signIn('admin');
    const user = await t.signIn('viewer');
    const patch = await admin.http().patch(`/api/users/${user.id}`).send({ displayName: null, reason: 'test' }).expect(400);
    expect(problems(patch.body)).toEqual([{ field: 'displayName', problem: 'must not be null (leave the field out instead)' }]);
    const policy = await t.http().post('/api/reminder-policies').send({ deadlineKind: 'obligation', obligationId: null, offsetsDays: [7] }).expect(400);
    expect(problems(policy.body)).toEqual([{ field: 'obligationId', problem: 'must not be null (leave the field out instead)' }]);
    const product = await t.http().post('/api/products').send({ name: 'Nullish', activeSubstance: 'x', additionalMonitoring: null, authorisation: { type: 'conditional', holder: 'H', notifiedOn: '2023-02-20' } }).expect(400);
    expect(problems(product.body)).toEqual([{ field: 'additionalMonitoring', problem: 'must not be null (leave the field out instead)' }]);
    const run = await safety.http().post('/api/signal-detection/runs').send({ database: 'own', roles: null }).expect(400);
    expect(problems(run.body)).toEqual([{ field: 'roles', problem: 'must not be null (leave the field out instead)' }]);
    await createProduct(t, { additionalMonitoring: undefined });
  });

  it('should keep null where it means something (clearing a recorded expiry)', async () => {
    const product = await createProduct(t);
    await t.http().patch(`/api/products/${product.id}/authorisation`).send({ recordedExpiry: null, reason: 'cleared' }).expect(200);
  });

  it('should refuse an offset or a page past its maximum, naming it', async () => {
    const offset = await safety.http().get('/api/safety-cases?offset=99999999999999999999').expect(400);
    expect(problems(offset.body)).toEqual([{ field: 'offset', problem: 'must be at most 1000000; page deeper with `after`' }]);
    const page = await t.http().get('/api/deadlines?page=99999999999').expect(400);
    expect(problems(page.body)).toEqual([{ field: 'page', problem: 'must be at most 100000; page deeper with `after`' }]);
  });

  it('should refuse text longer than its indexed column (a 900 KB EURD substance)', async () => {
    const response = await t.http().post('/api/eurd-entries').send({ substance: 'x'.repeat(900_000), frequencyMonths: 12, firstDlp: '2025-01-01' }).expect(400);
    expect(problems(response.body)).toContainEqual({ field: 'substance', problem: 'must be shorter than or equal to 300 characters' });
  });

  it('should refuse an implausible date with the range in the message, and an impossible one as before', async () => {
    const product = await createProduct(t);
    for (const date of ['1949-12-31', '2101-01-01', '0202-02-02']) {
      const response = await safety.http().post('/api/safety-cases').send({ product: product.name, reportType: 'spontaneous', initialReceiptOn: date }).expect(400);
      expect(problems(response.body)).toContainEqual({ field: 'initialReceiptOn', problem: 'must be a date from 1950-01-01 to 2100-12-31' });
    }
    const impossible = await t.http().post('/api/eurd-entries').send({ substance: 'x', frequencyMonths: 12, firstDlp: '2025-02-30' }).expect(400);
    expect(problems(impossible.body)).toContainEqual({ field: 'firstDlp', problem: 'must be an existing calendar date written YYYY-MM-DD' });
  });

  it('should refuse bad audit export filters with a JSON 400 before any CSV is sent', async () => {
    for (const query of ['entityType=%00', 'from=1900-01-01', `actor=${'a'.repeat(400)}`]) {
      const response = await t.http().get(`/api/audit/export.csv?${query}`).expect(400);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['content-disposition']).toBeUndefined();
      expect(problems(response.body)).toHaveLength(1);
    }
  });
});
