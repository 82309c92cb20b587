/**
 * Benchmark of the audit hash chain: commit throughput with sealing (and, for reference, with the sealing trigger
 * disabled), then the time and peak memory of `verify` over 100k+ and 500k+ audit rows.
 *
 * Run (compiles with swc into dist/bench, inside the project so that node_modules resolve; needs the PostgreSQL of the tests, TEST_DATABASE_URL or the default
 * postgres://postgres@127.0.0.1:5432/postgres, with the right to create databases):
 *
 *   npm run bench:audit   (= swc bench src migrations test/test-env.ts -d dist/bench, then node dist/bench/bench/audit-chain.js)
 *
 * Options: --transactions 20000 --connections 8 --rows 5 (audit rows per transaction) --keep (keep the databases).
 * Each phase runs on fresh databases created for it and dropped at the end. Verify runs in a child process of its own,
 * so its peak RSS (getrusage maxrss) is the verifier's alone, not the load generator's.
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { Client, Pool } from 'pg';
import { verifyAuditChain } from '../src/audit/audit-verify';
import { createDataSource } from '../src/database/data-source';
import { migrateWithLock } from '../src/database/migrate';
import { ADMIN_URL, databaseUrl, withAdmin } from '../test/test-env';

interface Options {
  transactions: number;
  connections: number;
  rows: number;
  keep: boolean;
}

function parseOptions(argv: string[]): Options {
  const value = (flag: string, fallback: number): number => {
    const index = argv.indexOf(flag);
    const parsed = index === -1 ? fallback : Number(argv[index + 1]);
    if (!Number.isInteger(parsed) || parsed < 1) {
      throw new Error(`${flag} must be a positive whole number`);
    }
    return parsed;
  };
  return { transactions: value('--transactions', 20_000), connections: value('--connections', 8), rows: value('--rows', 5), keep: argv.includes('--keep') };
}

async function createDatabase(label: string): Promise<string> {
  const name = `cma_bench_${label}_${randomBytes(3).toString('hex')}`;
  await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  const dataSource = createDataSource(databaseUrl(name), 'cma-bench-migrate');
  await dataSource.initialize();
  try {
    await migrateWithLock(dataSource);
  } finally {
    await dataSource.destroy();
  }
  return name;
}

async function dropDatabase(name: string): Promise<void> {
  await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
}

const INSERT = `INSERT INTO audit_entry (actor, entity_type, entity_id, action, product_id, before, after, reason) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

interface Load {
  seconds: number;
  perSecond: number;
  meanMs: number;
  p99Ms: number;
}

/** `transactions` transactions from `connections` connections, each BEGIN, `rows` single-row INSERTs, COMMIT. */
async function load(url: string, options: Options): Promise<Load> {
  const pool = new Pool({ connectionString: url, max: options.connections });
  const latencies: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    const client = await pool.connect();
    try {
      while (next < options.transactions) {
        const n = next++;
        const started = performance.now();
        await client.query('BEGIN');
        for (let row = 0; row < options.rows; row += 1) {
          const before = JSON.stringify({ dueDate: '2025-01-31', status: 'planned', title: `Interim report ${n}` });
          const after = JSON.stringify({ dueDate: '2025-02-28', status: 'planned', title: `Interim report ${n}` });
          await client.query(INSERT, [`user:bench-${n % 50}`, 'milestone', `m-${n}-${row}`, 'due-date-change', '00000000-0000-4000-8000-000000000001', before, after, 'bench']);
        }
        await client.query('COMMIT');
        latencies.push(performance.now() - started);
      }
    } finally {
      client.release();
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  latencies.sort((a, b) => a - b);
  const mean = latencies.reduce((sum, ms) => sum + ms, 0) / latencies.length;
  return { seconds, perSecond: options.transactions / seconds, meanMs: mean, p99Ms: latencies[Math.floor(latencies.length * 0.99)] ?? 0 };
}

/** Bulk transactions written server-side (INSERT … SELECT generate_series), to grow the table fast. */
async function bulk(url: string, transactions: number, rowsEach: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    for (let t = 0; t < transactions; t += 1) {
      await client.query(
        `INSERT INTO audit_entry (actor, entity_type, entity_id, action, after)
         SELECT 'import', 'safety-case', 'case-' || g, 'import', jsonb_build_object('n', g, 'payload', repeat('x', 200)) FROM generate_series(1, $1) g`,
        [rowsEach],
      );
    }
  } finally {
    await client.end();
  }
}

interface VerifyRun {
  ms: number;
  maxRssMb: number;
  rssBeforeMb: number;
  ok: boolean;
  checkedLinks: number;
  checkedEntries: number;
}

/** Child mode: verify one database, print the measurements as JSON. */
async function verifyChild(url: string): Promise<void> {
  const dataSource = createDataSource(url, 'cma-bench-verify');
  await dataSource.initialize();
  const rssBeforeMb = process.memoryUsage().rss / 2 ** 20;
  const started = performance.now();
  const report = await verifyAuditChain(dataSource);
  const ms = performance.now() - started;
  await dataSource.destroy();
  const run: VerifyRun = { ms, maxRssMb: process.resourceUsage().maxRSS / 1024, rssBeforeMb, ok: report.ok, checkedLinks: report.checkedLinks, checkedEntries: report.checkedEntries };
  process.stdout.write(JSON.stringify(run));
}

function verifyInChild(url: string, nodeFlags: string[] = []): VerifyRun {
  const child = spawnSync(process.execPath, [...nodeFlags, __filename, '--verify-child', url], { encoding: 'utf8' });
  if (child.status !== 0) {
    throw new Error(`verify child failed: ${child.stderr}`);
  }
  return JSON.parse(child.stdout) as VerifyRun;
}

async function describeServer(url: string): Promise<string> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: string; sc: string; fsync: string; wal: string }>(
      `SELECT current_setting('server_version') AS version, current_setting('synchronous_commit') AS sc, current_setting('fsync') AS fsync, current_setting('wal_sync_method') AS wal`,
    );
    const s = rows[0]!;
    return `PostgreSQL ${s.version} (synchronous_commit=${s.sc}, fsync=${s.fsync}, wal_sync_method=${s.wal})`;
  } finally {
    await client.end();
  }
}

async function count(url: string): Promise<{ entries: number; links: number; size: string; chainSize: string }> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ entries: string; links: string; size: string; chainSize: string }>(
      `SELECT (SELECT count(*) FROM audit_entry) AS entries, (SELECT count(*) FROM audit_chain) AS links,
              pg_size_pretty(pg_total_relation_size('audit_entry')) AS size, pg_size_pretty(pg_total_relation_size('audit_chain')) AS "chainSize"`,
    );
    const row = rows[0]!;
    return { entries: Number(row.entries), links: Number(row.links), size: row.size, chainSize: row.chainSize };
  } finally {
    await client.end();
  }
}

const fmt = (n: number, digits = 0): string => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

function printVerify(label: string, run: VerifyRun): void {
  console.log(
    `  ${label}: ${run.ok ? 'ok' : 'BROKEN'}, ${fmt(run.checkedLinks)} links / ${fmt(run.checkedEntries)} rows in ${fmt(run.ms / 1000, 2)} s ` +
      `(${fmt(run.checkedEntries / (run.ms / 1000))} rows/s); peak RSS ${fmt(run.maxRssMb, 1)} MiB (RSS before verify ${fmt(run.rssBeforeMb, 1)} MiB)`,
  );
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const created: string[] = [];
  try {
    const baseline = await createDatabase('baseline');
    created.push(baseline);
    const sealed = await createDatabase('sealed');
    created.push(sealed);
    const baselineUrl = databaseUrl(baseline);
    const sealedUrl = databaseUrl(sealed);

    console.log('Audit chain benchmark');
    console.log(`  ${await describeServer(sealedUrl)} on ${new URL(ADMIN_URL).host}; node ${process.version}; ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'})`);
    console.log(`  client and server on the same machine; ${fmt(options.transactions)} transactions from ${options.connections} connections, each BEGIN + ${options.rows} single-row INSERTs + COMMIT`);

    // Reference: the same load with the sealing trigger disabled (stamping still on), on a database of its own.
    const off = new Client({ connectionString: baselineUrl });
    await off.connect();
    await off.query('ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_seal');
    await off.end();
    const withoutSeal = await load(baselineUrl, options);
    const withSeal = await load(sealedUrl, options);
    const sizes = await count(sealedUrl);
    console.log('\nCommit throughput');
    console.log(`  without sealing (trigger disabled): ${fmt(withoutSeal.perSecond)} tx/s (${fmt(withoutSeal.seconds, 1)} s; mean ${fmt(withoutSeal.meanMs, 2)} ms, p99 ${fmt(withoutSeal.p99Ms, 2)} ms per transaction)`);
    console.log(`  with sealing at commit:             ${fmt(withSeal.perSecond)} tx/s (${fmt(withSeal.seconds, 1)} s; mean ${fmt(withSeal.meanMs, 2)} ms, p99 ${fmt(withSeal.p99Ms, 2)} ms per transaction)`);
    console.log(`  sealed database: ${fmt(sizes.entries)} audit rows, ${fmt(sizes.links)} links`);

    console.log('\nVerify (child process, one REPEATABLE READ snapshot, server-side cursor, 2,000 rows per fetch)');
    printVerify(`${fmt(sizes.entries)} rows`, verifyInChild(sealedUrl));
    // Grow to 500k+ rows: 400 transactions of 1,000 rows and one transaction of 100,000 rows (a single large link).
    await bulk(sealedUrl, 400, 1_000);
    await bulk(sealedUrl, 1, 100_000);
    const grown = await count(sealedUrl);
    printVerify(`${fmt(grown.entries)} rows`, verifyInChild(sealedUrl));
    // The same with V8's old generation capped at 32 MiB: it completes, so nothing grows with the chain (the RSS above
    // is V8 collecting lazily, not memory the verifier keeps).
    printVerify(`${fmt(grown.entries)} rows, node --max-old-space-size=32`, verifyInChild(sealedUrl, ['--max-old-space-size=32']));
    console.log(`  audit_entry on disk (table + indexes): ${grown.size}; audit_chain: ${grown.chainSize}`);
  } finally {
    if (!options.keep) {
      for (const name of created) {
        await dropDatabase(name);
      }
    }
  }
}

if (process.argv[2] === '--verify-child') {
  void verifyChild(process.argv[3] ?? '').catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  void main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
