import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/bootstrap';
import { Clock } from '../src/common/clock';
import { loadConfig } from '../src/config/app.config';
import { createTestDatabase, TestDatabase } from './test-database';
import { REDIS_URL } from './test-env';
import { randomBytes } from 'node:crypto';
import { AuthService } from '../src/auth/auth.service';
import { Role } from '../src/auth/roles';
import { UsersService } from '../src/auth/users.service';
import { systemActor } from '../src/common/actor';
import { checkingResponses, responseValidatorFor } from './checked-requests';

export interface TestApp {
  app: INestApplication;
  /** Requests as the test's signed-in user (role `regulatory` unless the test says otherwise). */
  http: () => TestAgent;
  /** Requests with no credentials. */
  anon: () => TestAgent;
  /** Creates an account with this role (optionally restricted to products) and signs it in. */
  signIn: (role: Role, options?: { productIds?: string[]; username?: string }) => Promise<SignedInUser>;
  user: SignedInUser;
  dataSource: DataSource;
  database: TestDatabase;
  clock: MutableClock;
  close(): Promise<void>;
}

/**
 * A clock the test moves. `set(date)` changes the business date ("today") only; `now()` — sessions,
 * lockouts, signature times — starts at 12:00 UTC of the first date and moves only with `advanceMinutes`,
 * so a test can jump months ahead in the register without its session expiring.
 */
export class MutableClock extends Clock {
  private date: string;
  private instant: number;
  constructor(date: string) {
    super();
    this.date = date;
    this.instant = Date.parse(`${date}T12:00:00Z`);
  }
  set(date: string): void {
    this.date = date;
  }
  advanceMinutes(minutes: number): void {
    this.instant += minutes * 60_000;
  }
  today(): string {
    return this.date;
  }
  now(): Date {
    return new Date(this.instant);
  }
}

export interface SignedInUser {
  id: string;
  username: string;
  password: string;
  token: string;
  /** The audit trail's name for this user. */
  actor: string;
  /** Requests as this user. */
  http: () => TestAgent;
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** The real HTTP application on a fresh, migrated database of its own, with a unique Redis prefix. */
export async function createTestApp(options: { today?: string; env?: Record<string, string>; role?: Role; template?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase(options.template);
  const config = loadConfig({
    DATABASE_URL: database.url,
    REDIS_URL,
    QUEUE_PREFIX: `${process.env.CMA_TEST_QUEUE_PREFIX ?? 'test'}-${randomBytes(3).toString('hex')}`,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  const clock = new MutableClock(options.today ?? '2025-06-15');
  const app = await createHttpApp({ config: { ...config, databaseUrl: database.url }, clock, runtime: { embeddedDatabase: false } });
  await app.init();
  const server = app.getHttpServer() as Parameters<typeof request>[0];
  // Every response a test receives is checked against the OpenAPI document the application serves.
  const validator = await responseValidatorFor(server);
  const signIn = async (role: Role, signInOptions: { productIds?: string[]; username?: string } = {}): Promise<SignedInUser> => {
    const dataSource = app.get(DataSource);
    const username = signInOptions.username ?? `test-${role}${signInOptions.productIds === undefined ? '' : `-${randomBytes(2).toString('hex')}`}`;
    const { user } = await dataSource.transaction((m) =>
      app.get(UsersService).create(m, systemActor('test-setup'), { username, displayName: `Test ${role}`, role, productIds: signInOptions.productIds ?? null, password: TEST_PASSWORD }),
    );
    const entity = await app.get(UsersService).get(dataSource.manager, user.id);
    const { token } = await app.get(AuthService).issueSession(dataSource.manager, entity);
    return { id: user.id, username, password: TEST_PASSWORD, token, actor: `user:${username}`, http: () => checkingResponses(request.agent(server), validator).set('Authorization', `Bearer ${token}`) };
  };
  const user = await signIn(options.role ?? 'regulatory');
  return {
    app,
    http: user.http,
    anon: () => checkingResponses(request(server), validator),
    signIn,
    user,
    dataSource: app.get(DataSource),
    database,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
