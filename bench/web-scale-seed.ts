/**
 * Seeds the web-scale benchmark's database, set-based (INSERT … SELECT over generate_series, in PostgreSQL):
 * products with authorisations (through ProductsService, so their renewal and PSUR milestones are derived as in
 * production), obligations, open and closed milestones spread around "today", safety cases with a current
 * version and a reporting clock each (most submitted, some open, some overdue), acknowledgements, accounts of
 * every role and inbox messages. Two template cases go through SafetyCasesService; the million others copy
 * their content and assessment, with their own dates and product.
 */
import type { INestApplication } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { hashPassword } from '../src/auth/secrets';
import { systemActor } from '../src/common/actor';
import { addDays, IsoDate } from '../src/common/calendar-date';
import { ProductsService } from '../src/products/products.service';
import type { CaseContent } from '../src/safety-cases/case-content';
import { contentToDto } from '../src/safety-cases/case-intake';
import { SafetyCasesService } from '../src/safety-cases/safety-cases.service';

export interface SeedOptions {
  asOf: IsoDate;
  products: number;
  /** Open milestones wanted in total (the derived renewal/PSUR ones count too). */
  openMilestones: number;
  cases: number;
  /** Other accounts, each with inbox messages. */
  inboxUsers: number;
  messagesPerUser: number;
}

export interface SeedReport {
  phases: { name: string; seconds: number; rows: number }[];
  seconds: number;
  password: string;
  /** Accounts the benchmark signs in with. */
  accounts: { regulatory: string; scoped: string; safety: string; viewer: string; qppv: string; admin: string };
}

export const BENCH_PASSWORD = 'bench password never used elsewhere';
export const OWNERS = ['RA team', 'Clinical', 'Safety', 'CMC', 'Medical affairs', 'Epidemiology', 'Biostatistics', 'Labelling'];
const ACTOR = 'system:bench';

function caseContent(asOf: IsoDate, productId: string, productName: string, serious: boolean): CaseContent {
  return {
    reportType: 'spontaneous',
    solicitedSource: null,
    literatureReference: null,
    initialReceiptOn: asOf,
    day0: asOf,
    significant: false,
    otherIdentifiers: [],
    linkedReports: [],
    reporters: [{ name: 'Dr Bench', qualification: 'physician', country: 'DE', primarySource: true }],
    patient: { initials: 'JD', identifier: null, ageValue: 54, ageUnit: 'year', ageGroup: null, sex: 'female', weightKg: null, medicalHistory: null, diedOn: null },
    reactions: [
      {
        key: 'r1',
        reportedTerm: serious ? 'liver failure' : 'headache',
        lltCode: null,
        lltName: null,
        ptCode: null,
        ptName: serious ? 'Hepatic failure' : 'Headache',
        socName: serious ? 'Hepatobiliary disorders' : 'Nervous system disorders',
        meddraVersion: null,
        onset: addDays(asOf, -3),
        outcome: 'recovering',
        severity: serious ? 'severe' : 'mild',
        seriousness: serious ? ['hospitalisation'] : [],
      },
    ],
    drugs: [{ key: 'd1', role: 'suspect', productId, name: productName, batchNumber: 'B-0001', dose: null, route: null, actionTaken: null, dechallenge: null, rechallenge: null }],
    causality: [],
    narrative: 'Synthetic benchmark case.',
    lackOfEfficacy: false,
    specialSituations: [],
    expectednessOverrides: [],
    nullificationReason: null,
    synthetic: true,
  };
}

export async function seedWebScale(app: INestApplication, options: SeedOptions, log: (line: string) => void): Promise<SeedReport> {
  const db = app.get(DataSource);
  // One connection for the bulk SQL: the seed's working tables are temporary (per connection).
  const runner = db.createQueryRunner();
  await runner.connect();
  const sql = <T = unknown>(text: string, params: unknown[] = []): Promise<T> => runner.query(text, params) as Promise<T>;
  try {
    return await seed(app, db, sql, options, log);
  } finally {
    await runner.release();
  }
}

type Sql = <T = unknown>(text: string, params?: unknown[]) => Promise<T>;

/** Work on a connection of its own, loading in the replica role (see below). */
async function onOwnConnection(db: DataSource, work: (sql: Sql) => Promise<void>): Promise<void> {
  const runner = db.createQueryRunner();
  await runner.connect();
  try {
    await runner.query(`SET session_replication_role = replica`);
    await work(<T = unknown>(text: string, params: unknown[] = []) => runner.query(text, params) as Promise<T>);
  } finally {
    await runner.query(`RESET session_replication_role`);
    await runner.release();
  }
}

async function seed(app: INestApplication, db: DataSource, sql: Sql, options: SeedOptions, log: (line: string) => void): Promise<SeedReport> {
  const asOf = options.asOf;
  const phases: SeedReport['phases'] = [];
  const started = Date.now();
  const phase = async (name: string, work: () => Promise<number>): Promise<void> => {
    const t0 = Date.now();
    const rows = await work();
    const seconds = (Date.now() - t0) / 1000;
    phases.push({ name, seconds, rows });
    log(`  ${name}: ${rows.toLocaleString('en')} rows in ${seconds.toFixed(1)} s`);
  };
  const count = async (text: string, params: unknown[] = []): Promise<number> => Number((await sql<{ n: string }[]>(text, params))[0]?.n ?? 0);
  const actor = systemActor(ACTOR);
  const reportId = (n: number): string => `BENCH-${String(n).padStart(8, '0')}`;

  await phase('products + authorisations (ProductsService: renewal and PSUR milestones derived)', async () => {
    const products = app.get(ProductsService);
    await db.transaction(async (m) => {
      for (let i = 1; i <= options.products; i++) {
        await products.create(m, actor, {
          name: `Benchmab ${String(i).padStart(3, '0')}`,
          activeSubstance: `benchmab-${i}`,
          additionalMonitoring: true,
          authorisation: { type: i % 5 === 0 ? 'standard' : 'conditional', holder: `Bench Holder ${1 + (i % 7)}`, notifiedOn: addDays(asOf, -200 - ((i * 97) % 1400)) },
        });
      }
    });
    return options.products;
  });
  await sql(`CREATE TEMP TABLE bench_product AS SELECT id, name, row_number() OVER (ORDER BY name) AS n FROM product`);

  await phase('obligations (10 per product)', async () => {
    await sql(
      `INSERT INTO obligation (product_id, reference, category, study_type, description, owner)
       SELECT p.id, 'SOB ' || g, (ARRAY['SOB','ANX','MEA','LEG','REC'])[1 + g % 5],
              (ARRAY['PASS','PAES','registry','long-term-follow-up','clinical-trial','none'])[1 + (g + p.n::int) % 6],
              'Benchmark obligation ' || g || ' of ' || p.name, ($1::text[])[1 + (g + p.n::int) % cardinality($1::text[])]
         FROM bench_product p CROSS JOIN generate_series(1, 10) g`,
      [OWNERS],
    );
    return count(`SELECT count(*) AS n FROM obligation`);
  });
  await sql(`CREATE TEMP TABLE bench_obligation AS SELECT id, product_id, owner, row_number() OVER (ORDER BY id) - 1 AS n FROM obligation`);
  const obligations = await count(`SELECT count(*) AS n FROM bench_obligation`);

  // Open milestones: due from 75 days ago to ~4 years ahead, uniformly (5% overdue, ~2% within 30 days,
  // ~6% within 90); a quarter in progress; 10% PASS final reports. Then closed ones: submitted and cancelled.
  const derivedOpen = await count(`SELECT count(*) AS n FROM milestone WHERE status IN ('planned', 'in-progress')`);
  const open = Math.max(0, options.openMilestones - derivedOpen);
  await phase('open milestones', async () => {
    await sql(
      `INSERT INTO milestone (product_id, obligation_id, kind, title, due_date, basis, rule_id, rule_source, rule_explanation, status, owner)
       SELECT o.product_id, o.id, CASE WHEN g % 10 = 0 THEN 'pass-final-report' ELSE 'obligation' END, 'Interim report ' || g,
              $1::date + (hashint4(g) & 2147483647) % 1500 - 75, 'annex-ii', 'ANNEX-II', 'benchmark', 'Annex II date (benchmark)',
              CASE WHEN g % 4 = 0 THEN 'in-progress' ELSE 'planned' END, o.owner
         FROM generate_series(1, $2::int) g JOIN bench_obligation o ON o.n = g % $3::int`,
      [asOf, open, obligations],
    );
    return open;
  });
  const closed = Math.round(options.openMilestones / 2);
  await phase('closed milestones (submitted, 4% cancelled)', async () => {
    await sql(
      `INSERT INTO milestone (product_id, obligation_id, kind, title, due_date, basis, rule_id, rule_source, status, submitted_on, submitted_on_time, cancel_reason, owner)
       SELECT o.product_id, o.id, 'obligation', 'Past report ' || g, $1::date - 1 - (hashint4(g) & 2147483647) % 2000, 'annex-ii', 'ANNEX-II', 'benchmark',
              CASE WHEN g % 25 = 0 THEN 'cancelled' ELSE 'submitted' END,
              CASE WHEN g % 25 = 0 THEN NULL ELSE $1::date - 1 - (hashint4(g) & 2147483647) % 2000 - g % 9 + 2 END,
              CASE WHEN g % 25 = 0 THEN NULL ELSE g % 9 >= 2 END,
              CASE WHEN g % 25 = 0 THEN 'superseded by the renewal (benchmark)' END, o.owner
         FROM generate_series(1, $2::int) g JOIN bench_obligation o ON o.n = g % $3::int`,
      [asOf, closed, obligations],
    );
    return closed;
  });
  await phase('due-date history (initial row per seeded milestone)', async () => {
    await sql(
      `INSERT INTO due_date_change (milestone_id, from_date, to_date, change_source, reason, changed_by, recorded_on)
       SELECT m.id, NULL, m.due_date, 'initial', 'benchmark seed', $1, $2::date FROM milestone m
        WHERE NOT EXISTS (SELECT 1 FROM due_date_change c WHERE c.milestone_id = m.id)`,
      [ACTOR, options.asOf],
    );
    return count(`SELECT count(*) AS n FROM due_date_change WHERE changed_by = $1`, [ACTOR]);
  });

  const password = BENCH_PASSWORD;
  const hash = await hashPassword(password);
  const accounts: SeedReport['accounts'] = { regulatory: 'bench.regulatory', scoped: 'bench.scoped', safety: 'bench.safety', viewer: 'bench.viewer', qppv: 'bench.qppv', admin: 'bench.admin' };
  await phase(`accounts (every role, one scoped to 3 products, ${options.inboxUsers} more regulatory)`, async () => {
    await sql(
      `INSERT INTO app_user (username, display_name, role, password_hash, must_change_password, all_products, password_changed_at, created_at, updated_at)
       SELECT u.username, u.display_name, u.role, $1, false, u.all_products, now(), now(), now()
         FROM (VALUES ('bench.regulatory', 'Bench Regulatory', 'regulatory', true), ('bench.scoped', 'Bench Scoped', 'regulatory', false),
                      ('bench.safety', 'Bench Safety', 'safety', true), ('bench.qppv', 'Bench QPPV', 'qppv', true),
                      ('bench.viewer', 'Bench Viewer', 'viewer', true), ('bench.admin', 'Bench Admin', 'admin', true)) AS u(username, display_name, role, all_products)
       UNION ALL
       SELECT 'bench.user' || lpad(g::text, 4, '0'), 'Bench user ' || g, 'regulatory', $1, false, true, now(), now(), now() FROM generate_series(1, $2::int) g`,
      [hash, options.inboxUsers],
    );
    await sql(`INSERT INTO user_product (user_id, product_id) SELECT u.id, p.id FROM app_user u, bench_product p WHERE u.username = 'bench.scoped' AND p.n <= 3`);
    return count(`SELECT count(*) AS n FROM app_user`);
  });

  await phase('inbox messages (delivered in-app reminders; a quarter unread)', async () => {
    await sql(`CREATE TEMP TABLE bench_open AS SELECT id, product_id, due_date, row_number() OVER (ORDER BY id) - 1 AS n FROM milestone WHERE status IN ('planned', 'in-progress')`);
    await sql(`CREATE INDEX ON bench_open (n)`);
    await sql(
      `WITH targets AS (
         SELECT u.id AS user_id, k, m.id AS milestone_id, m.product_id, m.due_date
           FROM app_user u CROSS JOIN generate_series(1, $1::int) k
           JOIN bench_open m ON m.n = (k * 37 + (hashtext(u.username) & 2147483647) % 100000) % (SELECT count(*) FROM bench_open)
          WHERE u.username LIKE 'bench.%'
       ), deliveries AS (
         INSERT INTO reminder_delivery (deadline_type, deadline_id, product_id, due_date, step, channel, recipient, send_on, late, status, attempts, delivered_at)
         SELECT 'milestone', milestone_id, product_id, due_date, 'before-' || (1 + k % 60), 'in-app', 'user:' || user_id, $2::date - k % 90, false, 'delivered', 1, now()
           FROM targets
         ON CONFLICT DO NOTHING
         RETURNING id, deadline_id, product_id, due_date, recipient, send_on
       )
       INSERT INTO inbox_message (user_id, delivery_id, subject, body, deadline_type, deadline_id, product_id, escalation, late, created_at, read_at)
       SELECT substr(d.recipient, 6)::uuid, d.id, 'Deadline due ' || d.due_date, 'A benchmark reminder.', 'milestone', d.deadline_id, d.product_id, false, false,
              d.send_on::timestamptz, CASE WHEN hashtext(d.id::text) % 4 = 0 THEN NULL ELSE d.send_on::timestamptz + interval '1 day' END
         FROM deliveries d`,
      [options.messagesPerUser, asOf],
    );
    return count(`SELECT count(*) AS n FROM inbox_message`);
  });

  // Two cases through the real intake give the content and assessment every other case copies.
  const templates: Record<'serious' | 'nonSerious', { content: string; assessment: string; days: number; ruleId: string; ruleSource: string; explanation: string }> = {
    serious: { content: '', assessment: '', days: 0, ruleId: '', ruleSource: '', explanation: '' },
    nonSerious: { content: '', assessment: '', days: 0, ruleId: '', ruleSource: '', explanation: '' },
  };
  const [first] = await sql<{ id: string; name: string }[]>(`SELECT id, name FROM bench_product WHERE n = 1`);
  if (first === undefined) {
    throw new Error('no product seeded');
  }
  await db.transaction(async (m) => {
    for (const kind of ['serious', 'nonSerious'] as const) {
      const content = caseContent(asOf, first.id, first.name, kind === 'serious');
      const { version } = await app.get(SafetyCasesService).create(m, actor, { ...contentToDto(content), product: first.id }, { safetyReportId: `BENCH-TEMPLATE-${kind}`, synthetic: true });
      const clock = version.assessment.clock;
      if (clock === null) {
        throw new Error(`the ${kind} template case got no reporting clock: ${JSON.stringify(version.assessment.noClock)}`);
      }
      templates[kind] = { content: JSON.stringify(version.content), assessment: JSON.stringify(version.assessment), days: clock.days, ruleId: clock.ruleId, ruleSource: clock.ruleSource, explanation: clock.explanation };
    }
  });

  // The case rows are built to satisfy every foreign key (cases, versions, clocks and acknowledgements refer
  // to each other by construction); checking them row by row is skipped for the load (replica role: foreign-key
  // and other triggers do not fire; CHECK, NOT NULL and unique constraints still apply). Restored afterwards.
  await sql(`SET session_replication_role = replica`);
  // Receipts spread evenly over the last 3 years, in arrival order; 30% serious (15-day clock in the EEA), the rest 90 days.
  await phase('safety cases', async () => {
    await sql(
      `INSERT INTO safety_case (product_id, safety_report_id, worldwide_id, current_version, current_type, report_type, status, serious, serious_unexpected,
                                primary_country, initial_receipt_on, latest_day0, synthetic, created_by)
       SELECT p.id, 'BENCH-' || lpad(g::text, 8, '0'), 'EU-BENCH-' || g, 1, 'initial',
              (ARRAY['spontaneous','spontaneous','spontaneous','spontaneous','spontaneous','spontaneous','spontaneous','solicited','literature','clinical-trial'])[1 + g % 10],
              CASE WHEN g % 33 = 0 THEN 'incomplete' ELSE 'valid' END, g % 10 < 3, g % 10 < 3 AND g % 7 = 0,
              (ARRAY['DE','FR','IT','ES','NL','BE','PL','SE','AT','US'])[1 + g % 10],
              $1::date - 1095 + (g::bigint * 1095 / $2::int)::int, $1::date - 1095 + (g::bigint * 1095 / $2::int)::int, true, $3
         FROM generate_series(1, $2::int) g JOIN bench_product p ON p.n = 1 + g % $4::int`,
      [asOf, options.cases, ACTOR, options.products],
    );
    return options.cases;
  });
  // Versions (about 2 KB each: most of the load's time) in two halves on two more connections, beside the clocks
  // and acknowledgements on this one: the statements are independent while foreign keys are not checked.
  const half = Math.ceil(options.cases / 2);
  const versions = (from: number, to: number): Promise<void> =>
    onOwnConnection(db, async (other) => {
      await other(
        `INSERT INTO safety_case_version (case_id, version, version_type, day0, content, assessment, created_by, recorded_on)
         SELECT s.id, 1, 'initial', s.latest_day0,
                jsonb_set(jsonb_set(jsonb_set(CASE WHEN s.serious THEN $1::jsonb ELSE $2::jsonb END, '{initialReceiptOn}', to_jsonb(s.initial_receipt_on::text)),
                          '{day0}', to_jsonb(s.latest_day0::text)), '{drugs,0}', (CASE WHEN s.serious THEN $1::jsonb ELSE $2::jsonb END)->'drugs'->0 || jsonb_build_object('productId', s.product_id, 'name', p.name)),
                CASE WHEN s.serious THEN $3::jsonb ELSE $4::jsonb END, $5, s.latest_day0
           FROM safety_case s JOIN product p ON p.id = s.product_id WHERE s.safety_report_id BETWEEN $6 AND $7`,
        [templates.serious.content, templates.nonSerious.content, templates.serious.assessment, templates.nonSerious.assessment, ACTOR, reportId(from), reportId(to)],
      );
    });
  const parallel: Promise<void>[] = [
    phase(`case versions 1–${half.toLocaleString('en')} (second connection)`, async () => {
      await versions(1, half);
      return half;
    }),
    phase(`case versions ${(half + 1).toLocaleString('en')}–${options.cases.toLocaleString('en')} (third connection)`, async () => {
      await versions(half + 1, options.cases);
      return options.cases - half;
    }),
  ];
  parallel.push(
    (async () => {
      // Clocks of valid cases: due 15 or 90 days after day 0; met (98% on time) when due more than 10 days ago,
      // except 1 in 200 left open (overdue); the recent ones open (those past their date are overdue).
      await phase('reporting clocks', async () => {
        await sql(
          `INSERT INTO case_clock (case_id, product_id, version, day0, due_on, days, rule_id, rule_source, explanation, status, submitted_on, submitted_version, on_time)
           SELECT c.id, c.product_id, 1, c.day0, c.due_on, c.days, c.rule_id, c.rule_source, c.explanation,
                  CASE WHEN c.met THEN 'submitted' ELSE 'open' END,
                  CASE WHEN NOT c.met THEN NULL WHEN c.on_time THEN c.due_on - c.k % 10 ELSE c.due_on + 1 + c.k % 20 END,
                  CASE WHEN c.met THEN 1 END, CASE WHEN c.met THEN c.on_time END
             FROM (SELECT s.id, s.product_id, s.latest_day0 AS day0, s.latest_day0 + t.days AS due_on, t.days, t.rule_id, t.rule_source, t.explanation,
                          s.latest_day0 + t.days < $1::date - 10 AND (hashtext(s.id::text) & 2147483647) % 200 <> 0 AS met,
                          (hashtext(s.safety_report_id) & 2147483647) % 50 <> 0 AS on_time, (hashtext(s.worldwide_id) & 2147483647) AS k
                     FROM safety_case s
                     JOIN (VALUES (true, $8::int, $2, $3, $4), (false, $9::int, $5, $6, $7)) AS t(serious, days, rule_id, rule_source, explanation) ON t.serious = s.serious
                    WHERE s.safety_report_id LIKE 'BENCH-0%' AND s.status = 'valid') c`,
          [asOf, templates.serious.ruleId, templates.serious.ruleSource, templates.serious.explanation, templates.nonSerious.ruleId, templates.nonSerious.ruleSource, templates.nonSerious.explanation, templates.serious.days, templates.nonSerious.days],
        );
        return count(`SELECT count(*) AS n FROM case_clock`);
      });
      await phase('acknowledgements (one per met clock)', async () => {
        await sql(
          `INSERT INTO case_submission (case_id, version, recipient, acknowledged_on, created_by)
           SELECT c.case_id, 1, 'EudraVigilance', c.submitted_on, $1 FROM case_clock c JOIN safety_case s ON s.id = c.case_id
            WHERE c.status = 'submitted' AND s.safety_report_id LIKE 'BENCH-0%'`,
          [ACTOR],
        );
        return count(`SELECT count(*) AS n FROM case_submission`);
      });
    })(),
  );
  await Promise.all(parallel);
  await sql(`RESET session_replication_role`);
  await phase('VACUUM ANALYZE (what autovacuum does after a load)', async () => {
    await sql('VACUUM ANALYZE');
    return 0;
  });
  return { phases, seconds: (Date.now() - started) / 1000, password, accounts };
}
