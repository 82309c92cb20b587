/**
 * Benchmark of the reminder scan and of in-app delivery.
 *
 *   npm run bench:reminders [-- --deadlines 1000000 --deliveries 20000 --concurrency 200]
 *
 * On a fresh database (created here, dropped at the end) it loads N open milestones with due dates spread
 * evenly over the next 3 years (plus 1% overdue), one product and one regulatory account, then:
 *  1. times `ReminderScanService.scan` as of the first day (records and queues what is due, through the
 *     real BullMQ queue on REDIS_URL / TEST_REDIS_URL, under a unique prefix), and a second scan of the
 *     same day (finds everything already planned);
 *     then the next day's scan (the steady state);
 *  2. records and queues D extra pending in-app deliveries, starts the real inbox worker (BullMQ, given
 *     concurrency) and times it until nothing is pending, then checks that the inbox holds exactly one
 *     message per delivery.
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { DataSource } from 'typeorm';
import { INBOX_BATCH_SIZE, ReminderQueue } from '../src/reminders/reminder-queue';
import { ReminderScanService } from '../src/reminders/reminder-scan.service';
import { ReminderWorkers } from '../src/reminders/reminder-workers';
import { withBenchApp } from './bench-app';

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

const AS_OF = '2026-01-05';
const NEXT_DAY = '2026-01-06';

async function main(): Promise<void> {
  const deadlines = option('deadlines', 1_000_000);
  const extraDeliveries = option('deliveries', 20_000);
  const concurrency = option('concurrency', 200);
  await withBenchApp('reminders', AS_OF, async (app) => {
    const db = app.get(DataSource);

    const load = Date.now();
    const [product] = await db.query<{ id: string }[]>(
      `INSERT INTO product (name, active_substance) VALUES ('Bench', 'benchmab') RETURNING id`,
    );
    const [obligation] = await db.query<{ id: string }[]>(
      `INSERT INTO obligation (product_id, reference, category, study_type, description) VALUES ($1, 'SOB 1', 'SOB', 'registry', 'bench') RETURNING id`,
      [product?.id],
    );
    await db.query(
      `INSERT INTO milestone (product_id, obligation_id, kind, title, due_date, basis, rule_id, rule_source)
       SELECT $1, $2, 'obligation', 'Report ' || g, DATE '${AS_OF}' + ((g % 1106) - 11), 'annex-ii', 'ANNEX-II', 'bench'
         FROM generate_series(1, $3) g`,
      [product?.id, obligation?.id, deadlines],
    );
    await db.query(`ANALYZE milestone`);
    await db.query(
      `INSERT INTO app_user (username, display_name, role, password_hash, password_changed_at, created_at, updated_at, must_change_password)
       VALUES ('bench.ra', 'Bench RA', 'regulatory', 'x', now(), now(), now(), false)`,
    );
    const loadSeconds = (Date.now() - load) / 1000;

    const scanner = app.get(ReminderScanService);
    let started = process.hrtime.bigint();
    const first = await scanner.scan(AS_OF);
    const firstSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    started = process.hrtime.bigint();
    const second = await scanner.scan(AS_OF);
    const secondSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    started = process.hrtime.bigint();
    const next = await scanner.scan(NEXT_DAY);
    const nextSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const [user] = await db.query<{ id: string }[]>(`SELECT id FROM app_user WHERE username = 'bench.ra'`);
    const extra = await db.query<{ id: string; channel: 'in-app' }[]>(
      `INSERT INTO reminder_delivery (deadline_type, deadline_id, product_id, due_date, step, channel, recipient, send_on, late)
       SELECT 'milestone', m.id, m.product_id, m.due_date, 'before-1', 'in-app', 'user:' || $1, m.due_date - 1, false
         FROM milestone m WHERE m.due_date > DATE '${AS_OF}' + 200 ORDER BY m.id LIMIT $2
       ON CONFLICT DO NOTHING RETURNING id, channel`,
      [user?.id, extraDeliveries],
    );
    await app.get(ReminderQueue).enqueue(extra);
    const pendingCount = async (): Promise<number> => Number((await db.query<{ n: string }[]>(`SELECT count(*) AS n FROM reminder_delivery WHERE status = 'pending'`))[0]?.n ?? 0);
    const pending = await pendingCount();
    const workers = app.get(ReminderWorkers);
    started = process.hrtime.bigint();
    await workers.start({ inboxConcurrency: concurrency, scanEveryMs: 24 * 3_600_000 });
    while ((await pendingCount()) > 0) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const deliverSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await workers.onModuleDestroy();
    const [counts] = await db.query<{ messages: string; delivered: string; duplicates: string }[]>(
      `SELECT (SELECT count(*) FROM inbox_message) AS messages,
              (SELECT count(*) FROM reminder_delivery WHERE status = 'delivered') AS delivered,
              (SELECT count(*) FROM (SELECT delivery_id FROM inbox_message GROUP BY delivery_id HAVING count(*) > 1) d) AS duplicates`,
    );
    const [version] = await db.query<{ v: string }[]>(`SELECT split_part(version(), ' ', 2) AS v`);

    const rate = (n: number, s: number): string => Math.round(n / s).toLocaleString('en');
    console.log('Reminder benchmark');
    console.log(`  PostgreSQL ${version?.v ?? '?'} and Redis on 127.0.0.1; node ${process.version}; ${cpus().length} CPU(s); as of ${AS_OF}`);
    console.log(`  loaded ${deadlines.toLocaleString('en')} open milestones (due ${AS_OF} −11 … +1094 days) in ${loadSeconds.toFixed(1)} s`);
    console.log('Scan (ReminderScanService.scan: candidates within the longest offset or overdue, plan, INSERT … ON CONFLICT, BullMQ addBulk)');
    console.log(`  first scan:  ${firstSeconds.toFixed(2)} s — ${first.scanned.toLocaleString('en')} in reach of ${deadlines.toLocaleString('en')}, ${first.enqueued.toLocaleString('en')} queued; ${rate(deadlines, firstSeconds)} deadlines/s over the whole table`);
    console.log(`  second scan: ${secondSeconds.toFixed(2)} s — ${second.enqueued} queued, ${second.alreadyPlanned.toLocaleString('en')} already planned, ${second.requeued.toLocaleString('en')} pending re-offered to the queue`);
    console.log(`  next-day scan: ${nextSeconds.toFixed(2)} s — ${next.enqueued.toLocaleString('en')} queued (the steady state: what came due overnight), ${next.alreadyPlanned.toLocaleString('en')} already planned`);
    console.log(`In-app delivery (real BullMQ worker on the inbox queue, concurrency ${concurrency}, in-app deliveries recorded together go in jobs of up to ${INBOX_BATCH_SIZE}, one transaction each)`);
    console.log(`  ${pending.toLocaleString('en')} deliveries (${extra.length.toLocaleString('en')} added + the scan's) in ${deliverSeconds.toFixed(2)} s = ${rate(pending, deliverSeconds)} deliveries/s (from worker start until none pending)`);
    console.log(`  inbox messages ${counts?.messages ?? '?'}, deliveries delivered ${counts?.delivered ?? '?'}, delivery ids with more than one message: ${counts?.duplicates ?? '?'}`);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
