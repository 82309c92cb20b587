import type { OpenAPIObject } from '@nestjs/swagger';
import { type CheckedResponse, ResponseValidator } from './response-validator';

const json = { 'content-type': 'application/json; charset=utf-8' };
const ref = (name: string): { $ref: string } => ({ $ref: `#/components/schemas/${name}` });
const ok = (schema: object): { content: Record<string, { schema: object }>; description: string } => ({ description: '', content: { 'application/json': { schema } } });

/** A small document in the shape @nestjs/swagger writes: nullable refs as allOf, enums, formats, free-form objects. */
const document = {
  openapi: '3.0.0',
  info: { title: 'test', version: '1' },
  paths: {
    '/api/things/{id}': {
      get: { responses: { '200': ok(ref('Thing')), '404': ok(ref('Error')), default: ok(ref('Error')) } },
      delete: { responses: { '204': { description: '' } } },
    },
    '/api/things/latest': { get: { responses: { '200': ok({ type: 'array', items: ref('Thing') }) } } },
    '/api/things.csv': { get: { responses: { '200': { description: '', content: { 'text/csv': { schema: { type: 'string' } } } } } } },
  },
  components: {
    schemas: {
      Error: { type: 'object', properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } }, required: ['statusCode', 'code', 'message'] },
      ErrorResponse: { type: 'object', properties: { statusCode: { type: 'integer' }, code: { type: 'string' }, message: { type: 'string' } }, required: ['statusCode', 'code', 'message'] },
      Owner: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
      Thing: {
        type: 'object',
        properties: {
          id: { type: 'string', format: 'uuid' },
          dueDate: { type: 'string', format: 'date' },
          status: { type: 'string', enum: ['open', 'closed'] },
          closedOn: { type: 'string', format: 'date', nullable: true },
          owner: { nullable: true, type: 'object', allOf: [ref('Owner')] },
          kind: { type: 'string', enum: ['a', 'b'], nullable: true },
          details: { type: 'object', additionalProperties: true },
          any: { anyOf: [{}] },
          note: { type: 'string', example: 'x' },
        },
        required: ['id', 'dueDate', 'status', 'closedOn', 'owner', 'kind', 'details', 'any'],
      },
    },
  },
} as unknown as OpenAPIObject;

const thing = {
  id: '3f1d2c9e-8a8b-4c1e-9a55-0b7f1a3c2d10',
  dueDate: '2026-03-31',
  status: 'open',
  closedOn: null,
  owner: null,
  kind: null,
  details: { anything: [1, 'two'] },
  any: 'whatever',
};

function check(validator: ResponseValidator, method: string, url: string, response: Partial<CheckedResponse>): string[] {
  return validator.check(method, `http://127.0.0.1:4000${url}`, { status: 200, headers: json, body: undefined, ...response });
}

describe('ResponseValidator', () => {
  const validator = new ResponseValidator(document);

  it('should accept a body that matches its schema, nulls where the schema allows them included', () => {
    expect(check(validator, 'GET', '/api/things/1', { body: thing })).toEqual([]);
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, owner: { name: 'A' }, kind: 'b', closedOn: '2026-04-01', note: 'n' } })).toEqual([]);
  });

  it('should name the operation, the status and the field of a missing required property', () => {
    const { status: _status, ...partial } = thing;
    expect(check(validator, 'GET', '/api/things/1', { body: partial })).toEqual([expect.stringMatching(/^GET \/api\/things\/\{id\} → 200: body must have required property 'status'/)]);
  });

  it('should refuse a property the class does not list, but not a key of a free-form object', () => {
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, secret: 'x' } })).toEqual([expect.stringContaining('must NOT have additional properties')]);
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, details: { x: 1, y: { z: 2 } } } })).toEqual([]);
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, owner: { name: 'A', extra: 1 } } })).not.toEqual([]);
  });

  it('should refuse null where the schema does not allow it, and a value outside an enum', () => {
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, status: null } })).not.toEqual([]);
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, kind: 'c' } })).not.toEqual([]);
  });

  it('should check formats: a calendar date is not an instant, an id is a UUID', () => {
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, dueDate: '2026-03-31T00:00:00.000Z' } })).toEqual([expect.stringContaining('/dueDate must match format "date"')]);
    expect(check(validator, 'GET', '/api/things/1', { body: { ...thing, id: 'not-a-uuid' } })).toEqual([expect.stringContaining('/id must match format "uuid"')]);
  });

  it('should prefer a literal path to a template, and ignore a trailing slash', () => {
    expect(check(validator, 'GET', '/api/things/latest', { body: [thing] })).toEqual([]);
    expect(check(validator, 'GET', '/api/things/latest/', { body: thing })).toEqual([expect.stringContaining('GET /api/things/latest → 200: body must be array')]);
  });

  it('should refuse a status the operation does not document; an error status may fall back to default', () => {
    expect(check(validator, 'GET', '/api/things/latest', { status: 201, body: [] })).toEqual([expect.stringContaining('status not documented')]);
    const error = { statusCode: 409, code: 'CONFLICT', message: 'no' };
    expect(check(validator, 'GET', '/api/things/1', { status: 409, body: error })).toEqual([]);
    expect(check(validator, 'GET', '/api/things/1', { status: 409, body: { ...error, code: undefined } })).not.toEqual([]);
  });

  it('should check the media type and an empty answer', () => {
    expect(check(validator, 'GET', '/api/things.csv', { headers: { 'content-type': 'text/csv; charset=utf-8' }, body: {}, text: 'a,b' })).toEqual([]);
    expect(check(validator, 'GET', '/api/things.csv', { body: [] })).toEqual([expect.stringContaining('answered application/json, the document says text/csv')]);
    expect(check(validator, 'DELETE', '/api/things/1', { status: 204, headers: {}, body: {}, text: '' })).toEqual([]);
    expect(check(validator, 'DELETE', '/api/things/1', { status: 200, body: {} })).toEqual([expect.stringContaining('status not documented')]);
  });

  it('should refuse an API path the document does not know, unless it is the JSON 404 of an unknown route', () => {
    expect(check(validator, 'GET', '/api/nothing', { body: {} })).toEqual([expect.stringContaining('no operation in the document for GET /api/nothing')]);
    expect(check(validator, 'GET', '/api/nothing', { status: 404, body: { statusCode: 404, code: 'NOT_FOUND', message: 'Cannot GET /api/nothing' } })).toEqual([]);
    expect(check(validator, 'GET', '/admin/queues', { headers: { 'content-type': 'text/html' }, text: '<html>' })).toEqual([]);
  });
});
