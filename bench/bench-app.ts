/**
 * A benchmark's own world: a fresh PostgreSQL database (migrated; dropped at the end, whatever happens) and
 * the application context on it, with a unique Redis key prefix and a fixed "today".
 */
import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { AppModule } from '../src/app.module';
import { FixedClock } from '../src/common/clock';
import { loadConfig } from '../src/config/app.config';
import { createDataSource } from '../src/database/data-source';
import { migrateWithLock } from '../src/database/migrate';
import { databaseUrl, REDIS_URL, withAdmin } from '../test/test-env';

export async function withBenchApp<T>(label: string, asOf: string, work: (app: INestApplicationContext) => Promise<T>): Promise<T> {
  const name = `cma_bench_${label}_${randomBytes(3).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = databaseUrl(name);
  try {
    const migrate = createDataSource(url, 'bench-migrate');
    await migrate.initialize();
    await migrateWithLock(migrate);
    await migrate.destroy();
    const config = loadConfig({ DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: `bench-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn' });
    const app = await NestFactory.createApplicationContext(AppModule.register({ config: { ...config, databaseUrl: url }, clock: new FixedClock(asOf), runtime: { embeddedDatabase: false } }), { logger: false });
    try {
      return await work(app);
    } finally {
      await app.close();
    }
  } finally {
    await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
