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
        expect(response.body).toEqual({
          statusCode: 400,
          code: 'BODY_TOO_DEEP',
          message: 'request body: the JSON is nested deeper than 64 levels',
          errors: [{ field: 'body', problem: 'the JSON is nested deeper than 64 levels' }],
          details: {},
        });
      }
    });

    it('should read a body at the limit as usual (validation answers)', async () => {
      const response = await t.http().post('/api/products').set('Content-Type', 'application/json').send(`{"name":"X","activeSubstance":"x","authorisation":${nested(63)}}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('content encoding and media type', () => {
    it('should refuse a gzip body that does not decode with 400 BODY_NOT_DECODABLE naming the body', async () => {
      const response = await t
        .http()
        .post('/api/products')
        .set('Content-Type', 'application/json')
        .set('Content-Encoding', 'gzip')
        .send(Buffer.from('\x1f\x8b\x08\x00garbage', 'latin1'))
        .expect(400);
      expect(response.body).toMatchObject({ code: 'BODY_NOT_DECODABLE', errors: [{ field: 'body' }] });
    });

    it('should refuse an unknown content encoding with 415', async () => {
      const response = await t.http().post('/api/products').set('Content-Type', 'application/json').set('Content-Encoding', 'x-rot13').send('{}').expect(415);
      expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ field: 'body' }] });
    });

    it('should refuse a body that is not JSON on a JSON route with 415 naming the body', async () => {
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'application/xml']) {
        const response = await t.http().post('/api/products').set('Content-Type', type).send('name=X').expect(415);
        expect(response.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', errors: [{ field: 'body', problem: `must be sent as application/json, not ${type}` }] });
      }
    });

    it('should refuse JSON that does not parse with 400 BODY_NOT_JSON', async () => {
      const response = await t.http().post('/api/products').set('Content-Type', 'application/json').send('{"name":').expect(400);
      expect(response.body).toMatchObject({ code: 'BODY_NOT_JSON', errors: [{ field: 'body' }] });
    });
  });

  describe('one problem per field', () => {
    it('should say a missing field is required, once, and name a wrong kind of value without its length checks', async () => {
      const missing = await t.http().post('/api/signatures').send({}).expect(400);
      const problems = missing.body.errors as { field: string; problem: string }[];
      for (const field of ['entityType', 'entityId', 'meaning', 'password']) {
        expect(problems.filter((p) => p.field === field)).toEqual([{ field, problem: 'is required' }]);
      }
      const wrongKind = await t.http().post('/api/products').send({ name: 42 }).expect(400);
      expect((wrongKind.body.errors as { field: string; problem: string }[]).filter((p) => p.field === 'name')).toEqual([{ field: 'name', problem: 'must be a string' }]);
    });

    it('should name an unknown entityType of a signature first', async () => {
      const response = await t.http().post('/api/signatures').send({ entityType: 'spaceship', entityId: 'x', meaning: 'approved', password: 'p' }).expect(400);
      expect((response.body.errors as { field: string }[])[0]?.field).toBe('entityType');
    });
  });

  describe('text PostgreSQL cannot store', () => {
    it('should refuse a NUL or a lone surrogate in a body string with 400 naming the field', async () => {
      const nul = await t.http().post('/api/eurd-entries').send({ substance: 'a\u0000b' }).expect(400);
      expect(nul.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'substance', problem: 'must not contain the NUL character (\\u0000)' }] });
      const surrogate = await t.http().post('/api/products').set('Content-Type', 'application/json').send('{"name":"\\ud800x"}').expect(400);
      expect(surrogate.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'name', problem: 'must not contain an unpaired UTF-16 surrogate' }] });
    });

    it('should name a nested field by its path', async () => {
      const response = await t.http().post('/api/products').send({ name: 'X', authorisation: { procedureNumber: ['ok', 'x\u0000'] } }).expect(400);
      expect(response.body.errors).toEqual([{ field: 'authorisation.procedureNumber[1]', problem: 'must not contain the NUL character (\\u0000)' }]);
    });

    it('should refuse a NUL in a query parameter with 400 naming the parameter', async () => {
      const response = await t.http().get('/api/safety-cases?product=%00').expect(400);
      expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'product' }] });
    });

    it('should refuse a path holding NUL or a broken escape with 400 MALFORMED_PATH', async () => {
      for (const path of ['/api/products/%00', '/api/products/%ff', '/api/products/%E0%A4%A']) {
        const response = await t.http().get(path).expect(400);
        expect(response.body).toMatchObject({ code: 'MALFORMED_PATH', errors: [{ field: 'path' }] });
      }
    });

    it('should keep reading a product by its name with paired surrogates (emoji) as text', async () => {
      await t.http().get(`/api/products/${encodeURIComponent('No such 💊')}`).expect(404);
    });
  });
});
