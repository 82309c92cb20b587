import { randomBytes, randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChain1763769600000 } from '../migrations/1763769600000-AuditChain';
import { ObligationsRegister1763683200000 } from '../migrations/1763683200000-ObligationsRegister';
import { canonicalLine, CanonicalAuditRow, GENESIS_HASH } from '../src/audit/audit-chain-format';
import { auditCsv } from '../src/audit/audit-csv';
import { AuditVerifyReport, verifyAuditChain } from '../src/audit/audit-verify';
import { AuditRecord, AuditService } from '../src/audit/audit.service';
import { systemActor } from '../src/common/actor';
import { InvalidInputError } from '../src/common/errors';
import { dataSourceOptions } from '../src/database/data-source';
import type TestAgent from 'supertest/lib/agent';
import { CliRun, runCliCaptured } from './cli-run';
import { createTestApp, TestApp } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';
import { databaseUrl, runId, withAdmin } from './test-env';

const audit = new AuditService();
const actor = systemActor('test-user');

interface Db {
  database: TestDatabase;
  dataSource: DataSource;
  close(): Promise<void>;
}

/** A fresh migrated database of its own (cloned from the run's template) and a DataSource with `max` connections. */
async function openDatabase(max = 10): Promise<Db> {
  const database = await createTestDatabase();
  const dataSource = new DataSource({ ...dataSourceOptions(database.url, 'audit-chain-spec'), extra: { max } });
  await dataSource.initialize();
  return {
    database,
    dataSource,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

function entry(overrides: Partial<AuditRecord> = {}): AuditRecord {
  return { entityType: 'milestone', entityId: randomUUID(), action: 'update', before: { dueDate: '2025-01-31' }, after: { dueDate: '2025-02-28' }, ...overrides };
}

/** Writes the entries in one transaction and returns that transaction's id. */
async function writeTransaction(dataSource: DataSource, ...entries: AuditRecord[]): Promise<string> {
  return dataSource.transaction(async (manager) => {
    for (const e of entries) {
      await audit.record(manager, actor, e);
    }
    const [{ txId }] = await manager.query<[{ txId: string }]>('SELECT txid_current()::text AS "txId"');
    return txId;
  });
}

interface LinkRow {
  seq: string;
  entryCount: number;
  firstEntrySeq: string;
  lastEntrySeq: string;
  prevHash: string;
  hash: string;
}

async function linksOf(dataSource: DataSource, txId: string): Promise<LinkRow[]> {
  return dataSource.query(
    `SELECT seq::text AS seq, entry_count AS "entryCount", first_entry_seq::text AS "firstEntrySeq", last_entry_seq::text AS "lastEntrySeq",
            prev_hash AS "prevHash", hash FROM audit_chain WHERE tx_id = $1`,
    [txId],
  );
}

async function count(dataSource: DataSource, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await dataSource.query<{ n: string }[]>(sql, params);
  return Number(row!.n);
}

/** As a superuser: runs `sql` with the named audit_entry triggers disabled, in one transaction. */
async function tamper(dataSource: DataSource, triggers: string[], sql: string, params: unknown[] = [], table = 'audit_entry'): Promise<void> {
  await dataSource.transaction(async (manager: EntityManager) => {
    for (const trigger of triggers) {
      await manager.query(`ALTER TABLE ${table} DISABLE TRIGGER ${trigger}`);
    }
    await manager.query(sql, params);
    for (const trigger of triggers) {
      await manager.query(`ALTER TABLE ${table} ENABLE TRIGGER ${trigger}`);
    }
  });
}

/** Three sealed transactions: one of three rows, then two of one row each. */
async function seedChain(dataSource: DataSource): Promise<string[]> {
  return [await writeTransaction(dataSource, entry(), entry(), entry()), await writeTransaction(dataSource, entry()), await writeTransaction(dataSource, entry())];
}

describe('audit chain: sealing at commit', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openDatabase(32);
  });

  afterAll(async () => {
    await db.close();
  });

  it('should seal the two audit rows of one transaction into one link holding both', async () => {
    const txId = await writeTransaction(db.dataSource, entry(), entry());

    const links = await linksOf(db.dataSource, txId);
    const rows = await db.dataSource.query<{ seq: string }[]>('SELECT seq::text AS seq FROM audit_entry WHERE tx_id = $1 ORDER BY seq', [txId]);
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ entryCount: 2, firstEntrySeq: rows[0]!.seq, lastEntrySeq: rows[1]!.seq });
  });

  it('should leave neither rows nor a link when the transaction rolls back', async () => {
    const entityId = randomUUID();
    const linksBefore = await count(db.dataSource, 'SELECT count(*) AS n FROM audit_chain');
    let txId = '';

    const failed = db.dataSource.transaction(async (manager) => {
      await audit.record(manager, actor, entry({ entityId }));
      [{ txId }] = await manager.query<[{ txId: string }]>('SELECT txid_current()::text AS "txId"');
      throw new Error('refused by the service');
    });

    await expect(failed).rejects.toThrow('refused by the service');
    expect(await count(db.dataSource, 'SELECT count(*) AS n FROM audit_entry WHERE entity_id = $1', [entityId])).toBe(0);
    expect(await linksOf(db.dataSource, txId)).toEqual([]);
    expect(await count(db.dataSource, 'SELECT count(*) AS n FROM audit_chain')).toBe(linksBefore);
  });

  it('should seal a row written without an explicit transaction', async () => {
    const entityId = randomUUID();

    await db.dataSource.query(`INSERT INTO audit_entry (actor, entity_type, entity_id, action) VALUES ('psql', 'product', $1, 'create')`, [entityId]);

    const [row] = await db.dataSource.query<{ txId: string }[]>('SELECT tx_id::text AS "txId" FROM audit_entry WHERE entity_id = $1', [entityId]);
    expect(await linksOf(db.dataSource, row!.txId)).toEqual([expect.objectContaining({ entryCount: 1 })]);
  });

  it('should stamp the transaction start and id itself, whatever the client sends', async () => {
    const entityId = randomUUID();

    const stamped = await db.dataSource.transaction((manager) =>
      manager.query<{ atStart: boolean; ownTx: boolean }[]>(
        `INSERT INTO audit_entry (occurred_at, tx_id, actor, entity_type, entity_id, action) VALUES ('2000-01-01T00:00:00Z', 42, 'mallory', 'product', $1, 'create')
         RETURNING occurred_at = now() AS "atStart", tx_id = txid_current() AS "ownTx"`,
        [entityId],
      ),
    );

    expect(stamped).toEqual([{ atStart: true, ownTx: true }]);
  });

  it('should chain each new link to the head that was committed before it', async () => {
    const first = await writeTransaction(db.dataSource, entry());
    const second = await writeTransaction(db.dataSource, entry());

    const [a] = await linksOf(db.dataSource, first);
    const [b] = await linksOf(db.dataSource, second);
    expect(b!.prevHash).toBe(a!.hash);
  });

  it('should refuse audit rows in a REPEATABLE READ transaction, naming the isolation level required', async () => {
    const attempt = db.dataSource.transaction('REPEATABLE READ', (manager) => audit.record(manager, actor, entry()));

    await expect(attempt).rejects.toThrow(/READ COMMITTED transaction \(this one is REPEATABLE READ\)/);
  });

  it('should refuse an audit row written after its transaction was sealed early', async () => {
    const attempt = db.dataSource.transaction(async (manager) => {
      await audit.record(manager, actor, entry());
      await manager.query('SET CONSTRAINTS audit_entry_seal IMMEDIATE');
      await audit.record(manager, actor, entry());
    });

    await expect(attempt).rejects.toThrow(/written after this transaction's audit link was sealed/);
  });

  it.each([
    ['UPDATE audit_entry SET actor = $1', ['mallory'], /audit_entry is append-only: UPDATE refused/],
    ['DELETE FROM audit_entry', [], /audit_entry is append-only: DELETE refused/],
    ['TRUNCATE audit_entry', [], /audit_entry is append-only: TRUNCATE refused/],
    ['UPDATE audit_chain SET hash = $1', ['0'.repeat(64)], /audit_chain is append-only: UPDATE refused/],
    ['DELETE FROM audit_chain', [], /audit_chain is append-only: DELETE refused/],
    ['TRUNCATE audit_chain', [], /audit_chain is append-only: TRUNCATE refused/],
  ])('should have the database refuse %s', async (sql, params, refusal) => {
    await writeTransaction(db.dataSource, entry());

    await expect(db.dataSource.query(sql, params)).rejects.toThrow(refusal);
  });

  it('should seal 30 concurrent transactions, one link each, into a chain that verifies', async () => {
    const txIds = await Promise.all(
      Array.from({ length: 30 }, () =>
        db.dataSource.transaction(async (manager) => {
          await audit.record(manager, actor, entry());
          await manager.query('SELECT pg_sleep(0.05)');
          await audit.record(manager, actor, entry());
          const [{ txId }] = await manager.query<[{ txId: string }]>('SELECT txid_current()::text AS "txId"');
          return txId;
        }),
      ),
    );

    const links = (await Promise.all(txIds.map((txId) => linksOf(db.dataSource, txId)))).flat();
    expect(new Set(txIds).size).toBe(30);
    expect(links).toHaveLength(30);
    expect(links.every((link) => link.entryCount === 2)).toBe(true);
    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: true, firstBreak: null });
  });

  it('should render the canonical row in TypeScript exactly as the database does, escapes and all', async () => {
    const tricky = 'quote " backslash \\ newline \n tab \t bell \u0007 nul-ish \u001f del \u007f é ß 😀 \u2028 end';
    const productId = randomUUID();
    const entityId = randomUUID();
    await db.dataSource.transaction((manager) =>
      audit.record(manager, actor, { entityType: tricky, entityId, action: 'update', productId, before: { amount: 1.5, list: [1, 'x', null], nested: { b: tricky, a: true } }, after: null, reason: tricky }),
    );

    const [row] = await db.dataSource.query<(CanonicalAuditRow & { sqlLine: string })[]>(
      `SELECT audit_entry_line(e) AS "sqlLine", e.seq::text AS seq, e.tx_id::text AS "txId", (extract(epoch FROM e.occurred_at) * 1000000)::bigint::text AS "occurredAtMicros",
              e.actor, e.entity_type AS "entityType", e.entity_id AS "entityId", e.action, e.product_id::text AS "productId",
              e.before::text AS before, e.after::text AS after, e.reason
         FROM audit_entry e WHERE e.entity_id = $1`,
      [entityId],
    );

    const { sqlLine, ...fields } = row!;
    expect(canonicalLine(fields)).toBe(sqlLine);
  });
});

describe('audit chain: bulk import batches', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openDatabase();
  });

  afterAll(async () => {
    await db.close();
  });

  it('should write one audit row for a whole batch, naming the file by its checksum', async () => {
    const fileSha256 = randomBytes(32).toString('hex').toUpperCase();
    const productId = randomUUID();

    await db.dataSource.transaction((manager) =>
      audit.recordBatch(manager, actor, { entityType: 'safety-case', action: 'import', productId, fileName: 'batch-0001.xml', fileSha256, count: 250, firstId: 'case-1', lastId: 'case-250' }),
    );

    const rows = await audit.list(db.dataSource.manager, { entityType: 'safety-case', entityId: fileSha256.toLowerCase(), limit: 10 }, null);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      action: 'import',
      productId,
      actor: 'test-user',
      after: { fileName: 'batch-0001.xml', fileSha256: fileSha256.toLowerCase(), count: 250, firstId: 'case-1', lastId: 'case-250' },
    });
    expect(await linksOf(db.dataSource, rows[0]!.txId)).toEqual([expect.objectContaining({ entryCount: 1 })]);
  });

  it.each([
    [{ fileSha256: 'abc' }, 'fileSha256'],
    [{ count: 0 }, 'count'],
    [{ count: 2.5 }, 'count'],
    [{ fileName: ' ' }, 'fileName'],
  ])('should refuse a batch with %o naming the field', async (override, field) => {
    const batch = { entityType: 'safety-case', action: 'import', fileName: 'f.xml', fileSha256: 'a'.repeat(64), count: 1, ...override };

    const attempt = db.dataSource.transaction((manager) => audit.recordBatch(manager, actor, batch));

    await expect(attempt).rejects.toBeInstanceOf(InvalidInputError);
    await expect(attempt).rejects.toMatchObject({ errors: [{ field }] });
  });
});

describe('audit trail: filters, product scope and CSV export', () => {
  let db: Db;
  const productA = randomUUID();
  const productB = randomUUID();
  const recordId = randomUUID();
  let todayUtc = '';

  beforeAll(async () => {
    db = await openDatabase();
    await db.dataSource.transaction(async (manager) => {
      await audit.record(manager, systemActor('user:alice'), entry({ entityId: recordId, action: 'create', productId: productA, before: null, after: { dueDate: '2025-01-31', title: 'Report' } }));
      await audit.record(manager, systemActor('user:bob'), entry({ entityId: recordId, action: 'due-date-change', productId: productA, reason: '=HYPERLINK("x")' }));
      await audit.record(manager, systemActor('user:bob'), entry({ action: 'create', productId: productB, before: null, after: { name: 'B' } }));
      await audit.record(manager, systemActor('user:bob'), { entityType: 'closure-day', entityId: '2025-12-25', action: 'create', after: { name: 'Christmas' } });
    });
    [{ todayUtc }] = await db.dataSource.query<[{ todayUtc: string }]>(`SELECT (now() AT TIME ZONE 'UTC')::date::text AS "todayUtc"`);
  });

  afterAll(async () => {
    await db.close();
  });

  const list = (query: Record<string, string>, productIds: readonly string[] | null = null): Promise<string[]> =>
    audit.list(db.dataSource.manager, { limit: 100, ...query }, productIds).then((rows) => rows.map((r) => `${r.actor} ${r.action} ${r.entityType}`));

  it('should give the trail of one record, oldest first', async () => {
    expect(await list({ entityType: 'milestone', entityId: recordId })).toEqual(['user:alice create milestone', 'user:bob due-date-change milestone']);
  });

  it('should filter by actor, action and product', async () => {
    expect(await list({ actor: 'user:alice' })).toEqual(['user:alice create milestone']);
    expect(await list({ action: 'create', actor: 'user:bob' })).toEqual(['user:bob create milestone', 'user:bob create closure-day']);
    expect(await list({ productId: productB })).toEqual(['user:bob create milestone']);
  });

  it('should filter by UTC days, both ends inclusive', async () => {
    expect(await list({ from: todayUtc, to: todayUtc })).toHaveLength(4);
    expect(await list({ to: '2000-01-01' })).toEqual([]);
  });

  it('should take the days as UTC days whatever the session time zone', async () => {
    const inZone = (timeZone: string, query: Record<string, string>): Promise<number> =>
      db.dataSource.transaction(async (manager) => {
        await manager.query(`SELECT set_config('TimeZone', $1, true)`, [timeZone]);
        return (await audit.list(manager, { limit: 100, ...query }, null)).length;
      });
    for (const timeZone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago', 'Europe/Amsterdam']) {
      expect(await inZone(timeZone, { from: todayUtc, to: todayUtc })).toBe(4);
      expect(await inZone(timeZone, { to: todayUtc })).toBe(4);
      expect(await inZone(timeZone, { from: todayUtc })).toBe(4);
    }
  });

  it('should refuse a "to" day before the "from" day', async () => {
    await expect(list({ from: '2025-02-01', to: '2025-01-31' })).rejects.toMatchObject({ errors: [{ field: 'to' }] });
  });

  it('should show a product-scoped caller only the rows of its products, hiding rows of no product', async () => {
    expect(await list({}, [productA])).toEqual(['user:alice create milestone', 'user:bob due-date-change milestone']);
    expect(await list({}, [])).toEqual([]);
    expect(await list({})).toHaveLength(4);
  });

  it('should page by sequence number', async () => {
    const all = await audit.list(db.dataSource.manager, { limit: 100 }, null);
    const page = await audit.list(db.dataSource.manager, { limit: 2, afterSeq: all[0]!.seq }, null);

    expect(page.map((r) => r.seq)).toEqual([all[1]!.seq, all[2]!.seq]);
  });

  it('should list newest first and page backwards by sequence number', async () => {
    const all = await audit.list(db.dataSource.manager, { limit: 100 }, null);
    const newest = await audit.list(db.dataSource.manager, { limit: 2, order: 'desc' }, null);
    const older = await audit.list(db.dataSource.manager, { limit: 2, order: 'desc', beforeSeq: newest[1]!.seq }, null);

    const descending = all.map((r) => r.seq).reverse();
    expect(newest.map((r) => r.seq)).toEqual(descending.slice(0, 2));
    expect(older.map((r) => r.seq)).toEqual(descending.slice(2, 4));
  });

  it('should export one CSV line per changed field, spreadsheet-safe', async () => {
    let csv = '';
    for await (const chunk of auditCsv(db.dataSource, audit, { filter: { entityId: recordId }, productIds: null, pageSize: 1 })) {
      csv += chunk;
    }

    const lines = csv.replace(/^\uFEFF/, '').trimEnd().split('\n');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(lines[0]).toBe('seq,occurredAt,actor,action,entityType,entityId,productId,field,before,after,reason');
    expect(lines.slice(1).map((line) => line.split(',').slice(2, 4).concat(line.split(',').slice(6, 10)).join(' '))).toEqual([
      `user:alice create ${productA} dueDate  2025-01-31`,
      `user:alice create ${productA} title  Report`,
      `user:bob due-date-change ${productA} dueDate 2025-01-31 2025-02-28`,
    ]);
    expect(lines[3]).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('should refuse bad export filters before streaming anything', () => {
    expect(() => auditCsv(db.dataSource, audit, { filter: { from: '2025-02-30' }, productIds: null })).toThrow(InvalidInputError);
  });
});

describe('audit verify: detecting tampering', () => {
  let db: Db;

  beforeEach(async () => {
    db = await openDatabase();
  });

  afterEach(async () => {
    await db.close();
  });

  async function headLink(): Promise<LinkRow> {
    const [link] = await db.dataSource.query<LinkRow[]>('SELECT seq::text AS seq, hash FROM audit_chain ORDER BY seq DESC LIMIT 1');
    return link!;
  }

  it('should report an empty chain as intact', async () => {
    expect(await verifyAuditChain(db.dataSource)).toEqual({ ok: true, checkedLinks: 0, checkedEntries: 0, head: null, firstBreak: null });
  });

  it('should report an intact chain with its head, whatever the page size', async () => {
    await seedChain(db.dataSource);
    const head = await headLink();

    const expected: AuditVerifyReport = { ok: true, checkedLinks: 3, checkedEntries: 5, head: { seq: head.seq, hash: head.hash }, firstBreak: null };
    for (const fetchSize of [1, 2, 3, 1000]) {
      expect(await verifyAuditChain(db.dataSource, { fetchSize })).toEqual(expected);
    }
  });

  it('should name the link whose row was changed (rows-digest-mismatch)', async () => {
    const [, second] = await seedChain(db.dataSource);
    const [link] = await linksOf(db.dataSource, second!);

    await tamper(db.dataSource, ['audit_entry_append_only'], `UPDATE audit_entry SET after = '{"dueDate": "2099-01-01"}' WHERE tx_id = $1`, [second]);

    const report = await verifyAuditChain(db.dataSource);
    expect(report).toMatchObject({ ok: false, checkedLinks: 1, checkedEntries: 3, firstBreak: { linkSeq: link!.seq, txId: second, problem: 'rows-digest-mismatch' } });
    expect(report.firstBreak!.detail).toContain(`link ${link!.seq}`);
  });

  it('should find a deleted row (entry-count-mismatch)', async () => {
    const [first] = await seedChain(db.dataSource);
    const [link] = await linksOf(db.dataSource, first!);

    await tamper(db.dataSource, ['audit_entry_append_only'], 'DELETE FROM audit_entry WHERE seq = $1', [link!.lastEntrySeq]);

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, checkedLinks: 0, firstBreak: { linkSeq: link!.seq, problem: 'entry-count-mismatch' } });
  });

  it('should find a forged row slipped into a sealed transaction (entry-count-mismatch)', async () => {
    const [, , third] = await seedChain(db.dataSource);
    const [link] = await linksOf(db.dataSource, third!);

    await tamper(
      db.dataSource,
      ['audit_entry_stamp', 'audit_entry_seal'],
      `INSERT INTO audit_entry (occurred_at, tx_id, actor, entity_type, entity_id, action)
       SELECT occurred_at, tx_id, 'mallory', 'product', 'x', 'delete' FROM audit_entry WHERE tx_id = $1 LIMIT 1`,
      [third],
    );

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, checkedLinks: 2, firstBreak: { linkSeq: link!.seq, problem: 'entry-count-mismatch' } });
  });

  it('should find a forged row that no link covers (unsealed-entries)', async () => {
    await seedChain(db.dataSource);

    await db.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL session_replication_role = replica');
      await manager.query(`INSERT INTO audit_entry (actor, entity_type, entity_id, action) VALUES ('mallory', 'product', 'x', 'create')`);
    });

    const report = await verifyAuditChain(db.dataSource);
    expect(report).toMatchObject({ ok: false, checkedLinks: 3, checkedEntries: 5, firstBreak: { linkSeq: null, problem: 'unsealed-entries' } });
    expect(report.firstBreak!.detail).toMatch(/^1 audit row\(s\) are covered by no link/);
  });

  it('should find a removed link from the next link (prev-hash-mismatch)', async () => {
    const [, second, third] = await seedChain(db.dataSource);
    const [removed] = await linksOf(db.dataSource, second!);
    const [next] = await linksOf(db.dataSource, third!);

    await tamper(db.dataSource, ['audit_chain_append_only'], 'DELETE FROM audit_chain WHERE seq = $1', [removed!.seq], 'audit_chain');

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, checkedLinks: 1, firstBreak: { linkSeq: next!.seq, problem: 'prev-hash-mismatch' } });
  });

  it('should find a link whose stored hash was rewritten (hash-mismatch)', async () => {
    const [first] = await seedChain(db.dataSource);
    const [link] = await linksOf(db.dataSource, first!);

    await tamper(db.dataSource, ['audit_chain_append_only'], `UPDATE audit_chain SET hash = repeat('a', 64) WHERE seq = $1`, [link!.seq], 'audit_chain');

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ ok: false, checkedLinks: 0, firstBreak: { linkSeq: link!.seq, problem: 'hash-mismatch' } });
  });

  it('should find a first link that does not start from the genesis value', async () => {
    await seedChain(db.dataSource);
    const [first] = await db.dataSource.query<LinkRow[]>('SELECT seq::text AS seq, prev_hash AS "prevHash" FROM audit_chain ORDER BY seq LIMIT 1');
    expect(first!.prevHash).toBe(GENESIS_HASH);

    await tamper(db.dataSource, ['audit_chain_append_only'], `UPDATE audit_chain SET prev_hash = repeat('1', 64) WHERE seq = $1`, [first!.seq], 'audit_chain');

    expect(await verifyAuditChain(db.dataSource)).toMatchObject({ firstBreak: { linkSeq: first!.seq, problem: 'prev-hash-mismatch' } });
  });
});

describe('audit chain migration', () => {
  it('should seal the rows that exist when it runs, and undo cleanly', async () => {
    const name = `cma_test_${runId()}_upgrade_${randomBytes(4).toString('hex')}`;
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
    const options = dataSourceOptions(databaseUrl(name), 'audit-chain-migration-spec');
    const older = new DataSource({ ...options, migrations: [ObligationsRegister1763683200000] });
    const upgraded = new DataSource({ ...options, migrations: [ObligationsRegister1763683200000, AuditChain1763769600000] });
    const insert = `INSERT INTO audit_entry (actor, entity_type, entity_id, action, after) VALUES ('system', 'product', $1, 'create', '{"name": "P"}')`;
    try {
      await older.initialize();
      await older.runMigrations();
      await older.transaction(async (manager) => {
        await manager.query(insert, ['a']);
        await manager.query(insert, ['b']);
      });
      await older.query(insert, ['c']);
      await older.query(insert, ['d']);
      await older.destroy();

      await upgraded.initialize();
      await upgraded.runMigrations({ transaction: 'each' });
      expect(await verifyAuditChain(upgraded)).toMatchObject({ ok: true, checkedLinks: 3, checkedEntries: 4 });

      await upgraded.undoLastMigration({ transaction: 'each' });
      expect(await upgraded.query(`SELECT to_regclass('audit_chain') AS t, to_regproc('audit_entry_seal') AS f`)).toEqual([{ t: null, f: null }]);
      expect(await count(upgraded, `SELECT count(*) AS n FROM information_schema.columns WHERE table_name = 'audit_entry' AND column_name = 'product_id'`)).toBe(0);
      await expect(upgraded.query('DELETE FROM audit_entry')).rejects.toThrow(/audit_entry is append-only: DELETE refused/);

      await upgraded.runMigrations({ transaction: 'each' });
      expect(await verifyAuditChain(upgraded)).toMatchObject({ ok: true, checkedLinks: 3, checkedEntries: 4 });
    } finally {
      for (const dataSource of [older, upgraded]) {
        if (dataSource.isInitialized) {
          await dataSource.destroy();
        }
      }
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  });
});

describe('cli: audit verify', () => {
  let db: Db;

  beforeAll(async () => {
    db = await openDatabase();
    await seedChain(db.dataSource);
  });

  afterAll(() => db.close());

  function run(...argv: string[]): Promise<CliRun> {
    return runCliCaptured({ DATABASE_URL: db.database.url }, ...argv);
  }

  it('should exit 0 and print one JSON report when the chain is intact', async () => {
    const result = await run('audit', 'verify', '--json');

    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, checkedLinks: 3, checkedEntries: 5, firstBreak: null });
  });

  it('should exit 1 and name the first broken link when the chain is broken', async () => {
    const [link] = await db.dataSource.query<{ seq: string; txId: string }[]>('SELECT seq::text AS seq, tx_id::text AS "txId" FROM audit_chain ORDER BY seq LIMIT 1');
    await tamper(db.dataSource, ['audit_entry_append_only'], `UPDATE audit_entry SET reason = 'edited' WHERE tx_id = $1`, [link!.txId]);

    const json = await run('audit', 'verify', '--json');
    const text = await run('audit', 'verify');

    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false, firstBreak: { linkSeq: link!.seq, problem: 'rows-digest-mismatch' } });
    expect(json.stderr).toContain('AUDIT_CHAIN_BROKEN');
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Audit chain BROKEN (rows-digest-mismatch): link ${link!.seq}`);
  });
});

/** The audit API of the whole application, signed in as an auditor (viewer). */
describe('audit API over HTTP', () => {
  let t: TestApp;
  let http: () => TestAgent;
  const entityId = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    http = (await t.signIn('viewer')).http;
    await writeTransaction(t.dataSource, entry({ entityId, reason: 'agreed, with the "regulator"' }));
  });

  afterAll(() => t.close());

  it('should list entries with their field-by-field changes', async () => {
    const response = await http().get('/api/audit').query({ entityId }).expect(200);

    expect(response.body).toEqual([
      expect.objectContaining({ entityId, action: 'update', changes: [{ field: 'dueDate', before: '2025-01-31', after: '2025-02-28' }] }),
    ]);
  });

  it('should download the CSV export as an attachment', async () => {
    const response = await http().get('/api/audit/export.csv').query({ entityId }).expect(200);

    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="audit-trail.csv"');
    expect(response.text.split('\n')[1]).toMatch(/,update,milestone,.*,dueDate,2025-01-31,2025-02-28,"agreed, with the ""regulator"""$/);
  });

  it('should refuse an unknown order with 400 naming it', async () => {
    const response = await http().get('/api/audit').query({ order: 'newest' }).expect(400);

    expect(response.body.errors).toEqual([{ field: 'order', problem: expect.any(String) }]);
  });

  it('should refuse a bad filter with 400 naming it', async () => {
    const response = await http().get('/api/audit/export.csv').query({ from: '2025-02-30' }).expect(400);

    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body.errors).toEqual([{ field: 'from', problem: expect.stringContaining('YYYY-MM-DD') }]);
  });

  it('should refuse a "to" day before the "from" day with 422 before streaming anything', async () => {
    const response = await http().get('/api/audit/export.csv').query({ from: '2025-02-01', to: '2025-01-31' }).expect(422);

    expect(response.body).toMatchObject({ code: 'INVALID_INPUT', errors: [{ field: 'to' }] });
  });

  it('should answer the verification report', async () => {
    const response = await http().get('/api/audit/verify').expect(200);

    expect(response.body).toMatchObject({ ok: true, firstBreak: null });
    expect(response.body.checkedEntries).toBeGreaterThanOrEqual(1);
  });
});
