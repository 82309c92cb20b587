import { createDataSource } from '../src/database/data-source';
import { createTestDatabase } from './test-database';

/**
 * Indexes (partial and expression ones included), foreign keys, CHECK constraints and comments are written
 * in the migrations only; TypeORM would propose to drop them. Tables, columns, types and defaults must match.
 */
const MODELLED_ONLY_IN_MIGRATIONS = /^(DROP INDEX|ALTER TABLE "\w+" DROP CONSTRAINT|COMMENT ON)/;

describe('schema', () => {
  it('should have entities that match the migrations exactly (no drift)', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    await dataSource.initialize();
    try {
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((q) => q.query).filter((sql) => !MODELLED_ONLY_IN_MIGRATIONS.test(sql))).toEqual([]);
    } finally {
      await dataSource.destroy();
      await database.drop();
    }
  });
});
