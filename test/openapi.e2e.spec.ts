import type { OpenAPIObject, OperationObject, PathItemObject, ResponseObject } from '@nestjs/swagger';
import { createProduct, createObligation } from './factories';
import { ResponseValidator } from './response-validator';
import { createTestApp, TestApp } from './test-app';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const ERROR_SCHEMA = { $ref: '#/components/schemas/ErrorResponse' };

function operationsOf(document: OpenAPIObject): { name: string; operation: OperationObject }[] {
  return Object.entries(document.paths as Record<string, PathItemObject>).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] === undefined ? [] : [{ name: `${method.toUpperCase()} ${path}`, operation: item[method] }])),
  );
}

describe('the OpenAPI document', () => {
  let t: TestApp;
  let document: OpenAPIObject;

  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.anon().get('/api/docs-json').expect(200)).body as OpenAPIObject;
  });
  afterAll(() => t.close());

  it('should describe the success answer of every operation: a JSON schema, an empty 204, or the media type of its file', () => {
    const undescribed = operationsOf(document).flatMap(({ name, operation }) => {
      const successes = Object.entries(operation.responses as Record<string, ResponseObject>).filter(([status]) => /^2\d\d$/.test(status));
      const described = successes.length > 0 && successes.every(([status, response]) => (status === '204' ? response.content === undefined : Object.values(response.content ?? {}).some((media) => media.schema !== undefined)));
      const jsonWithoutSchema = successes.some(([, response]) => response.content?.['application/json'] !== undefined && response.content['application/json'].schema === undefined);
      return described && !jsonWithoutSchema ? [] : [name];
    });
    expect(operationsOf(document).length).toBeGreaterThan(100);
    expect(undescribed).toEqual([]);
  });

  it('should answer every error of every operation with the one error body', () => {
    const problems = operationsOf(document).flatMap(({ name, operation }) =>
      Object.entries(operation.responses as Record<string, ResponseObject>)
        .filter(([status]) => status === 'default' || Number(status) >= 400)
        .filter(([status]) => status !== '503' || !name.endsWith(' /health'))
        .filter(([, response]) => JSON.stringify(response.content) !== JSON.stringify({ 'application/json': { schema: ERROR_SCHEMA } }))
        .map(([status]) => `${name} → ${status}`),
    );
    expect(problems).toEqual([]);
    expect(operationsOf(document).filter(({ operation }) => operation.responses.default === undefined).map(({ name }) => name)).toEqual([]);
  });

  it('should list 404 for the operations whose path names a record, 400 and 422 for those with input', () => {
    const responses = (path: string, method: (typeof METHODS)[number]): string[] => Object.keys((document.paths[path] as PathItemObject)[method]?.responses ?? {});
    expect(responses('/api/milestones/{id}/due-date', 'post')).toEqual(expect.arrayContaining(['201', '400', '401', '403', '404', '409', '422', 'default']));
    expect(responses('/api/products', 'get')).not.toContain('404');
    expect(responses('/api/auth/logout', 'post')).toEqual(['204', '401', '403', 'default']);
  });

  it('should compile every response schema (no dangling reference)', () => {
    expect(new ResponseValidator(document).compileAll()).toBeGreaterThan(100);
  });

  it('should mark calendar dates as dates and instants as date-times', () => {
    const milestone = document.components?.schemas?.MilestoneResponse as { properties: Record<string, { format?: string }> };
    const history = document.components?.schemas?.DueDateChangeResponse as { properties: Record<string, { format?: string }> };
    expect(milestone.properties.dueDate?.format).toBe('date');
    expect(history.properties.changedAt?.format).toBe('date-time');
  });
});

// Each answer below is checked against the document by the test application; these operations are the ones
// the feature tests do not reach with a success.
describe('answers no feature test reaches, against the document', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should answer the account operations of an administrator as documented', async () => {
    const admin = await t.signIn('admin');
    const created = await admin.http().post('/api/users').send({ username: 'r.tester', displayName: 'R Tester', role: 'viewer' }).expect(201);
    const id = created.body.user.id as string;
    expect((await admin.http().get(`/api/users/${id}`).expect(200)).body).toMatchObject({ id, username: 'r.tester', mustChangePassword: true, lockedUntil: null });
    const reset = await admin.http().post(`/api/users/${id}/reset-password`).send({ reason: 'forgotten' }).expect(200);
    expect(reset.body.password).toEqual(expect.any(String));
    expect((await admin.http().post(`/api/users/${id}/unlock`).expect(200)).body.id).toBe(id);
    expect((await admin.http().delete(`/api/users/${id}/sessions`).expect(200)).body).toEqual({ revoked: 0 });
  });

  it('should answer one obligation, closure days and EURD entries as documented', async () => {
    const product = await createProduct(t);
    const obligation = await createObligation(t, product.id);
    expect((await t.http().get(`/api/obligations/${obligation.id}`).expect(200)).body).toMatchObject({ id: obligation.id, milestones: [] });
    await t.http().put('/api/closure-days/2025-12-24').send({ name: 'EMA Christmas closure' }).expect(200);
    await t.http().delete('/api/closure-days/2025-12-24').expect(204);
    const eurd = await t.http().post('/api/eurd-entries').send({ substance: 'testosubstance', frequencyMonths: 12, firstDlp: '2025-08-20', effectiveFrom: '2025-06-01', source: 'EURD list 2024-12' }).expect(201);
    expect(eurd.body).toMatchObject({ substance: 'testosubstance', firstDlp: '2025-08-20' });
  });

  it('should answer one version of a reference safety information as documented', async () => {
    const product = await createProduct(t);
    const safety = await t.signIn('safety');
    const created = await safety
      .http()
      .post(`/api/products/${product.id}/reference-safety`)
      .send({ document: 'SmPC 4.8', effectiveFrom: '2025-01-01', complete: true, terms: [{ term: 'Headache', frequencyBand: 'very-common' }] })
      .expect(201);
    expect((await safety.http().get(`/api/reference-safety/${created.body.id}`).expect(200)).body).toMatchObject({ version: 1, effectiveUntil: null, terms: [{ term: 'Headache' }] });
  });
});
