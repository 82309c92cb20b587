/**
 * Web-scale benchmark: the dashboard's and the deadlines list's API calls, and the pages themselves in headless
 * Chromium, on a database of 100,000 open milestones and 1,000,000 safety cases.
 *
 *   npm run bench:web [-- --milestones 100000 --cases 1000000 --products 50 --runs 20 --browser-runs 5
 *                        --as-of 2026-12-10 --port 3105 --keep | --database cma_bench_web_xxxxxx --no-browser --web-dir dist/web]
 *
 * Creates its own database (cma_bench_web_<random>; dropped at the end unless --keep), migrates it, seeds it
 * set-based (bench/web-scale-seed.ts), then starts the real HTTP server (createHttpApp, serving dist/web when it
 * has been built) on 127.0.0.1:<port> in this process and measures:
 *  (a) the API calls (bench/web-scale-api.ts): cold (first call after the server started) and median/p95 of N
 *      warm calls each, with a bearer token;
 *  (b) when dist/web/index.html exists, navigation → data visible for / and /deadlines in Chromium
 *      (bench/web-scale-browser.ts, where the "data visible" markers are defined — adjust them there).
 * `--database <name>` reuses a database kept with --keep (migrations still run, seeding is skipped).
 */
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { createHttpApp } from '../src/bootstrap';
import { FixedClock } from '../src/common/clock';
import { IsoDate, isIsoDate } from '../src/common/calendar-date';
import { loadConfig } from '../src/config/app.config';
import { createDataSource } from '../src/database/data-source';
import { migrateWithLock } from '../src/database/migrate';
import { databaseUrl, REDIS_URL, withAdmin } from '../test/test-env';
import { dashboardProbes, measureApi, printApiResults } from './web-scale-api';
import { CHROMIUM, measurePages, printPageResults } from './web-scale-browser';
import { BENCH_PASSWORD, OWNERS, SeedReport, seedWebScale } from './web-scale-seed';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? undefined : process.argv[index + 1];
}
const numberOption = (name: string, fallback: number): number => Number(option(name) ?? fallback);
const flag = (name: string): boolean => process.argv.includes(`--${name}`);
const print = (line: string): void => console.log(line);
/** The built web app the server serves: dist/web unless `--web-dir` names another build. */
const webDirOption = (): string | undefined => option('web-dir');

async function startApp(url: string, asOf: IsoDate): Promise<INestApplication> {
  const config = loadConfig({ DATABASE_URL: url, REDIS_URL, QUEUE_PREFIX: `bench-web-${randomBytes(3).toString('hex')}`, LOG_LEVEL: 'warn', WEB_DIR: webDirOption() });
  return createHttpApp({ config: { ...config, databaseUrl: url }, clock: new FixedClock(asOf), runtime: { embeddedDatabase: false } });
}

async function volume(db: DataSource, asOf: IsoDate): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, string>[]>(
    `SELECT (SELECT count(*) FROM product) AS products,
            (SELECT count(*) FROM obligation) AS obligations,
            (SELECT count(*) FROM milestone) AS milestones,
            (SELECT count(*) FROM milestone WHERE status IN ('planned', 'in-progress')) AS open_milestones,
            (SELECT count(*) FROM milestone WHERE status IN ('planned', 'in-progress') AND due_date < $1::date) AS overdue_milestones,
            (SELECT count(*) FROM milestone WHERE status IN ('planned', 'in-progress') AND due_date BETWEEN $1::date AND $1::date + 30) AS due_30,
            (SELECT count(*) FROM milestone WHERE status IN ('planned', 'in-progress') AND due_date BETWEEN $1::date AND $1::date + 90) AS due_90,
            (SELECT count(*) FROM safety_case) AS cases,
            (SELECT count(*) FROM safety_case_version) AS versions,
            (SELECT count(*) FROM case_clock) AS clocks,
            (SELECT count(*) FROM case_clock WHERE status = 'submitted') AS clocks_submitted,
            (SELECT count(*) FROM case_clock WHERE status = 'open') AS clocks_open,
            (SELECT count(*) FROM case_clock WHERE status = 'open' AND due_on < $1::date) AS clocks_overdue,
            (SELECT count(*) FROM case_submission) AS submissions,
            (SELECT count(*) FROM app_user) AS users,
            (SELECT count(*) FROM inbox_message) AS inbox_messages,
            (SELECT count(*) FROM inbox_message m JOIN app_user u ON u.id = m.user_id WHERE u.username = 'bench.regulatory' AND m.read_at IS NULL) AS unread_of_bench_user,
            pg_database_size(current_database()) AS bytes`,
    [asOf],
  );
  return Object.fromEntries(Object.entries(row ?? {}).map(([key, value]) => [key, Number(value)]));
}

async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: BENCH_PASSWORD }) });
  if (!response.ok) {
    throw new Error(`login of ${username} answered ${response.status}: ${await response.text()}`);
  }
  return ((await response.json()) as { token: string }).token;
}

async function main(): Promise<void> {
  const reuse = option('database');
  const keep = flag('keep') || reuse !== undefined;
  const port = numberOption('port', 3105);
  const runs = numberOption('runs', 20);
  const browserRuns = numberOption('browser-runs', 5);
  const name = reuse ?? `cma_bench_web_${randomBytes(3).toString('hex')}`;
  if (!/^cma_bench_web_[a-z0-9_]+$/.test(name)) {
    throw new Error(`--database must name a database made by this benchmark (cma_bench_web_…), not ${name}`);
  }
  const url = databaseUrl(name);
  if (reuse === undefined) {
    await withAdmin((client) => client.query(`CREATE DATABASE ${name}`));
  }
  try {
    const migrate = createDataSource(url, 'bench-migrate');
    await migrate.initialize();
    const migrating = Date.now();
    await migrateWithLock(migrate);
    const migrateSeconds = (Date.now() - migrating) / 1000;
    let asOf = option('as-of') ?? new Date().toISOString().slice(0, 10);
    let seeded: SeedReport | null = null;
    if (reuse === undefined) {
      await migrate.query(`COMMENT ON DATABASE ${name} IS 'web-scale benchmark as of ${asOf}'`);
    } else {
      const [row] = await migrate.query<{ comment: string | null }[]>(`SELECT shobj_description(oid, 'pg_database') AS comment FROM pg_database WHERE datname = $1`, [name]);
      asOf = /as of (\d{4}-\d{2}-\d{2})/.exec(row?.comment ?? '')?.[1] ?? asOf;
    }
    await migrate.destroy();
    const given: string = asOf;
    if (!isIsoDate(asOf)) {
      throw new Error(`--as-of must be YYYY-MM-DD, not ${given}`);
    }

    print('Web-scale benchmark');
    print(`  machine: ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM; node ${process.version}; the server, PostgreSQL and the browser share it`);
    print(`  database ${name}${reuse === undefined ? '' : ' (reused)'}; today pinned to ${asOf}; migrations ${migrateSeconds.toFixed(1)} s`);
    if (reuse === undefined) {
      print('Seeding (set-based SQL in PostgreSQL, one statement per table)');
      const seeder = await startApp(url, asOf);
      await seeder.init();
      try {
        seeded = await seedWebScale(
          seeder,
          {
            asOf,
            products: numberOption('products', 50),
            openMilestones: numberOption('milestones', 100_000),
            cases: numberOption('cases', 1_000_000),
            inboxUsers: numberOption('inbox-users', 100),
            messagesPerUser: numberOption('messages', 500),
          },
          (line) => print(line),
        );
      } finally {
        await seeder.close();
      }
      print(`  seeding took ${seeded.seconds.toFixed(1)} s in all`);
    }

    const app = await startApp(url, asOf);
    await app.listen(port, '127.0.0.1');
    const base = `http://127.0.0.1:${port}`;
    try {
      const db = app.get(DataSource);
      const [pg] = await db.query<{ v: string }[]>(`SELECT split_part(version(), ' ', 2) AS v`);
      const settings = await db.query<{ name: string; setting: string }[]>(
        `SELECT name, current_setting(name) AS setting FROM unnest(ARRAY['shared_buffers', 'work_mem', 'jit', 'max_parallel_workers_per_gather']) AS name`,
      );
      const v = await volume(db, asOf);
      const n = (key: string): string => (v[key] ?? 0).toLocaleString('en');
      print(`  PostgreSQL ${pg?.v ?? '?'} on 127.0.0.1 (${settings.map((s) => `${s.name}=${s.setting}`).join(', ')}); Redis on 127.0.0.1`);
      print(`  data: ${n('products')} products, ${n('obligations')} obligations, ${n('milestones')} milestones of which ${n('open_milestones')} open (${n('overdue_milestones')} overdue, ${n('due_30')} due within 30 days, ${n('due_90')} within 90)`);
      print(`        ${n('cases')} safety cases, ${n('versions')} versions, ${n('clocks')} reporting clocks (${n('clocks_submitted')} submitted, ${n('clocks_open')} open of which ${n('clocks_overdue')} overdue), ${n('submissions')} acknowledgements`);
      print(`        ${n('users')} accounts, ${n('inbox_messages')} inbox messages (${n('unread_of_bench_user')} unread for the measuring account); database ${((v.bytes ?? 0) / 2 ** 30).toFixed(2)} GiB`);

      const tokens = { regulatory: await login(base, 'bench.regulatory'), scoped: await login(base, 'bench.scoped') };
      const [product] = await db.query<{ name: string }[]>(`SELECT name FROM product ORDER BY name LIMIT 1 OFFSET 7`);
      print(`API (${base}; fetch from this process; cold = the first call after the server started, then ${runs} warm runs round-robin; ms to the last byte)`);
      const load = loadavg();
      printApiResults(await measureApi(base, dashboardProbes(asOf, product?.name ?? '', OWNERS[2] ?? ''), tokens, runs), print);
      print(`  load average (1 min) before / after: ${load[0]?.toFixed(1) ?? '?'} / ${loadavg()[0]?.toFixed(1) ?? '?'} (other work on the machine shows here)`);

      const webIndex = join(loadConfig({ DATABASE_URL: url, WEB_DIR: webDirOption() }).webDir, 'index.html');
      if (flag('no-browser')) {
        print('Browser: skipped (--no-browser)');
      } else if (!existsSync(webIndex)) {
        print(`Browser: skipped — ${webIndex} does not exist (build the web app: npm run build:web)`);
      } else {
        print(`Browser (headless Chromium ${CHROMIUM}, 1280×800, serving ${webIndex}; signed in as bench.regulatory through POST /api/auth/session; ${browserRuns} runs each; ms from page.goto to the marker)`);
        const before = loadavg()[0] ?? 0;
        printPageResults(await measurePages(base, { username: 'bench.regulatory', password: BENCH_PASSWORD }, browserRuns), print);
        print(`  load average (1 min) before / after: ${before.toFixed(1)} / ${loadavg()[0]?.toFixed(1) ?? '?'}`);
      }
    } finally {
      await app.close();
    }
  } finally {
    if (keep) {
      print(`  kept database ${name} (reuse: npm run bench:web -- --database ${name}; drop: DROP DATABASE ${name})`);
    } else {
      await withAdmin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    }
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
