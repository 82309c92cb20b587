/**
 * Benchmark of a frequency run: how long PostgreSQL takes to count patients per listed term, outcome, PT and
 * SOC, and how much memory the Node process spends on it, for growing case volumes.
 *
 *   npm run bench:frequency [-- --cases 10000,100000]
 *
 * For each N: a fresh database (migrated, dropped at the end) with the demo data (Zemcelpro: its reference
 * safety information, exposure and 60 synthetic cases), then N more cases cloned in SQL from the demo's
 * initial versions (case i copies demo case i mod 60, with the registry/study patient identifier BENCH-(i mod
 * N/2), so every patient has about two reports and patient-level counting has work to do). Then
 * FrequencyRunsService.run — the code path of POST /api/frequency-runs and of the BullMQ jobs — for the
 * cumulative period and for a 12-month interval, each timed three times (median shown; the first run stores,
 * the repeats find an identical run and store nothing, so the median is the count-and-compare cost). Heap
 * used is sampled before and after: the counting happens in PostgreSQL, so it must not grow with N.
 * Needs the PostgreSQL and Redis of the tests (TEST_DATABASE_URL / TEST_REDIS_URL or the defaults).
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { DataSource } from 'typeorm';
import { systemActor } from '../src/common/actor';
import { seedDemo } from '../src/demo/seed-demo';
import { currentIntervalStart, FrequencyRunsService } from '../src/frequencies/frequency-runs.service';
import { withBenchApp } from './bench-app';

const AS_OF = '2026-11-21';
const CHUNK = 20_000;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

async function cloneCases(dataSource: DataSource, productId: string, count: number): Promise<void> {
  const patients = Math.max(1, Math.floor(count / 2));
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    await dataSource.query(
      `WITH t AS (
         SELECT (row_number() OVER (ORDER BY c.safety_report_id) - 1)::int AS i, c.report_type, c.status, c.serious, c.initial_receipt_on, v.day0, v.content, v.assessment
           FROM safety_case c JOIN safety_case_version v ON v.case_id = c.id AND v.version = 1
          WHERE c.product_id = $1
       ), n AS (SELECT count(*)::int AS templates FROM t),
       g AS (
         SELECT gen_random_uuid() AS id, s AS seq, t.*
           FROM generate_series($2::int, $3::int) s, n
           JOIN t ON true
          WHERE t.i = s % n.templates
       ), cases AS (
         INSERT INTO safety_case (id, product_id, safety_report_id, worldwide_id, current_version, current_type, report_type, status, serious, initial_receipt_on, latest_day0, synthetic, created_by)
         SELECT id, $1, 'BENCH-' || seq, 'XX-BENCH-' || seq, 1, 'initial', report_type, status, serious, initial_receipt_on, day0, true, 'bench' FROM g
         RETURNING id
       )
       INSERT INTO safety_case_version (case_id, version, version_type, day0, content, assessment, created_by, recorded_on)
       SELECT id, 1, 'initial', day0, jsonb_set(content, '{patient,identifier}', to_jsonb('BENCH-' || (seq % $4))), assessment, 'bench', day0 FROM g`,
      [productId, start, start + size - 1, patients],
    );
  }
  await dataSource.query('ANALYZE safety_case; ANALYZE safety_case_version');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function measure(count: number): Promise<void> {
  await withBenchApp('frequency', AS_OF, async (app) => {
    const dataSource = app.get(DataSource);
    const actor = systemActor('bench');
    await seedDemo(app, actor, AS_OF);
    const [product] = await dataSource.query<{ id: string }[]>(`SELECT id FROM product WHERE name = 'Zemcelpro'`);
    if (product === undefined) {
      throw new Error('the demo has no Zemcelpro');
    }
    const loadStart = performance.now();
    await cloneCases(dataSource, product.id, count);
    const loadMs = performance.now() - loadStart;
    const [{ cases }] = (await dataSource.query<{ cases: number }[]>(`SELECT count(*)::int AS cases FROM safety_case WHERE product_id = $1`, [product.id])) as [{ cases: number }];
    const runs = app.get(FrequencyRunsService);
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const line: string[] = [`${String(cases).padStart(7)} cases (${(loadMs / 1000).toFixed(1)} s to clone)`];
    for (const [label, periodStart] of [['cumulative', null], ['interval', currentIntervalStart(AS_OF)]] as const) {
      const times: number[] = [];
      let rows = 0;
      let patients = 0;
      for (let i = 0; i < 3; i++) {
        const start = performance.now();
        const { run } = await runs.run(actor, { product: product.id, dataLockPoint: AS_OF, periodStart, trigger: 'request' });
        times.push(performance.now() - start);
        rows = run.rows.length;
        patients = run.summary.patients;
      }
      line.push(`${label}: ${median(times).toFixed(0)} ms (first ${times[0]?.toFixed(0)} ms), ${patients} patients, ${rows} rows`);
    }
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    line.push(`heap ${(heapBefore / 2 ** 20).toFixed(0)} → ${(heapAfter / 2 ** 20).toFixed(0)} MB`);
    process.stdout.write(`${line.join(' | ')}\n`);
  });
}

async function main(): Promise<void> {
  const sizes = argument('--cases', '10000,100000')
    .split(',')
    .map((s) => Number(s.trim()))
    .filter((n) => Number.isInteger(n) && n > 0);
  process.stdout.write(
    `Frequency run: patient counts in PostgreSQL (set-based SQL), table and digest in Node; median of 3 runs, DLP ${AS_OF}\n` +
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`,
  );
  for (const size of sizes) {
    await measure(size);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
