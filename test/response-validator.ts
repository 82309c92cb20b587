import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type { OpenAPIObject, OperationObject, PathItemObject, ReferenceObject, ResponseObject, SchemaObject } from '@nestjs/swagger';

/**
 * Checks HTTP responses against the OpenAPI document the application serves, so that the document cannot lie:
 * the status must be documented for the operation (an error status may fall back to `default`), the media
 * type must be one the document names, and a JSON body must match the schema. Strict: an object schema that
 * lists its properties allows no others unless it says `additionalProperties`. Each distinct schema is compiled once.
 */
export interface CheckedResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

interface Operation {
  method: string;
  template: string;
  pattern: RegExp;
  /** Literal path segments: the most literal template wins (`/safety-cases/compliance` over `/safety-cases/{id}`). */
  literals: number;
  operation: OperationObject;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;
const SCHEMA_ID = 'openapi.json';

/** OpenAPI 3.0 schema → JSON Schema (draft 7) as ajv reads it: `nullable`, closed objects, refs into one document. */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) {
    return schema.map(toJsonSchema);
  }
  if (typeof schema !== 'object' || schema === null) {
    return schema;
  }
  const source = schema as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    if (key === 'nullable' || key === 'example' || key === 'examples' || key === 'xml' || key === 'externalDocs' || key === 'deprecated') {
      continue;
    }
    if (key === '$ref' && typeof value === 'string') {
      out.$ref = value.startsWith('#/') ? `${SCHEMA_ID}${value}` : value;
    } else if (key === 'properties' && typeof value === 'object' && value !== null) {
      out.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]));
    } else if (key === 'format' && value === 'binary') {
      continue;
    } else {
      out[key] = toJsonSchema(value);
    }
  }
  if (out.properties !== undefined && out.additionalProperties === undefined) {
    out.additionalProperties = false;
  }
  if (source.nullable === true) {
    return { anyOf: [{ type: 'null' }, out] };
  }
  return out;
}

function mediaTypeOf(header: string | string[] | undefined): string | null {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? null : (value.split(';')[0]?.trim().toLowerCase() ?? null);
}

export class ResponseValidator {
  private readonly ajv: Ajv;
  private readonly operations: Operation[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();
  /** Responses checked and the time spent (compiling included; CPU time too, as other processes share the machine). */
  readonly stats = { responses: 0, bodies: 0, ms: 0, cpuMs: 0 };

  constructor(private readonly document: OpenAPIObject) {
    this.ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, inlineRefs: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ components: toJsonSchema(document.components ?? {}) }, SCHEMA_ID);
    for (const [template, item] of Object.entries(document.paths as Record<string, PathItemObject>)) {
      for (const method of METHODS) {
        const operation = item[method];
        if (operation === undefined) {
          continue;
        }
        const segments = template.split('/');
        const pattern = new RegExp(`^${segments.map((s) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')).join('/')}$`);
        this.operations.push({ method, template, pattern, literals: segments.filter((s) => !s.includes('{')).length, operation });
      }
    }
    this.operations.sort((a, b) => b.literals - a.literals);
  }

  /** The problems with this response (empty when it matches the document). */
  check(method: string, url: string, response: CheckedResponse): string[] {
    const started = performance.now();
    const cpu = process.cpuUsage();
    try {
      // Express routes are not strict: `/api/procedures/x/` is `/api/procedures/x`.
      return this.problems(method.toLowerCase(), new URL(url, 'http://localhost').pathname.replace(/(.)\/$/, '$1'), response);
    } finally {
      this.stats.responses += 1;
      this.stats.ms += performance.now() - started;
      const used = process.cpuUsage(cpu);
      this.stats.cpuMs += (used.user + used.system) / 1000;
    }
  }

  private problems(method: string, path: string, response: CheckedResponse): string[] {
    if (method === 'head' || method === 'options') {
      return [];
    }
    const found = this.operations.find((o) => o.method === method && o.pattern.test(path));
    if (found === undefined) {
      // Outside the API (the queue dashboard, Swagger UI) nothing is documented; an unknown API route is a JSON 404.
      if (!path.startsWith('/api/') || path.startsWith('/api/docs')) {
        return [];
      }
      if (response.status !== 404) {
        return [`no operation in the document for ${method.toUpperCase()} ${path} (answered ${response.status})`];
      }
      const validate = this.validatorFor({ $ref: '#/components/schemas/ErrorResponse' });
      return validate(response.body) ? [] : [`${method.toUpperCase()} ${path} → 404: not the error body`];
    }
    const key = `${method.toUpperCase()} ${found.template} → ${response.status}`;
    const documented = (found.operation.responses[String(response.status)] ?? (response.status >= 400 ? found.operation.responses.default : undefined)) as ResponseObject | undefined;
    if (documented === undefined) {
      return [`${key}: status not documented (documented: ${Object.keys(found.operation.responses).join(', ')})`];
    }
    const content = documented.content ?? {};
    const mediaType = mediaTypeOf(response.headers['content-type']);
    const empty = response.status === 204 || response.status === 304 || (mediaType === null && (response.text ?? '') === '');
    if (empty) {
      return Object.keys(content).length === 0 ? [] : [`${key}: empty body, but the document promises ${Object.keys(content).join(', ')}`];
    }
    if (mediaType === null || content[mediaType] === undefined) {
      return [`${key}: answered ${mediaType ?? 'no content type'}, the document says ${Object.keys(content).join(', ') || 'no content'}`];
    }
    if (mediaType !== 'application/json') {
      return [];
    }
    const schema = content[mediaType].schema as SchemaObject | undefined;
    if (schema === undefined) {
      return [`${key}: a JSON body, but no schema in the document`];
    }
    this.stats.bodies += 1;
    const validate = this.validatorFor(schema);
    if (validate(response.body)) {
      return [];
    }
    return (validate.errors ?? []).slice(0, 20).map((e) => `${key}: body${e.instancePath} ${e.message ?? 'is invalid'}${e.params === undefined ? '' : ` ${JSON.stringify(e.params)}`}`);
  }

  /** Compiles every JSON response schema of the document (a broken one throws); how many there are. */
  compileAll(): number {
    let count = 0;
    for (const { operation } of this.operations) {
      for (const response of Object.values(operation.responses as Record<string, ResponseObject>)) {
        const schema = response.content?.['application/json']?.schema;
        if (schema !== undefined) {
          this.validatorFor(schema);
          count += 1;
        }
      }
    }
    return count;
  }

  /** One compiled function per distinct schema: most are a `$ref`, and every error answer shares one. */
  private validatorFor(schema: SchemaObject | ReferenceObject): ValidateFunction {
    const key = JSON.stringify(schema);
    let validate = this.compiled.get(key);
    if (validate === undefined) {
      validate = this.ajv.compile(toJsonSchema(schema) as object);
      this.compiled.set(key, validate);
    }
    return validate;
  }
}
