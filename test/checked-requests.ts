import { appendFileSync } from 'node:fs';
import { basename } from 'node:path';
import request from 'supertest';
import type { OpenAPIObject } from '@nestjs/swagger';
import { type CheckedResponse, ResponseValidator } from './response-validator';

type Server = Parameters<typeof request>[0];

/** One validator per test file (every application serves the same document): schemas compile once. */
let shared: Promise<ResponseValidator> | undefined;

/** The validator for the document this server serves at /api/docs-json. */
export function responseValidatorFor(server: Server): Promise<ResponseValidator> {
  shared ??= request(server)
    .get('/api/docs-json')
    .then((res) => {
      if (res.status !== 200) {
        throw new Error(`GET /api/docs-json answered ${res.status}`);
      }
      return new ResponseValidator(res.body as OpenAPIObject);
    });
  return shared;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

interface Assertable {
  method: string;
  url: string;
  expect(check: (res: CheckedResponse) => void): unknown;
}

/**
 * Wraps an agent (or `request(server)`) so that each request it makes fails its test when the response does
 * not match the OpenAPI document: the method, path, status and every problem are named.
 */
export function checkingResponses<T extends object>(target: T, validator: ResponseValidator): T {
  const methods = target as unknown as Record<string, (...args: unknown[]) => Assertable>;
  for (const method of METHODS) {
    const original = methods[method]?.bind(target);
    if (original === undefined) {
      continue;
    }
    methods[method] = (...args: unknown[]): Assertable => {
      const test = original(...args);
      test.expect((res) => {
        const problems = validator.check(test.method, test.url, res);
        if (problems.length > 0) {
          throw new Error(`the response does not match the OpenAPI document:\n  ${problems.join('\n  ')}`);
        }
      });
      return test;
    };
  }
  return target;
}

// `CMA_RESPONSE_CHECK_STATS=<file> npx jest` appends, per test file, the responses checked and the time spent.
const statsFile = process.env.CMA_RESPONSE_CHECK_STATS;
if (statsFile !== undefined && typeof afterAll === 'function') {
  afterAll(async () => {
    if (shared !== undefined) {
      const { stats } = await shared;
      appendFileSync(statsFile, `${JSON.stringify({ file: basename(expect.getState().testPath ?? ''), ...stats })}\n`);
    }
  });
}
