import { AuthService } from '../src/auth/auth.service';
import { UsersService } from '../src/auth/users.service';
import { JobQueues } from '../src/common/job-queues';
import { queuesHealth } from '../src/queues-admin/queue-status';
import { SESSION_COOKIE as DASHBOARD_COOKIE } from '../src/auth/browser-session';
import { createTestApp, SignedInUser, TestApp } from './test-app';

const QUEUE = 'test-queue';

/** The `name=value` part of the session cookie (which also opens the dashboard) set by a response. */
function dashboardCookieOf(setCookie: string[] | string | undefined): string {
  const cookie = [setCookie ?? []].flat().find((c) => c.startsWith(`${DASHBOARD_COOKIE}=`));
  if (cookie === undefined) {
    throw new Error(`no ${DASHBOARD_COOKIE} cookie in ${JSON.stringify(setCookie)}`);
  }
  return cookie.split(';')[0]!;
}

describe('queue counts and the BullMQ dashboard', () => {
  let t: TestApp;
  let admin: SignedInUser;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.signIn('admin');
    const queues = t.app.get(JobQueues);
    queues.declare(QUEUE);
    await queues.queue(QUEUE).add('probe', { n: 1 });
  });
  afterAll(() => t.close());

  /** A fresh administrator session: some tests end the session they use. */
  async function adminSession(): Promise<string> {
    const entity = await t.app.get(UsersService).get(t.dataSource.manager, admin.id);
    return (await t.app.get(AuthService).issueSession(t.dataSource.manager, entity)).token;
  }

  describe('GET /api/queues', () => {
    it('should show the declared queue with its job counts to any signed-in role', async () => {
      const viewer = await t.signIn('viewer');
      const response = await viewer.http().get('/api/queues').expect(200);
      expect(response.body).toMatchObject({ backend: 'redis', where: expect.stringMatching(/^Redis, key prefix "test-/) });
      expect(response.body.queues).toContainEqual({ queue: QUEUE, counts: expect.objectContaining({ waiting: 1, active: 0, failed: 0, completed: 0 }) });
    });

    it('should refuse an anonymous caller with 401', async () => {
      await t.anon().get('/api/queues').expect(401);
    });
  });

  describe('GET /health', () => {
    it('should add job totals (not per-queue counts: /health is public) under services.queues', async () => {
      const response = await t.anon().get('/health').expect(200);
      expect(response.body.services.queues).toMatchObject({ status: 'up', backend: 'redis' });
      expect(response.body.services.queues.jobs).toEqual(expect.objectContaining({ waiting: expect.any(Number), failed: expect.any(Number) }));
      expect(response.body.services.queues.jobs.waiting).toBeGreaterThanOrEqual(1);
      expect(response.body.services.queues.queues).toBeUndefined();
      expect(response.body.services).toMatchObject({ database: { status: 'up' }, redis: { status: 'up' } });
    });
  });

  describe('the dashboard at /admin/queues', () => {
    it('should serve the page to an administrator with a bearer token, with assets that load', async () => {
      const page = await admin.http().get('/admin/queues').expect(200);
      expect(page.headers['content-type']).toMatch(/^text\/html/);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.headers).not.toHaveProperty('x-powered-by');
      expect(page.text).toContain('<base href="/admin/queues/" />');
      const assets = [...page.text.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => m[1]!);
      expect(assets.filter((a) => a.endsWith('.js')).length).toBeGreaterThan(0);
      expect(assets.filter((a) => a.endsWith('.css')).length).toBeGreaterThan(0);
      for (const asset of assets) {
        const response = await admin.http().get(`/admin/queues/${asset}`);
        expect(`${asset} ${response.status}`).toBe(`${asset} 200`);
      }
    });

    it('should refuse another role with 403 in the API error body', async () => {
      const response = await t.http().get('/admin/queues').expect(403);
      expect(response.body).toMatchObject({ statusCode: 403, code: 'ROLE_NOT_ALLOWED', details: { role: 'regulatory', allowed: ['admin'] } });
    });

    it('should refuse an anonymous caller with 401 and a Bearer challenge, assets included', async () => {
      const response = await t.anon().get('/admin/queues').expect(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
      await t.anon().get('/admin/queues/static/favicon-32x32.png').expect(401);
    });

    it('should refuse an unknown bearer token with 401', async () => {
      const response = await t.anon().get('/admin/queues').set('Authorization', `Bearer cmas_${'A'.repeat(43)}`).expect(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
    });

    it("should list the queue on the dashboard's API for an administrator's bearer token", async () => {
      const response = await admin.http().get('/admin/queues/api/queues').expect(200);
      const queue = response.body.queues.find((q: { name: string }) => q.name === QUEUE);
      expect(queue?.counts).toMatchObject({ waiting: 1 });
    });
  });

  describe('POST /api/admin/queues/session', () => {
    it("should set the web application's HttpOnly, SameSite=Strict session cookie holding the caller's own token", async () => {
      const token = await adminSession();
      const response = await t.anon().post('/api/admin/queues/session').set('Authorization', `Bearer ${token}`).expect(200);
      expect(response.body).toEqual({ dashboard: '/admin/queues' });
      expect(response.headers['set-cookie']).toEqual([`${DASHBOARD_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`]);
    });

    it('should mark the cookie Secure when the request came over https', async () => {
      const https = await createTestApp({ env: { TRUST_PROXY: 'true' }, role: 'admin' });
      try {
        const response = await https.http().post('/api/admin/queues/session').set('X-Forwarded-Proto', 'https').expect(200);
        expect(response.headers['set-cookie']?.[0]).toMatch(/; Secure$/);
      } finally {
        await https.close();
      }
    });

    it('should open the dashboard page and its API to the cookie alone', async () => {
      const session = await t.anon().post('/api/admin/queues/session').set('Authorization', `Bearer ${await adminSession()}`).expect(200);
      const cookie = dashboardCookieOf(session.headers['set-cookie']);
      await t.anon().get('/admin/queues').set('Cookie', `other=1; ${cookie}`).expect(200);
      const api = await t.anon().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
      expect(api.body.queues.map((q: { name: string }) => q.name)).toContain(QUEUE);
    });

    it('should prefer the bearer header to the cookie', async () => {
      const session = await t.anon().post('/api/admin/queues/session').set('Authorization', `Bearer ${await adminSession()}`).expect(200);
      const response = await t.http().get('/admin/queues/api/queues').set('Cookie', dashboardCookieOf(session.headers['set-cookie'])).expect(403);
      expect(response.body.code).toBe('ROLE_NOT_ALLOWED');
    });

    it('should stop accepting the cookie once its session is logged out, and clear it', async () => {
      const token = await adminSession();
      const session = await t.anon().post('/api/admin/queues/session').set('Authorization', `Bearer ${token}`).expect(200);
      const cookie = dashboardCookieOf(session.headers['set-cookie']);
      await t.anon().get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);
      await t.anon().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      const response = await t.anon().get('/admin/queues/api/queues').set('Cookie', cookie).expect(401);
      expect(response.body.code).toBe('INVALID_TOKEN');
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(response.headers['set-cookie']).toEqual([`${DASHBOARD_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`]);
    });

    it('should accept a change made with the cookie only from a page of this site (Origin checked)', async () => {
      const session = await t.anon().post('/api/admin/queues/session').set('Authorization', `Bearer ${await adminSession()}`).expect(200);
      const cookie = dashboardCookieOf(session.headers['set-cookie']);
      const foreign = await t.anon().put(`/admin/queues/api/queues/${QUEUE}/pause`).set('Cookie', cookie).set('Origin', 'https://evil.example').expect(403);
      expect(foreign.body.code).toBe('CROSS_ORIGIN_REQUEST');
      await t.anon().put(`/admin/queues/api/queues/${QUEUE}/pause`).set('Cookie', cookie).expect(403);
      await t.anon().put(`/admin/queues/api/queues/${QUEUE}/pause`).set('Cookie', cookie).set('Host', 'tracker.example').set('Origin', 'https://tracker.example').expect(200);
      await t.anon().put(`/admin/queues/api/queues/${QUEUE}/resume`).set('Cookie', cookie).set('Host', 'tracker.example').set('Referer', 'https://tracker.example/admin/queues/').expect(200);
    });

    it('should be refused to other roles', async () => {
      const response = await t.http().post('/api/admin/queues/session').expect(403);
      expect(response.headers['set-cookie']).toBeUndefined();
    });
  });
});

describe('queue counts while Redis is down', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    t.app.get(JobQueues).declare(QUEUE);
  });
  afterAll(() => t.close());

  it('should report the queues unreachable on /health without waiting for them', async () => {
    const started = Date.now();
    const response = await t.anon().get('/health').expect(503);
    expect(response.body.services.queues).toEqual({ status: 'unreachable', backend: 'redis' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('should give up counting after about a second', async () => {
    const started = Date.now();
    await expect(queuesHealth(t.app.get(JobQueues), false)).resolves.toEqual({ status: 'unreachable', backend: 'redis' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('should answer GET /api/queues with 503 instead of hanging', async () => {
    const response = await t.http().get('/api/queues').expect(503);
    expect(response.body).toMatchObject({ statusCode: 503, code: 'QUEUES_UNREACHABLE' });
  });
});
