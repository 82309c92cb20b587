import { randomBytes } from 'node:crypto';
import { createHttpApp } from '../../src/bootstrap';
import { systemActor } from '../../src/common/actor';
import { loadConfig } from '../../src/config/app.config';
import { seedDemo } from '../../src/demo/seed-demo';
import { MutableClock } from '../test-app';
import { createTestDatabase } from '../test-database';
import { REDIS_URL, runId, withAdmin } from '../test-env';

/** The browser tests' "today": the demo's pinned date in the README (AS_OF=2026-11-21). */
export const DEMO_TODAY = '2026-11-21';

/** The run's database with the demo data (both products, their obligations, reference safety information, synthetic cases). */
export function demoTemplateName(): string {
  return `cma_test_${runId()}_demo`;
}

/**
 * Seeds the demo data once per run into a database of its own (no accounts), which test files then clone
 * (a second or so) instead of seeding it again (ten seconds and more on a busy machine).
 */
export async function createDemoTemplate(): Promise<void> {
  const database = await createTestDatabase();
  try {
    const config = loadConfig({ DATABASE_URL: database.url, REDIS_URL, QUEUE_PREFIX: `${process.env.CMA_TEST_QUEUE_PREFIX ?? 'test'}-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'silent' });
    const app = await createHttpApp({ config: { ...config, databaseUrl: database.url }, clock: new MutableClock(DEMO_TODAY), runtime: { embeddedDatabase: false } });
    await app.init();
    try {
      await seedDemo(app, systemActor('demo-seed'), DEMO_TODAY);
    } finally {
      await app.close();
    }
    await withAdmin((client) => client.query(`ALTER DATABASE ${database.name} RENAME TO ${demoTemplateName()}`));
  } catch (error) {
    await database.drop();
    throw error;
  }
}
