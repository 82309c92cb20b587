import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuthService } from '../src/auth/auth.service';
import { Role, ROLES } from '../src/auth/roles';
import { UsersService } from '../src/auth/users.service';
import { createTestApp, TestApp } from './test-app';

/**
 * Deny by default, proven on the running application: every route Express actually serves is listed here
 * with the roles this test (not the code) expects, then called anonymously and as every role.
 */
const ALL: readonly Role[] = ROLES;
const REGULATORY: readonly Role[] = ['regulatory'];
const ADMIN: readonly Role[] = ['admin'];
const SAFETY: readonly Role[] = ['safety', 'qppv'];
const CASE_READERS: readonly Role[] = ['safety', 'qppv', 'regulatory', 'viewer'];
const PUBLIC = 'public' as const;

const EXPECTED: Record<string, readonly Role[] | typeof PUBLIC> = {
  'GET /health': PUBLIC,
  'POST /api/auth/login': PUBLIC,
  'POST /api/auth/session': PUBLIC,
  // The OpenAPI document and the Swagger UI page with its assets.
  'GET /api/docs-json': PUBLIC,
  'GET /api/docs': PUBLIC,
  'GET /api/docs/': PUBLIC,
  'GET /api/docs/index.html': PUBLIC,
  'GET /api/docs/swagger-ui-init.js': PUBLIC,
  'GET /api/docs/docs/swagger-ui-init.js': PUBLIC,
  'GET /api/docs/LICENSE': PUBLIC,
  // Static-file middleware is listed as "GET <path>/*" (Swagger UI's assets here, the dashboard's below).
  'GET /api/docs/*': PUBLIC,
  'GET /api/docs/docs/*': PUBLIC,
  'GET /api/calendar/:token.ics': PUBLIC,

  'POST /api/auth/logout': ALL,
  'GET /api/auth/me': ALL,
  'GET /api/auth/session': ALL,
  'DELETE /api/auth/session': ALL,
  'POST /api/auth/password': ALL,
  'GET /api/auth/tokens': ALL,
  'POST /api/auth/tokens': ALL,
  'DELETE /api/auth/tokens/:id': ALL,
  'POST /api/auth/calendar-token': ALL,
  'DELETE /api/auth/calendar-token': ALL,

  'GET /api/users': ADMIN,
  'GET /api/users/:id': ADMIN,
  'POST /api/users': ADMIN,
  'PATCH /api/users/:id': ADMIN,
  'POST /api/users/:id/reset-password': ADMIN,
  'POST /api/users/:id/unlock': ADMIN,
  'DELETE /api/users/:id/sessions': ADMIN,
  'GET /api/admin/signing-keys': ADMIN,
  'POST /api/admin/signing-keys/rotate': ADMIN,

  'GET /api/audit': ALL,
  'GET /api/audit/export.csv': ALL,
  'GET /api/audit/verify': ['admin', 'viewer', 'qppv'],

  'GET /api/products': ALL,
  'GET /api/products/:product': ALL,
  'GET /api/renewal-windows': ALL,
  'POST /api/products': REGULATORY,
  'PATCH /api/products/:product/authorisation': REGULATORY,
  'GET /api/obligations': ALL,
  'GET /api/obligations/:id': ALL,
  'POST /api/obligations': REGULATORY,
  'GET /api/products/:product/authorisation/events': ALL,
  'POST /api/products/:product/authorisation/events': REGULATORY,
  'GET /api/products/:product/conversion-path': ALL,
  'GET /api/products/:product/market-presence': ALL,
  'POST /api/products/:product/market-presence': REGULATORY,
  'PATCH /api/obligations/:id': REGULATORY,
  'GET /api/obligations/:id/history': ALL,
  'POST /api/obligations/:id/milestones': REGULATORY,
  'POST /api/obligations/:id/milestones/pass-final-report': REGULATORY,
  'GET /api/milestones/:id': ALL,
  'PATCH /api/milestones/:id/status': REGULATORY,
  'POST /api/milestones/:id/outcome': REGULATORY,
  'POST /api/milestones/:id/due-date': REGULATORY,
  'GET /api/milestones/:id/history': ALL,
  'POST /api/procedures': REGULATORY,
  'GET /api/procedures': ALL,
  'GET /api/procedures/:id': ALL,
  'PATCH /api/procedures/:id/timetable': REGULATORY,
  'POST /api/procedures/:id/clock-stops': REGULATORY,
  'POST /api/procedures/:id/clock-stops/:stopId/restart': REGULATORY,
  'GET /api/closure-days': ALL,
  'PUT /api/closure-days/:date': REGULATORY,
  'DELETE /api/closure-days/:date': REGULATORY,
  'GET /api/eurd-entries': ALL,
  'POST /api/eurd-entries': REGULATORY,
  'GET /api/deadlines': ALL,
  'GET /api/calendar.ics': ALL,

  'GET /api/inbox': ALL,
  'GET /api/inbox/unread-count': ALL,
  'POST /api/inbox/:id/read': ALL,
  'POST /api/inbox/read-all': ALL,
  'GET /api/reminder-policies': ALL,
  'GET /api/reminder-policies/:id': ALL,
  'POST /api/reminder-policies': ['admin', 'regulatory', 'qppv'],
  'PATCH /api/reminder-policies/:id': ['admin', 'regulatory', 'qppv'],
  'DELETE /api/reminder-policies/:id': ['admin', 'regulatory', 'qppv'],
  'GET /api/me/notification-channels': ALL,
  'POST /api/me/notification-channels': ALL,
  'PATCH /api/me/notification-channels/:id': ALL,
  'DELETE /api/me/notification-channels/:id': ALL,
  'GET /api/reminder-deliveries': ALL,
  'POST /api/reminder-deliveries/:id/replay': ALL,

  'POST /api/signatures': ['regulatory', 'safety', 'qppv'],
  'GET /api/signatures': ALL,
  'GET /api/signatures/:id': ALL,

  'GET /api/meddra/releases': ALL,
  'GET /api/meddra/search': ALL,
  'GET /api/meddra/llt/:code': ALL,
  'GET /api/products/:product/reference-safety': ALL,
  'POST /api/products/:product/reference-safety': SAFETY,
  'GET /api/reference-safety/:id': ALL,
  'POST /api/safety-cases': SAFETY,
  'POST /api/safety-cases/assessment': SAFETY,
  'GET /api/safety-cases': CASE_READERS,
  'GET /api/safety-cases/compliance': CASE_READERS,
  'GET /api/safety-cases/line-listing': CASE_READERS,
  'GET /api/safety-cases/summary-tabulation': CASE_READERS,
  'GET /api/safety-cases/:id': CASE_READERS,
  'GET /api/safety-cases/:id/versions': CASE_READERS,
  'GET /api/safety-cases/:id/versions/:version': CASE_READERS,
  'GET /api/safety-cases/:id/versions/:version/diff': CASE_READERS,
  'POST /api/safety-cases/:id/versions': SAFETY,
  'POST /api/safety-cases/:id/nullification': SAFETY,
  'POST /api/safety-cases/:id/expectedness-overrides': SAFETY,
  'POST /api/safety-cases/:id/submissions': SAFETY,
  'GET /api/safety-cases/:id/duplicates': CASE_READERS,
  'POST /api/safety-cases/:id/links': SAFETY,
  'GET /api/case-clocks': CASE_READERS,
  'GET /api/case-clocks/counts': CASE_READERS,
  'POST /api/e2b/imports': SAFETY,
  'GET /api/e2b/acknowledgements': CASE_READERS,
  'POST /api/e2b/exports': SAFETY,
  'GET /api/products/:product/exposure': CASE_READERS,
  'POST /api/products/:product/exposure': ['safety', 'qppv', 'regulatory'],
  'POST /api/frequency-runs': ['safety', 'qppv', 'regulatory'],
  'GET /api/frequency-runs': CASE_READERS,
  'GET /api/frequency-runs/:id': CASE_READERS,
  'POST /api/signal-detection/runs': SAFETY,
  'GET /api/signal-detection/runs': CASE_READERS,
  'GET /api/signal-detection/runs/:id': CASE_READERS,
  'GET /api/signal-detection/runs/:id/results': CASE_READERS,
  'GET /api/alerts': CASE_READERS,
  'POST /api/alerts/:id/validation': SAFETY,
  'POST /api/alerts/:id/dismissal': SAFETY,
  'GET /api/signals': CASE_READERS,
  'GET /api/signals/:id': CASE_READERS,
  'POST /api/signals/:id/steps': SAFETY,
  'POST /api/signals/:id/emerging-safety-issue': SAFETY,
  'POST /api/signals/:id/emerging-safety-issue/notification': SAFETY,
  'POST /api/signals/:id/regulator-outcome': SAFETY,
  'GET /api/products/:product/dossier-suggestion': CASE_READERS,
  'POST /api/products/:product/dossiers': ['regulatory', 'safety', 'qppv'],
  'GET /api/products/:product/dossiers': CASE_READERS,
  'GET /api/dossier-builds/:id': CASE_READERS,
  'GET /api/dossiers/:id': CASE_READERS,
  'GET /api/dossiers/:id/comparison': CASE_READERS,
  'GET /api/dossiers/:id/files/:kind': CASE_READERS,

  'GET /api/queues': ALL,
  'POST /api/admin/queues/session': ADMIN,

  // The BullMQ dashboard: Express middleware (bull-board), not Nest handlers, so neither the AuthGuard nor
  // the route-rule check sees it; its own administrator check is proven here route by route.
  'GET /admin/queues': ADMIN,
  'GET /admin/queues/metrics-history': ADMIN,
  'GET /admin/queues/job-schedulers': ADMIN,
  'GET /admin/queues/queue/:queueName': ADMIN,
  'GET /admin/queues/queue/:queueName/:jobId': ADMIN,
  'GET /admin/queues/static/*': ADMIN,
  'GET /admin/queues/api/redis/stats': ADMIN,
  'GET /admin/queues/api/queues': ADMIN,
  'GET /admin/queues/api/job-schedulers': ADMIN,
  'GET /admin/queues/api/queues/:queueName/metrics': ADMIN,
  'GET /admin/queues/api/queues/:queueName/default-job-options': ADMIN,
  'GET /admin/queues/api/queues/:queueName/workers': ADMIN,
  'GET /admin/queues/api/queues/:queueName/rate-limit': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/rate-limit': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/rate-limit/release': ADMIN,
  'GET /admin/queues/api/queues/:queueName/job-data-schema': ADMIN,
  'PUT /admin/queues/api/queues/pause': ADMIN,
  'PUT /admin/queues/api/queues/resume': ADMIN,
  'GET /admin/queues/api/queues/:queueName/:jobId': ADMIN,
  'GET /admin/queues/api/queues/:queueName/:jobId/logs': ADMIN,
  'GET /admin/queues/api/queues/:queueName/:jobId/flow': ADMIN,
  'POST /admin/queues/api/queues/:queueName/add': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/retry/:queueStatus': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/promote': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/clean/:queueStatus': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/pause': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/resume': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/concurrency': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/empty': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/obliterate': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/remove': ADMIN,
  'PATCH /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/job-schedulers/:schedulerId/run': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/:jobId/retry': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/:jobId/clean': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/:jobId/promote': ADMIN,
  'PATCH /admin/queues/api/queues/:queueName/:jobId/update-data': ADMIN,
  'PATCH /admin/queues/api/queues/:queueName/:jobId/delay': ADMIN,
  'PATCH /admin/queues/api/queues/:queueName/:jobId/priority': ADMIN,
  'PUT /admin/queues/api/queues/:queueName/:jobId/remove-unprocessed-children': ADMIN,
};

interface ExpressLayer {
  name: string;
  rawPath?: unknown;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle: { stack?: ExpressLayer[]; router?: { stack: ExpressLayer[] } };
}

/** Every route the HTTP server serves, as "METHOD /path". */
function servedRoutes(t: TestApp): string[] {
  const instance = t.app.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  return routesOf(instance.router.stack, '');
}

/**
 * The routes of a router's layers, descending into mounted routers and Express sub-applications (the
 * queue dashboard is one); a static-file middleware counts as "GET <path>/*".
 */
function routesOf(stack: ExpressLayer[], prefix: string): string[] {
  return stack.flatMap((layer) => {
    if (layer.route !== undefined) {
      const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
      return [layer.route.path].flat().flatMap((path) => methods.map((m) => `${m.toUpperCase()} ${joinPath(prefix, path)}`));
    }
    const path = joinPath(prefix, String(layer.rawPath));
    const nested = layer.handle.stack ?? layer.handle.router?.stack;
    if (nested !== undefined) {
      return routesOf(nested, path);
    }
    return layer.name === 'serveStatic' ? [`GET ${path}/*`] : [];
  });
}

function joinPath(prefix: string, path: string): string {
  const base = prefix === '/' ? '' : prefix;
  return path === '/' ? base || '/' : `${base}${path}`;
}

function concretePath(path: string): string {
  return path
    .replace(':token.ics', 'cmac_notarealtoken.ics')
    .replace(':product', 'Hemgenix')
    .replace(':date', '2025-12-25')
    .replace('/*', '/favicon-32x32.png')
    .replace(/:\w+/g, () => randomUUID());
}

describe('access rules', () => {
  let t: TestApp;
  const sessions = new Map<Role, () => Promise<string>>();

  beforeAll(async () => {
    t = await createTestApp();
    const dataSource = t.app.get(DataSource);
    for (const role of ROLES) {
      const account = role === 'regulatory' ? t.user : await t.signIn(role);
      const entity = await t.app.get(UsersService).get(dataSource.manager, account.id);
      // A fresh session per call: some allowed calls (logout) end the session they use.
      sessions.set(role, async () => (await t.app.get(AuthService).issueSession(dataSource.manager, entity)).token);
    }
  });
  afterAll(() => t.close());

  function call(route: string, token?: string): request.Test {
    const [method = 'GET', path = '/'] = route.split(' ');
    const agent = t.anon();
    const test = agent[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](concretePath(path));
    return token === undefined ? test : test.set('Authorization', `Bearer ${token}`);
  }

  it('should list every served route in the expectations, and nothing else', () => {
    expect([...new Set(servedRoutes(t))].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it('should answer 401 to an anonymous caller on every non-public route, before validating the (empty) body', async () => {
    const answers: Record<string, number> = {};
    for (const [route, rule] of Object.entries(EXPECTED)) {
      if (rule !== PUBLIC) {
        answers[route] = (await call(route).send({})).status;
      }
    }
    expect(Object.entries(answers).filter(([, status]) => status !== 401)).toEqual([]);
  });

  it('should let each role through exactly the routes its rule names, and answer 403 elsewhere', async () => {
    const wrong: string[] = [];
    for (const [route, rule] of Object.entries(EXPECTED)) {
      if (rule === PUBLIC) {
        continue;
      }
      for (const role of ROLES) {
        const token = await (sessions.get(role) as () => Promise<string>)();
        const response = await call(route, token).send({});
        const allowed = rule.includes(role);
        const ok = allowed ? response.status !== 401 && response.status !== 403 : response.status === 403 && response.body.code === 'ROLE_NOT_ALLOWED';
        if (!ok) {
          wrong.push(`${route} as ${role}: ${response.status} ${String(response.body.code)}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    // About 600 sequential sign-ins and requests, each answer checked against the document: on a busy 2-core
    // machine (the full suite runs two files at once) they can take longer than the default 30 s.
  }, 120_000);

  it('should serve the public routes and the API documentation without sign-in', async () => {
    await t.anon().get('/health').expect(200);
    await t.anon().get('/api/docs-json').expect(200);
    await t.anon().get('/api/docs-yaml').expect(404);
    const docs = await t.anon().get('/api/docs/');
    expect(docs.status).toBe(200);
    const login = await t.anon().post('/api/auth/login').send({});
    expect(login.status).toBe(400);
    expect([...new Set(login.body.errors.map((e: { field: string }) => e.field))].sort()).toEqual(['password', 'username']);
    await t.anon().get('/api/calendar/cmac_notarealtoken.ics').expect(404);
  });

  it('should name the path parameter that is not a UUID', async () => {
    const response = await t.http().get('/api/procedures/not-a-uuid/').expect(400);
    expect(response.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'id', problem: 'must be a UUID, not "not-a-uuid"' }] });
    const stop = await t.http().post(`/api/procedures/${randomUUID()}/clock-stops/zz/restart`).send({}).expect(400);
    expect(stop.body.errors).toEqual([{ field: 'stopId', problem: 'must be a UUID, not "zz"' }]);
  });

  it('should refuse a malformed, unknown or revoked bearer token with 401', async () => {
    expect((await t.anon().get('/api/products').set('Authorization', 'Bearer nonsense')).status).toBe(401);
    expect((await t.anon().get('/api/products').set('Authorization', 'Basic dXNlcjpwYXNz')).status).toBe(401);
    const unknown = await t.anon().get('/api/products').set('Authorization', `Bearer cmas_${'A'.repeat(43)}`);
    expect(unknown.status).toBe(401);
    expect(unknown.body.code).toBe('INVALID_TOKEN');
    expect(unknown.headers['www-authenticate']).toMatch(/^Bearer/);
  });
});

describe('security headers and CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { CORS_ORIGINS: 'https://ra.example.eu' } });
  });
  afterAll(() => t.close());

  it('should send the security headers and admit only the configured browser origin', async () => {
    const response = await t.anon().get('/health').expect(200);
    expect(response.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'x-frame-options': 'SAMEORIGIN', 'strict-transport-security': expect.stringContaining('max-age=') });
    expect(response.headers).not.toHaveProperty('x-powered-by');
    const allowed = await t.anon().options('/api/products').set('Origin', 'https://ra.example.eu').set('Access-Control-Request-Method', 'GET');
    expect(allowed.headers['access-control-allow-origin']).toBe('https://ra.example.eu');
    const other = await t.anon().options('/api/products').set('Origin', 'https://evil.example.com').set('Access-Control-Request-Method', 'GET');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
  });
});
