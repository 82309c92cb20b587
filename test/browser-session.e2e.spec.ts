import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { csrfTokenFor, SESSION_COOKIE } from '../src/auth/browser-session';
import { createProduct, logCase } from './factories';
import { createTestApp, TEST_PASSWORD, TestApp } from './test-app';

/** The `name=value` part of the session cookie set by a response. */
function sessionCookieOf(setCookie: string[] | string | undefined): string {
  const cookie = [setCookie ?? []].flat().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (cookie === undefined) {
    throw new Error(`no ${SESSION_COOKIE} cookie in ${JSON.stringify(setCookie)}`);
  }
  return cookie.split(';')[0]!;
}

describe('browser sessions (cookie + CSRF), API caching and content security', () => {
  let t: TestApp;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'cma-web-'));
    mkdirSync(join(webDir, 'assets'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>CMA tracker</title><div id="root"></div><script type="module" src="/assets/app-1234.js"></script>');
    writeFileSync(join(webDir, 'assets', 'app-1234.js'), 'console.log("app")');
    t = await createTestApp({ today: '2026-12-01', env: { WEB_DIR: webDir, SESSION_IDLE_MINUTES: '30', SESSION_TTL_MINUTES: '480' } });
  });
  afterAll(async () => {
    await t.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  /** Signs in as the test's user the way the browser does; returns the cookie and the CSRF token. */
  async function browserSignIn(): Promise<{ cookie: string; csrf: string; body: Record<string, any> }> {
    const response = await t.anon().post('/api/auth/session').send({ username: t.user.username, password: TEST_PASSWORD }).expect(200);
    return { cookie: sessionCookieOf(response.headers['set-cookie']), csrf: response.body.csrfToken, body: response.body };
  }

  describe('POST /api/auth/session', () => {
    it('should set an HttpOnly, SameSite=Strict cookie for every path and keep the token out of the answer', async () => {
      const response = await t.anon().post('/api/auth/session').send({ username: t.user.username, password: TEST_PASSWORD }).expect(200);
      const setCookie = [response.headers['set-cookie'] ?? []].flat();
      expect(setCookie).toHaveLength(1);
      expect(setCookie[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=cmas_[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Strict$`));
      const token = setCookie[0]!.split(';')[0]!.split('=')[1]!;
      expect(JSON.stringify(response.body)).not.toContain(token);
      expect(response.body).toMatchObject({ user: { username: t.user.username, role: 'regulatory', actingRole: 'regulatory' }, today: '2026-12-01', idleMinutes: 30 });
      expect(response.body.csrfToken).toBe(csrfTokenFor(token));
      expect(response.headers['cache-control']).toBe('no-store');
    });

    it('should refuse a wrong password with the same answer as the API sign-in', async () => {
      const browser = await t.anon().post('/api/auth/session').send({ username: t.user.username, password: 'wrong-password-x' }).expect(401);
      expect(browser.body.code).toBe('INVALID_CREDENTIALS');
      expect(browser.headers['set-cookie']).toBeUndefined();
    });

    it('should mark the cookie Secure when the request came over https', async () => {
      const https = await createTestApp({ env: { TRUST_PROXY: 'true' } });
      try {
        const response = await https.anon().post('/api/auth/session').set('X-Forwarded-Proto', 'https').send({ username: https.user.username, password: TEST_PASSWORD }).expect(200);
        expect(response.headers['set-cookie']?.[0]).toMatch(/; Secure$/);
      } finally {
        await https.close();
      }
    });
  });

  describe('requests with the cookie', () => {
    it('should read with the cookie alone and give the session again (same CSRF token)', async () => {
      const { cookie, csrf } = await browserSignIn();
      const session = await t.anon().get('/api/auth/session').set('Cookie', cookie).expect(200);
      expect(session.body).toMatchObject({ csrfToken: csrf, today: '2026-12-01', user: { username: t.user.username, via: 'session' } });
      expect(session.body.expiresAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      await t.anon().get('/api/products').set('Cookie', cookie).expect(200);
    });

    it('should refuse a change without the CSRF token (403 CSRF_TOKEN_REQUIRED) or with a wrong one (CSRF_TOKEN_INVALID), and accept it with the token', async () => {
      const { cookie, csrf } = await browserSignIn();
      const missing = await t.anon().post('/api/auth/calendar-token').set('Cookie', cookie).expect(403);
      expect(missing.body.code).toBe('CSRF_TOKEN_REQUIRED');
      const wrong = await t.anon().post('/api/auth/calendar-token').set('Cookie', cookie).set('X-CSRF-Token', csrfTokenFor('cmas_someone-else-entirely')).expect(403);
      expect(wrong.body.code).toBe('CSRF_TOKEN_INVALID');
      await t.anon().post('/api/auth/calendar-token').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(201);
    });

    it('should judge a request with an Authorization header by it alone, even a malformed one, never falling back to the cookie', async () => {
      const { cookie } = await browserSignIn();
      const malformed = await t.anon().get('/api/products').set('Cookie', cookie).set('Authorization', 'Basic abc').expect(401);
      expect(malformed.body.code).toBe('UNAUTHENTICATED');
      await t.anon().get('/api/products').set('Cookie', cookie).set('Authorization', `Bearer cmas_${'A'.repeat(43)}`).expect(401);
      // A bearer-authenticated change needs no CSRF token, whatever cookie comes along.
      await t.anon().post('/api/auth/calendar-token').set('Cookie', cookie).set('Authorization', `Bearer ${t.user.token}`).expect(201);
    });

    it('should not accept an API token carried in the cookie', async () => {
      const issued = await t.http().post('/api/auth/tokens').send({ name: 'cookie-probe' }).expect(201);
      await t.anon().get('/api/products').set('Cookie', `${SESSION_COOKIE}=${issued.body.token}`).expect(401);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
    });

    it('should sign out with DELETE (CSRF required), clear the cookie and refuse it afterwards', async () => {
      const { cookie, csrf } = await browserSignIn();
      await t.anon().delete('/api/auth/session').set('Cookie', cookie).expect(403);
      const out = await t.anon().delete('/api/auth/session').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
      expect(out.headers['set-cookie']).toEqual([`${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`]);
      const after = await t.anon().get('/api/auth/session').set('Cookie', cookie).expect(401);
      expect(after.body.code).toBe('INVALID_TOKEN');
    });
  });

  describe('caching and Content-Security-Policy', () => {
    it('should mark API answers no-store, errors included, with a policy that loads nothing', async () => {
      const ok = await t.http().get('/api/products').expect(200);
      expect(ok.headers['cache-control']).toBe('no-store');
      expect(ok.headers['content-security-policy']).toBe("default-src 'none';frame-ancestors 'none'");
      const missing = await t.http().get('/api/no-such-thing').expect(404);
      expect(missing.headers['cache-control']).toBe('no-store');
      expect(missing.headers['content-type']).toMatch(/^application\/json/);
    });

    it('should give Swagger UI a policy with its own scripts only', async () => {
      const docs = await t.anon().get('/api/docs/').expect(200);
      const policy = docs.headers['content-security-policy'] as string;
      expect(policy).toContain("script-src 'self'");
      expect(policy).not.toContain("script-src 'self' 'unsafe-inline'");
      expect(policy).toContain("frame-ancestors 'none'");
    });
  });

  describe('the web application at /', () => {
    it('should serve index.html at / and at any deep link outside the server paths, under the page policy', async () => {
      for (const path of ['/', '/deadlines?overdue=true', '/products/Hemgenix/obligations']) {
        const response = await t.anon().get(path).expect(200);
        expect(response.headers['content-type']).toMatch(/^text\/html/);
        expect(response.text).toContain('<div id="root">');
        expect(response.headers['cache-control']).toBe('no-cache');
        const policy = response.headers['content-security-policy'] as string;
        expect(policy).toContain("default-src 'self'");
        expect(policy).toContain("script-src 'self';");
        expect(policy).toContain("style-src 'self' 'unsafe-inline'");
        expect(policy).toContain("object-src 'none'");
      }
    });

    it('should serve hashed assets with long caching', async () => {
      const asset = await t.anon().get('/assets/app-1234.js').expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    });

    it('should keep unknown /api paths a JSON 404 and /health the health check', async () => {
      const response = await t.anon().get('/api/not-a-route').expect(404);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      const signed = await t.http().get('/api/not-a-route').expect(404);
      expect(signed.body).toMatchObject({ statusCode: 404 });
      const health = await t.anon().get('/health');
      expect(health.headers['content-type']).toMatch(/^application\/json/);
    });
  });

  describe('the audit trail and case content', () => {
    it('should redact case content for roles that may not read cases (API and CSV) and show it to those who may', async () => {
      const product = await createProduct(t, { name: 'Redactimab' });
      const safety = await t.signIn('safety');
      await logCase(safety, product.name, { narrative: 'Patient-identifying narrative XYZZY' });
      const admin = await t.signIn('admin');
      const adminRows = (await admin.http().get('/api/audit?entityType=safety-case').expect(200)).body as Record<string, any>[];
      expect(adminRows.length).toBeGreaterThan(0);
      expect(adminRows.every((row) => row.redacted === true && row.after === null && row.before === null)).toBe(true);
      expect(JSON.stringify(adminRows)).not.toContain('XYZZY');
      const adminCsv = await admin.http().get('/api/audit/export.csv?entityType=safety-case').expect(200);
      expect(adminCsv.text).not.toContain('XYZZY');
      const safetyRows = (await safety.http().get('/api/audit?entityType=safety-case').expect(200)).body as Record<string, any>[];
      expect(JSON.stringify(safetyRows)).toContain('XYZZY');
      expect(safetyRows.every((row) => row.redacted === false)).toBe(true);
      const productRows = (await admin.http().get('/api/audit?entityType=product').expect(200)).body as Record<string, any>[];
      expect(productRows.some((row) => row.after !== null && row.redacted === false)).toBe(true);
    });
  });

  // Last: it moves the clock past the idle limit, which ends the test user's own session too.
  describe('idle expiry', () => {
    it('should let background requests through without keeping an idle session alive', async () => {
      const background = await browserSignIn();
      const active = await browserSignIn();
      t.clock.advanceMinutes(20);
      await t.anon().get('/api/inbox/unread-count').set('Cookie', background.cookie).set('X-Background-Request', 'true').expect(200);
      await t.anon().get('/api/inbox/unread-count').set('Cookie', active.cookie).expect(200);
      t.clock.advanceMinutes(20);
      const expired = await t.anon().get('/api/inbox/unread-count').set('Cookie', background.cookie).set('X-Background-Request', 'true').expect(401);
      expect(expired.body.code).toBe('INVALID_TOKEN');
      await t.anon().get('/api/inbox/unread-count').set('Cookie', active.cookie).expect(200);
    });

  });
});
