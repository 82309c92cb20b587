import 'reflect-metadata';
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/bootstrap';
import { Clock, FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app.config';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: INestApplication;
  http: () => TestAgent;
  dataSource: DataSource;
  database: TestDatabase;
  clock: MutableClock;
  close(): Promise<void>;
}

/** A clock the test moves: "today" is whatever the test says. */
export class MutableClock extends Clock {
  constructor(private date: string) {
    super();
  }
  set(date: string): void {
    this.date = date;
  }
  today(): string {
    return this.date;
  }
  now(): Date {
    return new FixedClock(this.date).now();
  }
}

/** The real HTTP application on a fresh, migrated database of its own. */
export async function createTestApp(options: { today?: string; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ DATABASE_URL: database.url, QUEUE_PREFIX: process.env.CMA_TEST_QUEUE_PREFIX, LOG_LEVEL: 'silent', DEFAULT_ACTOR: 'test-user', ...options.env });
  const clock = new MutableClock(options.today ?? '2025-06-15');
  const app = await createHttpApp({ config: { ...config, databaseUrl: database.url }, clock, runtime: { embeddedDatabase: false } });
  await app.init();
  return {
    app,
    http: () => request(app.getHttpServer()),
    dataSource: app.get(DataSource),
    database,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
