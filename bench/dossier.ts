/**
 * Benchmark of the renewal dossier: a product with 50,000 cases and 200 reaction terms, built into its PDF,
 * XLSX and ZIP the way the API's background job and `npm run cli -- dossier export` build it.
 *
 *   npm run bench:dossier [-- --cases 50000 --terms 200]
 *
 * A fresh database (migrated, dropped at the end) with the demo data; then N more Zemcelpro cases cloned in
 * SQL from the demo's initial versions, each with its first reaction recoded to one of T preferred terms
 * (spread over the MedDRA SOCs of the demo's terms) and its receipt date spread over the authorisation's
 * life, so the interval and the cumulative columns both fill. Then DossierService.request + run — the
 * frequency run for the data lock point, the content collected in one snapshot, the PDF, the workbook and the
 * bundle rendered, the version stored — with the line-listing appendix (every case of the interval, the
 * heaviest case) and then without. Wall clock per step from the build's progress callbacks; peak RSS of this
 * process (getrusage maxRSS: seeding and cloning run in PostgreSQL, so it is the build's memory).
 * Needs the PostgreSQL and Redis of the tests (TEST_DATABASE_URL / TEST_REDIS_URL or the defaults).
 */
import 'reflect-metadata';
import { cpus } from 'node:os';
import { DataSource } from 'typeorm';
import { systemActor } from '../src/common/actor';
import { seedDemo } from '../src/demo/seed-demo';
import { DossierService } from '../src/dossier/dossier.service';
import { withBenchApp } from './bench-app';

const AS_OF = '2026-11-21';
const DLP = '2026-10-31';
const CHUNK = 10_000;

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

/** N cases cloned from the product's demo cases; case i's first reaction becomes term i mod T; receipt dates spread back from the DLP. */
async function cloneCases(dataSource: DataSource, productId: string, count: number, terms: number): Promise<void> {
  for (let start = 0; start < count; start += CHUNK) {
    const size = Math.min(CHUNK, count - start);
    await dataSource.query(
      `WITH t AS (
         SELECT (row_number() OVER (ORDER BY c.safety_report_id) - 1)::int AS i, c.report_type, c.status, c.serious, v.content, v.assessment
           FROM safety_case c JOIN safety_case_version v ON v.case_id = c.id AND v.version = 1
          WHERE c.product_id = $1
       ), n AS (SELECT count(*)::int AS templates FROM t),
       g AS (
         SELECT gen_random_uuid() AS id, s AS seq, ($5::date - (s % 900))::date AS received, t.*
           FROM generate_series($2::int, $3::int) s, n
           JOIN t ON true
          WHERE t.i = s % n.templates
       ), cases AS (
         INSERT INTO safety_case (id, product_id, safety_report_id, worldwide_id, current_version, current_type, report_type, status, serious, initial_receipt_on, latest_day0, synthetic, created_by)
         SELECT id, $1, 'BENCH-' || seq, 'XX-BENCH-' || seq, 1, 'initial', report_type, status, serious, received, received, true, 'bench' FROM g
         RETURNING id
       )
       INSERT INTO safety_case_version (case_id, version, version_type, day0, content, assessment, created_by, recorded_on)
       SELECT id, 1, 'initial', received,
              jsonb_set(jsonb_set(jsonb_set(content, '{day0}', to_jsonb(received::text)), '{reactions,0,ptName}', to_jsonb('Bench term ' || lpad((seq % $4)::text, 3, '0'))),
                        '{reactions,0,socName}', to_jsonb((ARRAY['Blood and lymphatic system disorders', 'Immune system disorders', 'Hepatobiliary disorders', 'Nervous system disorders', 'Infections and infestations'])[1 + (seq % $4) % 5])),
              assessment, 'bench', received
         FROM g`,
      [productId, start, start + size - 1, terms, DLP],
    );
  }
  await dataSource.query('ANALYZE safety_case; ANALYZE safety_case_version');
}

async function main(): Promise<void> {
  const cases = Number(argument('--cases', '50000'));
  const terms = Number(argument('--terms', '200'));
  process.stdout.write(`Renewal dossier build; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
  await withBenchApp('dossier', AS_OF, async (app) => {
    const actor = systemActor('bench');
    await seedDemo(app, actor, AS_OF);
    const dataSource = app.get(DataSource);
    const [product] = await dataSource.query<{ id: string }[]>(`SELECT id FROM product WHERE name = 'Zemcelpro'`);
    if (product === undefined) {
      throw new Error('the demo data has no Zemcelpro');
    }
    let start = performance.now();
    await cloneCases(dataSource, product.id, cases, terms);
    process.stdout.write(`cloned ${cases} cases over ${terms} terms in ${((performance.now() - start) / 1000).toFixed(1)} s\n`);
    const dossiers = app.get(DossierService);
    for (const lineListing of [true, false]) {
      const marks: Record<string, number> = {};
      start = performance.now();
      const requested = await dossiers.request(actor, { product: product.id, dataLockPoint: DLP, benefitRisk: 'Benchmark.', proposedChanges: [], lineListing });
      const build = await dossiers.run(actor, requested.id, (status) => {
        marks[status] = performance.now();
      });
      const end = performance.now();
      const version = build.version;
      const seconds = (from: number | undefined, to: number | undefined): string => (((to ?? end) - (from ?? start)) / 1000).toFixed(1);
      process.stdout.write(
        `${lineListing ? 'with' : 'without'} the line listing: ${((end - start) / 1000).toFixed(1)} s — collecting (frequency run + content) ${seconds(marks.collecting, marks.rendering)} s, ` +
          `rendering and storing ${seconds(marks.rendering, end)} s; version ${version?.version ?? '?'}: PDF ${mb(version?.files.pdf.bytes ?? 0)}, XLSX ${mb(version?.files.xlsx.bytes ?? 0)}, ZIP ${mb(version?.files.zip.bytes ?? 0)}\n`,
      );
    }
    start = performance.now();
    const again = await dossiers.run(actor, (await dossiers.request(actor, { product: product.id, dataLockPoint: DLP, benefitRisk: 'Benchmark.', proposedChanges: [], lineListing: false })).id);
    process.stdout.write(`the same again: ${((performance.now() - start) / 1000).toFixed(1)} s, ${again.reused === true ? 'existing version reused' : 'NEW VERSION (unexpected)'}\n`);
  });
  process.stdout.write(`peak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
