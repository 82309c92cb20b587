import 'reflect-metadata';
import { createHttpApp } from './bootstrap';
import { FixedClock, SystemClock } from './common/clock';
import { loadConfig } from './config/app.config';
import { createRootLogger } from './common/logger';
import { createDataSource } from './database/data-source';
import { migrateWithLock } from './database/migrate';

/**
 * The HTTP API for real use: DATABASE_URL is required, pending migrations are applied under a
 * PostgreSQL advisory lock (safe with several replicas starting at once), no demo data.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = createRootLogger(config.logLevel);
  if (config.databaseUrl === undefined) {
    throw new Error('DATABASE_URL is not set: `npm start` needs a PostgreSQL URL (use `npm run demo` for a self-contained demo)');
  }
  const dataSource = createDataSource(config.databaseUrl, 'cma-tracker-migrate');
  await dataSource.initialize().catch((error: Error) => {
    throw new Error(`PostgreSQL at DATABASE_URL is unreachable: ${error.message}`);
  });
  const { applied } = await migrateWithLock(dataSource);
  await dataSource.destroy();
  log.info({ applied }, applied.length > 0 ? 'migrations applied' : 'schema up to date');
  const clock = config.asOf !== undefined ? new FixedClock(config.asOf) : new SystemClock(config.regulatorTimeZone);
  const app = await createHttpApp({ config: { ...config, databaseUrl: config.databaseUrl }, clock, runtime: { embeddedDatabase: false } });
  await app.listen(config.port, config.host);
  log.info({ port: config.port }, `API listening on http://localhost:${config.port}/api (docs: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
