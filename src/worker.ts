import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { SystemClock } from './common/clock';
import { createRootLogger, PinoNestLogger } from './common/logger';
import { loadConfig } from './config/app.config';
import { ReminderWorkers } from './reminders/reminder-workers';
import { FrequencyWorkers } from './frequencies/frequency-workers';
import { SignalJobs } from './signals/signal-jobs';
import { DossierJobs } from './dossier/dossier-jobs';
import { createDataSource } from './database/data-source';
import { migrateWithLock } from './database/migrate';

/**
 * `npm run start:worker`: the background workers (reminder scan scheduler and deliveries; frequency aggregation, scheduled and after case changes), scaled apart from
 * the API. Applies pending migrations first (under the same advisory lock as the API), so start order does not matter.
 */
async function worker(): Promise<void> {
  const config = loadConfig();
  if (config.databaseUrl === undefined) {
    throw new Error('DATABASE_URL is required');
  }
  const migration = createDataSource(config.databaseUrl, 'cma-tracker-worker-migrate');
  await migration.initialize();
  await migrateWithLock(migration);
  await migration.destroy();
  const app = await NestFactory.createApplicationContext(
    AppModule.register({ config: { ...config, databaseUrl: config.databaseUrl }, clock: new SystemClock(config.regulatorTimeZone), runtime: { embeddedDatabase: false } }),
    { logger: new PinoNestLogger(createRootLogger(config.logLevel)) },
  );
  app.enableShutdownHooks();
  await app.get(ReminderWorkers).start();
  await app.get(FrequencyWorkers).start();
  app.get(SignalJobs).start();
  app.get(DossierJobs).start();
}

worker().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
