import Redis from 'ioredis';
import { REDIS_URL, runId, withAdmin } from './test-env';

/** Drops every database this run created and deletes every Redis key under this run's prefix. */
export default async function globalTeardown(): Promise<void> {
  const id = runId();
  await withAdmin(async (client) => {
    const { rows } = await client.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`cma_test_${id}_%`]);
    for (const { datname } of rows) {
      await client.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    }
  });
  const redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    for await (const keys of redis.scanStream({ match: `test-${id}*`, count: 500 }) as AsyncIterable<string[]>) {
      if (keys.length > 0) {
        await redis.del(...keys);
      }
    }
  } catch {
    // Redis down: nothing of this run can be left there.
  } finally {
    redis.disconnect();
  }
}
