import { DataSource } from 'typeorm';
import { afterCommit, pendingEffects } from '../src/database/after-commit';
import { createDataSource } from '../src/database/data-source';
import { createTestDatabase, TestDatabase } from './test-database';

/** Side effects registered on a transaction run after its COMMIT, and never for a rollback. */
describe('afterCommit on a real PostgreSQL transaction', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let observer: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = createDataSource(database.url, 'after-commit-test');
    observer = createDataSource(database.url, 'after-commit-observer');
    await Promise.all([dataSource.initialize(), observer.initialize()]);
    await dataSource.query('CREATE TABLE after_commit_probe (n int PRIMARY KEY)');
  });
  afterAll(async () => {
    await Promise.all([dataSource.destroy(), observer.destroy()]);
    await database.drop();
  });

  async function visibleElsewhere(n: number): Promise<boolean> {
    const rows = await observer.query<unknown[]>('SELECT 1 FROM after_commit_probe WHERE n = $1', [n]);
    return rows.length > 0;
  }

  it('should run the effect after COMMIT, when another connection already sees the whole transaction', async () => {
    const seen: boolean[] = [];
    let ran = false;
    await dataSource.transaction(async (manager) => {
      await manager.query('INSERT INTO after_commit_probe VALUES (1)');
      afterCommit(manager, () => {
        ran = true;
        seen.push(true);
      });
      // A long transaction: time passes, more rows arrive; the effect has not run.
      await new Promise((resolve) => setTimeout(resolve, 200));
      await manager.query('INSERT INTO after_commit_probe VALUES (2)');
      expect(ran).toBe(false);
      expect(pendingEffects(manager)).toBe(1);
    });
    expect(ran).toBe(true);
    expect(await visibleElsewhere(1)).toBe(true);
    expect(await visibleElsewhere(2)).toBe(true);
  });

  it('should drop the effect of a transaction that rolled back', async () => {
    let ran = false;
    await expect(
      dataSource.transaction(async (manager) => {
        await manager.query('INSERT INTO after_commit_probe VALUES (3)');
        afterCommit(manager, () => {
          ran = true;
        });
        throw new Error('intake refused');
      }),
    ).rejects.toThrow('intake refused');
    expect(ran).toBe(false);
    expect(await visibleElsewhere(3)).toBe(false);
  });

  it('should run effects only when the outermost transaction commits, not at a savepoint', async () => {
    const order: string[] = [];
    await dataSource.transaction(async (manager) => {
      await manager.transaction(async (inner) => {
        await inner.query('SELECT 1');
        afterCommit(inner, () => order.push('inner'));
      });
      expect(order).toEqual([]);
      afterCommit(manager, () => order.push('outer'));
    });
    expect(order).toEqual(['inner', 'outer']);
  });

  it('should not carry the effects of a failed COMMIT into the next transaction on the same runner', async () => {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    try {
      let ran = false;
      await runner.startTransaction();
      await runner.query('SET CONSTRAINTS ALL DEFERRED');
      await runner.query('CREATE TEMP TABLE deferred_probe (n int UNIQUE DEFERRABLE INITIALLY DEFERRED) ON COMMIT DROP');
      await runner.query('INSERT INTO deferred_probe VALUES (1), (1)');
      afterCommit(runner.manager, () => {
        ran = true;
      });
      await expect(runner.commitTransaction()).rejects.toThrow(/duplicate key/);
      await runner.rollbackTransaction().catch(() => undefined);
      await runner.startTransaction();
      await runner.commitTransaction();
      expect(ran).toBe(false);
    } finally {
      await runner.release();
    }
  });

  it('should run at once outside a transaction', () => {
    let ran = false;
    afterCommit(dataSource.manager, () => {
      ran = true;
    });
    expect(ran).toBe(true);
  });
});
