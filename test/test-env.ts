import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/**
 * Where the tests find PostgreSQL and Redis: TEST_DATABASE_URL (an admin connection used to create
 * databases) and TEST_REDIS_URL, defaulting to the local servers. One run = one template database,
 * migrated once; each test file clones its own database from it.
 */
export const ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export function runId(): string {
  const id = process.env.CMA_TEST_RUN_ID;
  if (id === undefined) {
    throw new Error('CMA_TEST_RUN_ID is not set: run the tests through jest (test/global-setup.ts)');
  }
  return id;
}

export function templateName(id: string): string {
  return `cma_test_${id}_template`;
}

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export function newRunId(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
