import { runId, withAdmin } from './test-env';

/** Drops every database this run created. */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cma_test_${id}_%`]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
}
