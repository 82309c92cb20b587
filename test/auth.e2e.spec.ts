import Redis from 'ioredis';
import request from 'supertest';
import { LOGIN_ATTEMPTS_LIMIT } from '../src/auth/login-rate-limiter';
import { createTestApp, TEST_PASSWORD, TestApp } from './test-app';
import { REDIS_URL } from './test-env';

function login(t: TestApp, username: string, password: string, address = '10.0.0.1'): request.Test {
  return t.anon().post('/api/auth/login').set('X-Forwarded-For', address).send({ username, password });
}

describe('accounts, sessions and tokens', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { TRUST_PROXY: 'true', SESSION_IDLE_MINUTES: '30', SESSION_TTL_MINUTES: '480' } });
  });
  afterAll(() => t.close());

  describe('sign-in', () => {
    it('should sign in with the right password and answer who is signed in', async () => {
      const response = await login(t, t.user.username, TEST_PASSWORD).expect(200);
      expect(response.body.token).toMatch(/^cmas_[A-Za-z0-9_-]{43}$/);
      expect(response.body.user).toMatchObject({ username: 'test-regulatory', role: 'regulatory', productIds: null });
      expect(response.body.user).not.toHaveProperty('passwordHash');
      const me = await t.anon().get('/api/auth/me').set('Authorization', `Bearer ${response.body.token}`).expect(200);
      expect(me.body).toMatchObject({ username: 'test-regulatory', actingRole: 'regulatory', via: 'session' });
    });

    it('should give the same answer for an unknown user and a wrong password', async () => {
      const unknown = await login(t, 'nobody', 'whatever-password').expect(401);
      const wrong = await login(t, t.user.username, 'wrong-password-1').expect(401);
      expect(unknown.body.code).toBe('INVALID_CREDENTIALS');
      expect(wrong.body).toEqual(unknown.body);
    });

    it('should store only a scrypt hash of the password', async () => {
      const [row] = await t.dataSource.query<{ password_hash: string }[]>('SELECT password_hash FROM app_user WHERE username = $1', [t.user.username]);
      expect(row?.password_hash).toMatch(/^scrypt\$15\$8\$1\$/);
      expect(row?.password_hash).not.toContain(TEST_PASSWORD);
    });

    it('should lock the account after 5 wrong passwords in a row, refuse even the right one, and unlock after 15 minutes', async () => {
      const user = await t.signIn('safety', { username: 'locky' });
      for (let i = 1; i <= 4; i += 1) {
        await login(t, 'locky', `wrong-password-${i}`, '10.0.1.1').expect(401);
      }
      const fifth = await login(t, 'locky', 'wrong-password-5', '10.0.1.1').expect(429);
      expect(fifth.body.code).toBe('ACCOUNT_LOCKED');
      expect(Number(fifth.headers['retry-after'])).toBe(15 * 60);
      expect((await login(t, 'locky', TEST_PASSWORD, '10.0.1.1').expect(429)).body.code).toBe('ACCOUNT_LOCKED');
      t.clock.advanceMinutes(16);
      await login(t, 'locky', TEST_PASSWORD, '10.0.1.1').expect(200);
      const audit = await t.dataSource.query<{ action: string }[]>(`SELECT action FROM audit_entry WHERE entity_type = 'user' AND entity_id = $1 ORDER BY seq`, [user.id]);
      expect(audit.map((a) => a.action)).toEqual(['create', 'login-failed', 'login-failed', 'login-failed', 'login-failed', 'locked', 'login']);
    });

    it('should rate-limit sign-in attempts per client address in Redis, under this run’s prefix', async () => {
      const address = '10.0.2.2';
      for (let i = 0; i < LOGIN_ATTEMPTS_LIMIT; i += 1) {
        await login(t, `guess${i}`, 'guessing-password', address).expect(401);
      }
      const limited = await login(t, t.user.username, TEST_PASSWORD, address).expect(429);
      expect(limited.body.code).toBe('TOO_MANY_ATTEMPTS');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      await login(t, t.user.username, TEST_PASSWORD, '10.0.2.3').expect(200);
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${process.env.CMA_TEST_QUEUE_PREFIX ?? 'none'}-*:login-attempts:${address}`);
        expect(keys).toHaveLength(1);
        expect(keys[0]?.startsWith(`${process.env.CMA_TEST_QUEUE_PREFIX ?? 'none'}-`)).toBe(true);
      } finally {
        redis.disconnect();
      }
    });
  });

  describe('sessions', () => {
    it('should end a session on logout', async () => {
      const { token } = (await login(t, t.user.username, TEST_PASSWORD)).body;
      await t.anon().post('/api/auth/logout').set('Authorization', `Bearer ${token}`).expect(204);
      expect((await t.anon().get('/api/products').set('Authorization', `Bearer ${token}`).expect(401)).body.code).toBe('INVALID_TOKEN');
    });

    it('should end a session after 30 idle minutes, and after 8 hours however busy', async () => {
      const idle = (await login(t, t.user.username, TEST_PASSWORD)).body.token;
      const busy = (await login(t, t.user.username, TEST_PASSWORD)).body.token;
      t.clock.advanceMinutes(29);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${busy}`).expect(200);
      t.clock.advanceMinutes(2);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${idle}`).expect(401);
      for (let elapsed = 31 + 25; elapsed < 480; elapsed += 25) {
        t.clock.advanceMinutes(25);
        await t.anon().get('/api/products').set('Authorization', `Bearer ${busy}`).expect(200);
      }
      t.clock.advanceMinutes(25);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${busy}`).expect(401);
    });
  });

  describe('accounts administered', () => {
    it('should create an account with a one-time password that must be changed before anything else', async () => {
      const admin = await t.signIn('admin');
      const created = await admin.http().post('/api/users').send({ username: 'j.devries', displayName: 'Jan de Vries', role: 'viewer' }).expect(201);
      expect(created.body.password).toMatch(/^[A-Za-z0-9]{20}$/);
      expect(created.body.user).toMatchObject({ username: 'j.devries', mustChangePassword: true });
      const listed = await admin.http().get('/api/users').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(created.body.password);
      expect(JSON.stringify(listed.body)).not.toContain('scrypt');

      const first = (await login(t, 'j.devries', created.body.password).expect(200)).body.token;
      const other = (await login(t, 'j.devries', created.body.password).expect(200)).body.token;
      const refused = await t.anon().get('/api/products').set('Authorization', `Bearer ${first}`).expect(403);
      expect(refused.body.code).toBe('PASSWORD_CHANGE_REQUIRED');
      const weak = await t.anon().post('/api/auth/password').set('Authorization', `Bearer ${first}`).send({ currentPassword: created.body.password, newPassword: 'short' }).expect(422);
      expect(weak.body.errors).toEqual([{ field: 'newPassword', problem: expect.stringContaining('at least 12') }]);
      await t.anon().post('/api/auth/password').set('Authorization', `Bearer ${first}`).send({ currentPassword: created.body.password, newPassword: 'a much better passphrase' }).expect(200);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${first}`).expect(200);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${other}`).expect(401);
      await login(t, 'j.devries', created.body.password).expect(401);
    });

    it('should refuse a duplicate username with 409 and a bad one with 400 naming the field', async () => {
      const admin = await t.signIn('admin', { username: 'admin2' });
      await admin.http().post('/api/users').send({ username: 'dup.user', displayName: 'A', role: 'viewer' }).expect(201);
      expect((await admin.http().post('/api/users').send({ username: 'dup.user', displayName: 'B', role: 'viewer' }).expect(409)).body.code).toBe('USERNAME_TAKEN');
      const bad = await admin.http().post('/api/users').send({ username: 'Has Spaces', displayName: 'C', role: 'superuser' }).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['role', 'username']);
    });

    it('should end every session of a disabled account and refuse its sign-in', async () => {
      const admin = await t.signIn('admin', { username: 'admin3' });
      const victim = await t.signIn('viewer', { username: 'leaver' });
      await victim.http().get('/api/products').expect(200);
      await admin.http().patch(`/api/users/${victim.id}`).send({ disabled: true }).expect(400);
      await admin.http().patch(`/api/users/${victim.id}`).send({ disabled: true, reason: 'left the company' }).expect(200);
      await victim.http().get('/api/products').expect(401);
      await login(t, 'leaver', TEST_PASSWORD).expect(401);
      const audit = await t.dataSource.query<{ reason: string; before: { disabled: boolean }; after: { disabled: boolean } }[]>(
        `SELECT reason, before, after FROM audit_entry WHERE entity_id = $1 AND action = 'update'`,
        [victim.id],
      );
      expect(audit).toEqual([{ reason: 'left the company', before: expect.objectContaining({ disabled: false }), after: expect.objectContaining({ disabled: true }) }]);
    });
  });

  describe('API tokens', () => {
    it('should issue a token shown once, scoped to a role, usable until revoked', async () => {
      const me = await t.signIn('regulatory', { username: 'integrator' });
      const issued = await me.http().post('/api/auth/tokens').send({ name: 'erp-sync', role: 'viewer', expiresInDays: 30 }).expect(201);
      expect(issued.body.token).toMatch(/^cmat_/);
      const listed = await me.http().get('/api/auth/tokens').expect(200);
      expect(JSON.stringify(listed.body)).not.toContain(issued.body.token);
      expect(listed.body).toEqual(expect.arrayContaining([expect.objectContaining({ id: issued.body.id, kind: 'api', name: 'erp-sync', role: 'viewer' })]));

      const asToken = () => t.anon().get('/api/auth/me').set('Authorization', `Bearer ${issued.body.token}`);
      expect((await asToken().expect(200)).body).toMatchObject({ actingRole: 'viewer', via: 'api-token', role: 'regulatory' });
      const write = await t.anon().post('/api/products').set('Authorization', `Bearer ${issued.body.token}`).send({}).expect(403);
      expect(write.body.code).toBe('ROLE_NOT_ALLOWED');

      await me.http().delete(`/api/auth/tokens/${issued.body.id}`).expect(204);
      await asToken().expect(401);
    });

    it('should refuse a token with a role other than your own or viewer', async () => {
      const me = await t.signIn('regulatory', { username: 'escalator' });
      const response = await me.http().post('/api/auth/tokens').send({ name: 'escalate', role: 'admin' }).expect(422);
      expect(response.body.errors).toEqual([{ field: 'role', problem: expect.stringContaining('your own role') }]);
    });

    it('should expire a token after its days', async () => {
      const me = await t.signIn('viewer', { username: 'short-lived' });
      const issued = await me.http().post('/api/auth/tokens').send({ name: 'short-lived', expiresInDays: 1 }).expect(201);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
      t.clock.advanceMinutes(24 * 60 - 1);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${issued.body.token}`).expect(200);
      t.clock.advanceMinutes(2);
      await t.anon().get('/api/products').set('Authorization', `Bearer ${issued.body.token}`).expect(401);
    });
  });

  describe('calendar feed token', () => {
    it('should serve the feed without sign-in through the secret URL until it is rotated or revoked', async () => {
      const me = await t.signIn('viewer', { username: 'subscriber' });
      const first = await me.http().post('/api/auth/calendar-token').expect(201);
      expect(first.body.path).toMatch(/^\/api\/calendar\/cmac_[A-Za-z0-9_-]{43}\.ics$/);
      const feed = await t.anon().get(first.body.path).expect(200);
      expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
      expect(feed.text).toContain('BEGIN:VCALENDAR');

      const second = await me.http().post('/api/auth/calendar-token').expect(201);
      const stale = await t.anon().get(first.body.path).expect(404);
      // The error is JSON, not labelled as the calendar the route would have answered.
      expect(stale.headers['content-type']).toMatch(/^application\/json/);
      expect(stale.body.code).toBe('NOT_FOUND');
      await t.anon().get(second.body.path).expect(200);
      await me.http().delete('/api/auth/calendar-token').expect(204);
      await t.anon().get(second.body.path).expect(404);
    });
  });
});
