import { DataSource } from 'typeorm';

/** Any fixed 64-bit key: every replica that starts takes the same lock before it migrates. */
const MIGRATION_LOCK_KEY = 7_411_052_023;

export interface MigrationReport {
  applied: string[];
}

/**
 * Applies pending migrations under a PostgreSQL advisory lock, each in its own transaction, so that
 * several replicas starting together migrate once and the others wait, then find nothing to do.
 */
export async function migrateWithLock(dataSource: DataSource): Promise<MigrationReport> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      return { applied: applied.map((m) => m.name) };
    } finally {
      await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await runner.release();
  }
}
