import { createTestApp, TestApp } from './test-app';

/**
 * What the API refuses before any handler runs, and how: request bodies it cannot read, text PostgreSQL
 * cannot store. The fuzz test (fuzz.e2e.spec.ts) throws the same at every route; these pin the answers.
 */
describe('request boundary', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });

  afterAll(async () => {
    await t.close();
  });

  describe('JSON nesting', () => {
    const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

    it('should refuse a login body nested 3,000 levels deep with 400 naming the limit, before validation', async () => {
      for (const body of [nested(3000), `${'['.repeat(3000)}${']'.repeat(3000)}`]) {
        const response = await t.anon().post('/api/auth/login').set('Content-Type', 'application/json').send(body).expect(400);
        expect(response.body).toEqual({ statusCode: 400, code: 'BODY_TOO_DEEP', message: 'request body: the JSON is nested deeper than 64 levels' });
      }
    });

    it('should read a body at the limit as usual (validation answers)', async () => {
      const response = await t.http().post('/api/products').set('Content-Type', 'application/json').send(`{"name":"X","activeSubstance":"x","authorisation":${nested(63)}}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
