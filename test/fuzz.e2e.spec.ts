import fc from 'fast-check';
import type { OpenAPIObject } from '@nestjs/swagger';
import request from 'supertest';
import { Role } from '../src/auth/roles';
import { createProduct } from './factories';
import { FuzzOperation, HostileRequest, operationsOf, RequestBuilder } from './fuzz/hostile-requests';
import { ResponseValidator } from './response-validator';
import { createTestApp, SignedInUser, TestApp } from './test-app';

/**
 * Schema-aware fuzzing of every route the OpenAPI document lists (issue 21): for each operation up to FUZZ_RUNS
 * hostile requests (default 12), sent round by round across all routes until FUZZ_SECONDS (default 60) have passed —
 * every route gets its first round whatever the time. `npm run fuzz` runs 150 per route without a time limit (FUZZ_SECONDS=0);
 * FUZZ_SEED replays a run. A request may be
 * refused, never fail: no 5xx, every 400/422 names its fields, every answer matches the document. The fuzzer signs
 * in once per role with tokens and never calls what would log it out, change its password or end its sessions,
 * and it checks that most of its requests got past authentication to validation (or it would prove nothing).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 12);
const SEED = Number(process.env.FUZZ_SEED ?? 20261208);
/** 0: no time limit. */
const SECONDS = Number(process.env.FUZZ_SECONDS ?? 60);

/** What would disable the fuzzer's own accounts. */
const SKIPPED = new Set(['post /api/auth/logout', 'post /api/auth/password', 'delete /api/auth/session']);
const ROLE_ORDER: Role[] = ['admin', 'regulatory', 'safety', 'qppv', 'viewer'];

interface Finding {
  route: string;
  what: string;
  status: number;
  problem: string;
}

describe('fuzz: hostile input on every route', () => {
  let t: TestApp;
  let document: OpenAPIObject;
  let validator: ResponseValidator;
  const users = new Map<Role, SignedInUser>();

  beforeAll(async () => {
    t = await createTestApp();
    users.set('regulatory', t.user);
    for (const role of ROLE_ORDER.filter((r) => r !== 'regulatory')) {
      users.set(role, await t.signIn(role));
    }
    // A product named in the documents' examples exists, so plausible requests reach the handlers.
    await createProduct(t, { name: 'Hemgenix' });
    const served = await request(t.app.getHttpServer() as Parameters<typeof request>[0]).get('/api/docs-json');
    document = served.body as OpenAPIObject;
    validator = new ResponseValidator(document);
  }, 120_000);

  afterAll(async () => {
    await t.close();
  });

  const send = async (token: string | undefined, hostile: HostileRequest) => {
    const server = t.app.getHttpServer() as Parameters<typeof request>[0];
    let test = request(server)[hostile.method](`${hostile.path}${hostile.query === '' ? '' : `?${hostile.query}`}`);
    if (token !== undefined) {
      test = test.set('Authorization', `Bearer ${token}`);
    }
    if (hostile.body !== undefined) {
      test = test.set('Content-Type', hostile.body.contentType);
      if (hostile.body.contentEncoding !== undefined) {
        test = test.set('Content-Encoding', hostile.body.contentEncoding);
      }
      test = test.send(hostile.body.bytes);
    }
    return test.ok(() => true);
  };

  /** The first role the route lets in (the guard answers 403 before validation), or the last one tried. */
  const roleFor = async (builder: RequestBuilder, op: FuzzOperation): Promise<SignedInUser> => {
    const probe = fc.sample(builder.requests(op), { numRuns: 1, seed: SEED })[0] as HostileRequest;
    for (const role of ROLE_ORDER) {
      const user = users.get(role) as SignedInUser;
      const response = await send(user.token, { ...probe, what: 'probe' });
      if (response.status !== 403) {
        return user;
      }
    }
    return users.get('viewer') as SignedInUser;
  };

  it('should answer hostile requests on every route without a 5xx, naming the field of every 400/422', async () => {
    const builder = new RequestBuilder(document);
    const operations = operationsOf(document).filter((op) => !SKIPPED.has(`${op.method} ${op.template}`));
    const findings: Finding[] = [];
    const statuses = new Map<number, number>();
    let requests = 0;
    let reachedValidation = 0;
    const started = Date.now();
    const routes: { route: string; user: SignedInUser; samples: HostileRequest[] }[] = [];
    for (const op of operations) {
      routes.push({ route: `${op.method.toUpperCase()} ${op.template}`, user: await roleFor(builder, op), samples: fc.sample(builder.requests(op), { numRuns: RUNS, seed: SEED }) });
    }
    const slowest: { label: string; ms: number }[] = [];
    let round = 0;
    for (; round < RUNS && (round === 0 || SECONDS <= 0 || Date.now() - started < SECONDS * 1000); round += 1) {
      for (const { route, user, samples } of routes) {
        const hostile = samples[round];
        if (hostile === undefined) {
          continue;
        }
        const sent = Date.now();
        const response = await send(user.token, hostile);
        slowest.push({ label: `${route} [${hostile.what}] ${response.status}`, ms: Date.now() - sent });
        slowest.sort((a, b) => b.ms - a.ms).splice(5);
        requests += 1;
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (![401, 403, 429].includes(response.status)) {
          reachedValidation += 1;
        }
        const body = response.body as { errors?: { field?: unknown }[]; code?: string; message?: string };
        const problem =
          response.status >= 500
            ? `${body.code ?? ''} ${body.message ?? response.text.slice(0, 100)}`
            : (response.status === 400 || response.status === 422) && !namesFields(body)
              ? `no field named: ${body.code ?? ''} ${body.message ?? response.text.slice(0, 100)}`
              : validator.check(hostile.method, `${hostile.path}${hostile.query === '' ? '' : `?${hostile.query}`}`, response).join('; ');
        if (problem !== '') {
          findings.push({ route, what: hostile.what, status: response.status, problem });
        }
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const byStatus = [...statuses.entries()].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`);
    process.stdout.write(
      `fuzz: ${requests} requests over ${operations.length} routes in ${seconds} s (seed ${SEED}, ${round} of ${RUNS} rounds): ${byStatus.join(' ')}; ` +
        `${reachedValidation} past authentication; ${findings.length} findings on ${new Set(findings.map((f) => f.route)).size} routes; ` +
        `slowest: ${slowest.map((s) => `${s.label} ${s.ms} ms`).join(', ')}\n`,
    );
    const distinct = [...new Map(findings.map((f) => [`${f.route} ${f.status} ${f.problem.slice(0, 60)}`, f])).values()];
    expect(distinct.slice(0, 30).map((f) => `${f.route} [${f.what}] → ${f.status}: ${f.problem.slice(0, 200)}`)).toEqual([]);
    expect(reachedValidation / requests).toBeGreaterThan(0.9);
  }, 3_600_000);
});

/** A 400/422 names its fields: `errors` lists at least one, each with a field. */
function namesFields(body: { errors?: { field?: unknown }[] }): boolean {
  return Array.isArray(body.errors) && body.errors.length > 0 && body.errors.every((e) => typeof e.field === 'string' && e.field !== '');
}
