import 'reflect-metadata';
import { createDataSource } from '../src/database/data-source';
import { migrateWithLock } from '../src/database/migrate';
import { databaseUrl, newRunId, templateName, withAdmin } from './test-env';

/** Creates this run's template database and applies every migration to it, as CI does on an empty database. */
export default async function globalSetup(): Promise<void> {
  const id = newRunId();
  process.env.CMA_TEST_RUN_ID = id;
  process.env.CMA_TEST_QUEUE_PREFIX = `test-${id}`;
  const template = templateName(id);
  await withAdmin((client) => client.query(`CREATE DATABASE ${template}`));
  const dataSource = createDataSource(databaseUrl(template), 'cma-tracker-test-setup');
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
}
