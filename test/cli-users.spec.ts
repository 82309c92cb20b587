import { userInfo } from 'node:os';
import { runCliCaptured } from './cli-run';
import { createTestApp, TestApp } from './test-app';

describe('cli: users and keys (an administrator on the server, no sign-in, audited as cli:<os user>)', () => {
  let t: TestApp;
  const cliActor = `cli:${userInfo().username}`;
  const run = (...argv: string[]) => runCliCaptured({ DATABASE_URL: t.database.url, LOG_LEVEL: 'silent' }, ...argv);

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('should create the first administrator with a generated one-time password', async () => {
    const result = await run('users', 'create-admin', '--username', 'first.admin', '--display-name', 'First Admin', '--json');
    expect(result.code).toBe(0);
    const created = JSON.parse(result.stdout) as { user: { id: string; role: string; mustChangePassword: boolean }; password: string };
    expect(created.user).toMatchObject({ role: 'admin', mustChangePassword: true });
    expect(created.password).toMatch(/^[A-Za-z0-9]{20}$/);

    const login = await t.anon().post('/api/auth/login').send({ username: 'first.admin', password: created.password }).expect(200);
    expect(login.body.user.mustChangePassword).toBe(true);
    const [audit] = await t.dataSource.query<{ actor: string; action: string }[]>(`SELECT actor, action FROM audit_entry WHERE entity_id = $1 ORDER BY seq LIMIT 1`, [created.user.id]);
    expect(audit).toEqual({ actor: cliActor, action: 'create' });
  });

  it('should refuse a second account of the same name, and a bad name as a usage error', async () => {
    const again = await run('users', 'create-admin', '--username', 'first.admin', '--json');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('USERNAME_TAKEN');
    const bad = await run('users', 'create-admin', '--username', 'Not Valid');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--username');
  });

  it('should reset a password (lifting a lockout) and end the sessions', async () => {
    const { token } = (await t.anon().post('/api/auth/login').send({ username: t.user.username, password: t.user.password }).expect(200)).body as { token: string };
    const result = await run('users', 'reset-password', t.user.username, '--reason', 'forgot it', '--json');
    expect(result.code).toBe(0);
    const { password } = JSON.parse(result.stdout) as { password: string };
    await t.anon().get('/api/products').set('Authorization', `Bearer ${token}`).expect(401);
    await t.anon().post('/api/auth/login').send({ username: t.user.username, password }).expect(200);
    expect((await run('users', 'reset-password', 'nobody', '--reason', 'x')).code).toBe(2);
  });

  it('should rotate the signing key, keeping the old one for verification', async () => {
    const result = await run('keys', 'rotate', '--reason', 'annual rotation', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ active: true });
    const keys = await t.dataSource.query<{ retired: boolean }[]>('SELECT retired_at IS NOT NULL AS retired FROM signing_key ORDER BY id');
    expect(keys).toEqual([{ retired: true }, { retired: false }]);
  });
});
