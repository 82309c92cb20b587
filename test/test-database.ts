import { randomBytes } from 'node:crypto';
import { databaseUrl, runId, templateName, withAdmin } from './test-env';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh database for one test file, cloned from the run's migrated template (or another database of the run's, e.g. the browser tests' demo template). */
export async function createTestDatabase(template?: string): Promise<TestDatabase> {
  const id = runId();
  const name = `cma_test_${id}_${randomBytes(4).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await client.query(`CREATE DATABASE ${name} TEMPLATE ${template ?? templateName(id)}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant: PostgreSQL refuses the second; try again.
        if (attempt >= 20 || !String(error).includes('is being accessed by other users')) {
          throw error;
        }
        await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
      }
    }
  });
  return {
    url: databaseUrl(name),
    name,
    drop: () => withAdmin(async (client) => void (await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`))),
  };
}
