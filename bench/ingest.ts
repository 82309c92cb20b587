/**
 * Benchmark of the E2B(R3) bulk import: cases per second and peak memory, for several batch sizes.
 *
 *   npm run bench:ingest [-- --cases 2000,10000]
 *
 * For each N it writes one E2B(R3) batch file (MCCI_IN200100UV01) of N synthetic ICSR messages made from
 * FDA's example scenarios 1, 2, 3, 4, 5-1, 7 and 8 (test/fixtures/e2b-fda; 38–54 KB of XML each, about
 * 47 KB on average; scenario 6, the 2 MB "mega" file, is left out as it is no typical case): message i is
 * scenario i mod 7 with its case ids (C.1.1, C.1.8.1) replaced by XX-BENCH-<i> and the patient's
 * initials by a number, so every run is the same file. The file is written by the parent; a child process
 * (fresh PostgreSQL database, migrated, dropped at the end) imports it with E2bImportService.importPath —
 * the code path of `npm run cli -- e2b import` — and reports:
 *  - wall time of the import (streaming parse, mapping, bulk intake, audit rows, commit) and cases/s;
 *  - peak RSS of the child (getrusage maxrss, the whole process), and the RSS sampled every 50 ms during
 *    the import, so that "memory flat in N" can be read off two sizes;
 *  - a check of the result: cases and versions in the database, audit batch rows.
 * The child runs with a capped V8 heap (--heap-mb, default 128): an import whose memory grew with N would
 * die of it, so a run of a large N completing under the cap is the proof that memory is flat.
 * Needs the PostgreSQL and Redis of the tests (TEST_DATABASE_URL / TEST_REDIS_URL or the defaults).
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { DataSource } from 'typeorm';
import { systemActor } from '../src/common/actor';
import { E2bImportService } from '../src/e2b/e2b-import.service';
import { withBenchApp } from './bench-app';

/** Compiled to dist/bench/bench: the repository root is three levels up. */
const FDA = join(__dirname, '..', '..', '..', 'test', 'fixtures', 'e2b-fda');
const SCENARIOS = ['FAERS2022Scenario1', 'FAERS2022Scenario2', 'FAERS2022Scenario3', 'FAERS2022Scenario4', 'FAERS2022Scenario5-1', 'FAERS2022Scenario7', 'FAERS2022Scenario8'];
const OPEN = '<PORR_IN049016UV';
const CLOSE = '</PORR_IN049016UV>';

interface Template {
  message: string;
  caseId: string;
}

function templates(): { head: string; tail: string; messages: Template[] } {
  let head = '';
  let tail = '';
  const messages = SCENARIOS.map((name, index) => {
    const xml = readFileSync(join(FDA, `${name}.xml`), 'utf8');
    const start = xml.indexOf(OPEN);
    const end = xml.lastIndexOf(CLOSE) + CLOSE.length;
    if (index === 0) {
      head = xml.slice(0, start);
      tail = xml.slice(end);
    }
    const message = xml.slice(start, end);
    const caseId = /<id extension="([^"]+)" root="2\.16\.840\.1\.113883\.3\.989\.2\.1\.3\.2"\/>/.exec(message)?.[1];
    if (caseId === undefined) {
      throw new Error(`${name}: no C.1.8.1 worldwide case id found`);
    }
    return { message, caseId };
  });
  return { head, tail, messages };
}

/** Writes the batch file message by message (never the whole file in memory); returns its size. */
async function writeBatch(path: string, n: number): Promise<number> {
  const { head, tail, messages } = templates();
  const out = createWriteStream(path);
  const write = async (text: string): Promise<void> => {
    if (!out.write(text)) {
      await once(out, 'drain');
    }
  };
  await write(head);
  for (let i = 0; i < n; i += 1) {
    const template = messages[i % messages.length] as Template;
    await write(template.message.replaceAll(template.caseId, `XX-BENCH-${i}`).replace(/<name>[A-Z]{1,4}<\/name>/, `<name>P${i}</name>`));
    await write('\n');
  }
  await write(tail);
  out.end();
  await once(out, 'finish');
  return statSync(path).size;
}

interface ChildResult {
  cases: number;
  seconds: number;
  maxRssMb: number;
  importRssMb: number;
  created: number;
  versions: number;
  auditBatches: number;
  refused: string | null;
}

async function child(file: string): Promise<void> {
  const result = await withBenchApp('ingest', '2026-11-21', async (app): Promise<ChildResult> => {
    let importRss = 0;
    const sampler = setInterval(() => {
      importRss = Math.max(importRss, process.memoryUsage.rss());
    }, 50);
    const started = process.hrtime.bigint();
    const report = await app.get(E2bImportService).importPath(file, systemActor('bench-ingest'));
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const [counts] = await app.get(DataSource).query<{ cases: number; versions: number; audit: number }[]>(
      `SELECT (SELECT count(*)::int FROM safety_case) AS cases, (SELECT count(*)::int FROM safety_case_version) AS versions, (SELECT count(*)::int FROM audit_entry WHERE action = 'import:e2b') AS audit`,
    );
    return {
      cases: report.totals.casesCreated + report.totals.casesVersioned,
      seconds,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      importRssMb: importRss / 1024 / 1024,
      created: counts?.cases ?? 0,
      versions: counts?.versions ?? 0,
      auditBatches: counts?.audit ?? 0,
      refused: report.files.find((f) => f.status === 'refused')?.reason ?? null,
    };
  });
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

async function main(): Promise<void> {
  const childIndex = process.argv.indexOf('--child');
  if (childIndex >= 0) {
    await child(process.argv[childIndex + 1] as string);
    return;
  }
  const heapIndex = process.argv.indexOf('--heap-mb');
  const heapMb = heapIndex >= 0 ? Number(process.argv[heapIndex + 1]) : 128;
  const casesIndex = process.argv.indexOf('--cases');
  const sizes = (casesIndex >= 0 ? (process.argv[casesIndex + 1] ?? '') : '2000,10000').split(',').map(Number);
  if (sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new Error('--cases takes positive whole numbers separated by commas, e.g. 2000,10000');
  }
  const folder = mkdtempSync(join(tmpdir(), 'bench-ingest-'));
  console.log('E2B(R3) bulk import benchmark (E2bImportService.importPath: streaming parse, bulk intake, one transaction per file)');
  console.log(`  node ${process.version}; ${cpus().length} CPU(s) (${cpus()[0]?.model ?? '?'}); PostgreSQL and Redis on 127.0.0.1`);
  console.log(`  the importing process runs with --max-old-space-size=${heapMb} (MB): memory that grew with N would crash it (without a cap V8 lets the heap grow lazily, so RSS alone says little)`);
  try {
    for (const n of sizes) {
      const file = join(folder, `batch-${n}.xml`);
      const bytes = await writeBatch(file, n);
      const run = spawnSync(process.execPath, [`--max-old-space-size=${heapMb}`, __filename, '--child', file], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
      rmSync(file, { force: true });
      const line = run.stdout.trim().split('\n').at(-1) ?? '';
      if (run.status !== 0 || !line.startsWith('{')) {
        throw new Error(`import of ${n} cases failed (exit ${run.status ?? '?'}):\n${run.stderr}`);
      }
      const r = JSON.parse(line) as ChildResult;
      if (r.refused !== null || r.created !== n || r.versions !== n) {
        throw new Error(`import of ${n} cases is wrong: ${JSON.stringify(r)}`);
      }
      console.log(
        `  ${n.toLocaleString('en')} cases, ${(bytes / 1024 / 1024).toFixed(0)} MB of XML (${(bytes / n / 1024).toFixed(1)} KB/case): ${r.seconds.toFixed(1)} s = ${Math.round(n / r.seconds).toLocaleString('en')} cases/s; ` +
          `peak RSS ${r.importRssMb.toFixed(0)} MB during the import (process maxrss ${r.maxRssMb.toFixed(0)} MB); ${r.created} cases and ${r.versions} versions in the database, ${r.auditBatches} audit batch rows`,
      );
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
