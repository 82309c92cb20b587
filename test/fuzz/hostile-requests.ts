import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import type { OpenAPIObject, OperationObject, ParameterObject, ReferenceObject, SchemaObject } from '@nestjs/swagger';

/**
 * Hostile requests built from the OpenAPI document the application serves: for one operation, a well-formed
 * request (every required field with a plausible value) with one thing made hostile — a field, a query or path
 * parameter, the whole body, or how the body is sent. fast-check picks which and replays a failure from its seed.
 */

export interface FuzzOperation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The OpenAPI path template (`/api/products/{product}`). */
  template: string;
  operation: OperationObject;
}

export interface HostileRequest {
  method: FuzzOperation['method'];
  path: string;
  query: string;
  /** What the body is made of, or undefined for no body. */
  body?: { contentType: string; contentEncoding?: string; bytes: Buffer };
  /** What was made hostile, for the report. */
  what: string;
}

type Schema = SchemaObject | ReferenceObject;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

export function operationsOf(document: OpenAPIObject): FuzzOperation[] {
  return Object.entries(document.paths).flatMap(([template, item]) =>
    METHODS.flatMap((method) => (item[method] === undefined ? [] : [{ method, template, operation: item[method] }])),
  );
}

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;

/** Values that have broken the API, and their neighbours: each is sent where a field or parameter goes. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    'a\u0000b',
    '\ud800x',
    'x\udc00',
    '',
    ' ',
    'x'.repeat(100_000),
    1e20,
    -1e20,
    1e308,
    -1,
    0,
    1.5,
    Number.MAX_SAFE_INTEGER + 2,
    true,
    [],
    [null],
    {},
    { a: { b: { c: 'd' } } },
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '0000-00-00',
    '1900-01-01',
    '1949-12-31',
    '2101-01-01',
    '9999-12-31',
    '2025-02-30',
    '2025-1-1',
    "' OR 1=1 --",
    '__proto__',
    '%00',
    '../../etc/passwd',
    '\u202e\u0301',
  ),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

/** Values for query and path parameters (text only: that is what a URL carries). */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '%00',
    '%ED%A0%80',
    '%ff',
    'a%00b',
    '99999999999999999999',
    '-1',
    '1.5',
    '1e308',
    'NaN',
    'not-a-uuid',
    '00000000-0000-0000-0000-000000000000',
    '1900-01-01',
    '9999-12-31',
    '2025-02-30',
    'true',
    'null',
    '',
    'x'.repeat(5000),
    "'%20OR%201=1",
    '..%2F..%2Fetc',
    '%E2%80%AE',
  ),
  fc.string({ maxLength: 20 }).map(encodeURIComponent),
);

/** Ways of sending a body that is not what the route reads. */
const hostileTransports: { what: string; body: NonNullable<HostileRequest['body']> }[] = [
  { what: 'body: gzip garbage', body: { contentType: 'application/json', contentEncoding: 'gzip', bytes: Buffer.from('\x1f\x8b\x08\x00garbage', 'latin1') } },
  { what: 'body: deflate garbage', body: { contentType: 'application/json', contentEncoding: 'deflate', bytes: Buffer.from('garbage') } },
  { what: 'body: unknown encoding', body: { contentType: 'application/json', contentEncoding: 'x-unknown', bytes: Buffer.from('{}') } },
  { what: 'body: nested 3,000 deep', body: { contentType: 'application/json', bytes: Buffer.from(nested(3000)) } },
  { what: 'body: arrays nested 3,000 deep', body: { contentType: 'application/json', bytes: Buffer.from(`${'['.repeat(3000)}${']'.repeat(3000)}`) } },
  { what: 'body: text/plain', body: { contentType: 'text/plain', bytes: Buffer.from('hello') } },
  { what: 'body: form-encoded', body: { contentType: 'application/x-www-form-urlencoded', bytes: Buffer.from('a=1&b=2') } },
  { what: 'body: UTF-16 JSON', body: { contentType: 'application/json; charset=utf-16le', bytes: Buffer.from('{}', 'utf16le') } },
  { what: 'body: broken JSON', body: { contentType: 'application/json', bytes: Buffer.from('{"a":') } },
  { what: 'body: JSON null', body: { contentType: 'application/json', bytes: Buffer.from('null') } },
  { what: 'body: JSON string', body: { contentType: 'application/json', bytes: Buffer.from('"x"') } },
  { what: 'body: JSON array', body: { contentType: 'application/json', bytes: Buffer.from('[1,2]') } },
  { what: 'body: raw NUL escape', body: { contentType: 'application/json', bytes: Buffer.from('{"x":"\\u0000"}') } },
  { what: 'body: 2 MB', body: { contentType: 'application/json', bytes: Buffer.from(`{"x":"${'y'.repeat(2_000_000)}"}`) } },
];

export class RequestBuilder {
  constructor(private readonly document: OpenAPIObject) {}

  private resolve(schema: Schema | undefined): SchemaObject {
    let current = schema ?? {};
    for (let i = 0; i < 10 && '$ref' in current; i += 1) {
      const name = current.$ref.split('/').pop() ?? '';
      current = (this.document.components?.schemas?.[name] ?? {});
    }
    const resolved = current as SchemaObject;
    const first = resolved.allOf?.[0] ?? resolved.oneOf?.[0] ?? resolved.anyOf?.[0];
    return first === undefined ? resolved : this.resolve(first);
  }

  /** A plausible value for a schema: its example, its first enum value, or one of its type (required fields only). */
  plausible(schema: Schema | undefined, name = '', depth = 0): unknown {
    const s = this.resolve(schema);
    if (s.example !== undefined) {
      return s.example as unknown;
    }
    if (s.enum !== undefined && s.enum.length > 0) {
      return s.enum[0] as unknown;
    }
    switch (s.type) {
      case 'integer':
      case 'number':
        return typeof s.minimum === 'number' ? s.minimum : 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 6 ? [] : [this.plausible(s.items, name, depth + 1)];
      case 'object': {
        if (depth > 6) {
          return {};
        }
        const required = new Set(s.required ?? []);
        return Object.fromEntries(
          Object.entries(s.properties ?? {})
            .filter(([key]) => required.has(key))
            .map(([key, property]) => [key, this.plausible(property, key, depth + 1)]),
        );
      }
      case 'string':
      case 'null':
      case undefined:
      default:
        if (s.format === 'uuid') {
          return randomUUID();
        }
        if (s.format === 'date' || /(On|Date|date|Dlp|day0|From|expiry)$/.test(name)) {
          return '2025-06-01';
        }
        return `fuzz-${name}`;
    }
  }

  /** Every field path of a value (`a`, `a.b`, `a.list[0]`), to pick one to make hostile. */
  private fieldPaths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
    if (Array.isArray(value)) {
      return value.flatMap((item, index) => [[...prefix, index], ...this.fieldPaths(item, [...prefix, index])]);
    }
    if (typeof value === 'object' && value !== null) {
      return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...this.fieldPaths(item, [...prefix, key])]);
    }
    return [];
  }

  /** The arbitrary of hostile requests for one operation. */
  requests(op: FuzzOperation): fc.Arbitrary<HostileRequest> {
    const parameters = (op.operation.parameters ?? []) as ParameterObject[];
    const pathParams = parameters.filter((p) => p.in === 'path');
    const queryParams = parameters.filter((p) => p.in === 'query');
    const json = (op.operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)?.content?.['application/json'];
    const base = json === undefined ? undefined : this.plausible(json.schema);
    const paths = base === undefined ? [] : this.fieldPaths(base);
    const plainPath = (overrides: Record<string, string> = {}): string =>
      op.template.replace(/\{(\w+)\}/g, (_m, name: string) => overrides[name] ?? encodeURIComponent(String(this.plausible(pathParams.find((p) => p.name === name)?.schema, name))));
    const plainQuery = (overrides: Record<string, string> = {}): string =>
      queryParams
        .filter((p) => p.required === true || overrides[p.name] !== undefined)
        .map((p) => `${encodeURIComponent(p.name)}=${overrides[p.name] ?? encodeURIComponent(String(this.plausible(p.schema, p.name)))}`)
        .join('&');
    const jsonBody = (value: unknown): HostileRequest['body'] => (value === undefined ? undefined : { contentType: 'application/json', bytes: Buffer.from(JSON.stringify(value)) });
    const request = (what: string, parts: Partial<HostileRequest> = {}): HostileRequest => ({ method: op.method, path: plainPath(), query: plainQuery(), body: jsonBody(base), what, ...parts });

    const choices: fc.Arbitrary<HostileRequest>[] = [fc.constant(request('plausible'))];
    if (pathParams.length > 0) {
      choices.push(fc.tuple(fc.constantFrom(...pathParams), hostileText).map(([p, text]) => request(`path ${p.name}=${text.slice(0, 30)}`, { path: plainPath({ [p.name]: text }) })));
    }
    if (queryParams.length > 0) {
      choices.push(fc.tuple(fc.constantFrom(...queryParams), hostileText).map(([p, text]) => request(`query ${p.name}=${text.slice(0, 30)}`, { query: plainQuery({ [p.name]: text }) })));
      choices.push(fc.constantFrom(...queryParams).map((p) => request(`query ${p.name} twice`, { query: `${plainQuery()}&${p.name}=1&${p.name}=2` })));
    }
    if (base !== undefined) {
      if (paths.length > 0) {
        choices.push(
          fc.tuple(fc.constantFrom(...paths), hostileValue).map(([path, value]) => request(`body ${path.join('.')}=${JSON.stringify(value)?.slice(0, 30)}`, { body: jsonBody(setAt(base, path, value)) })),
        );
        choices.push(fc.constantFrom(...paths).map((path) => request(`body without ${path.join('.')}`, { body: jsonBody(setAt(base, path, undefined)) })));
      }
      choices.push(hostileValue.map((value) => request(`body ${JSON.stringify(value)?.slice(0, 30)}`, { body: jsonBody(value) })));
      choices.push(fc.constant(request('body with an unknown field', { body: jsonBody({ ...(base as object), ['unknown\u0000']: 1 }) })));
    }
    if (op.method !== 'get') {
      choices.push(fc.constantFrom(...hostileTransports).map((t) => request(t.what, { body: t.body })));
    }
    return fc.oneof(...choices);
  }
}

/** A copy of `value` with the field at `path` set (or removed, for undefined). */
function setAt(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let target = copy;
  for (const key of path.slice(0, -1)) {
    target = target[key] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1];
  if (last !== undefined) {
    if (replacement === undefined) {
      delete target[last];
    } else {
      target[last] = replacement;
    }
  }
  return copy;
}
