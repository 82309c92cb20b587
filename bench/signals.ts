/**
 * Benchmark of the signal-detection data path.
 *
 *   npm run bench:signals [-- --reports 2000000]
 *
 * (1) FAERS import: a deterministic FAERS-shaped quarter (bench/faers-generator.ts: N reports, about 4 drugs
 *     and 3 reactions each, Zipf-skewed names) imported with FaersImportService.importFolder — the code path
 *     of `npm run cli -- faers import` — into a fresh database; then, in another fresh database, a plain
 *     `COPY … FROM STDIN` of the same rows (tab-separated, exactly the stored columns) into the same tables
 *     with the same indexes, measured in the same run. Prints reports per second, the ratio import / plain
 *     COPY, and the peak RSS of this process.
 * (2) Disproportionality on the imported data (DisproportionalityRunsService, the code path of the API and
 *     of the BullMQ job): every pair with a ≥ 3 (counts in PostgreSQL, PRR/ROR/χ²/IC and screening in Node,
 *     results written back), then one product's table for a frequent and for a rare product (the first
 *     one-product run also computes the FAERS event totals once; the second shows the cost without it).
 * Needs the PostgreSQL and Redis of the tests (TEST_DATABASE_URL / TEST_REDIS_URL or the defaults).
 */
import 'reflect-metadata';
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { systemActor } from '../src/common/actor';
import { FaersImportService } from '../src/faers/faers-import.service';
import { DisproportionalityRunsService, type DisproportionalityRunView, type RunRequest } from '../src/signals/disproportionality-runs.service';
import { withBenchApp } from './bench-app';
import { generateQuarter, type GeneratedQuarter } from './faers-generator';

const AS_OF = '2026-11-21';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(name);
  return index >= 0 ? (process.argv[index + 1] ?? fallback) : fallback;
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}

async function plainCopy(quarter: GeneratedQuarter): Promise<number> {
  return withBenchApp('plaincopy', AS_OF, async (app) => {
    const runner = app.get(DataSource).createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      const start = performance.now();
      await client.query('BEGIN');
      for (const [table, path] of Object.entries(quarter.plain)) {
        await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), client.query(copyFrom(`COPY ${table} FROM STDIN`)));
      }
      await client.query('COMMIT');
      return performance.now() - start;
    } finally {
      await runner.release();
    }
  });
}

async function main(): Promise<void> {
  const reports = Number(argument('--reports', '2000000'));
  const folder = mkdtempSync(join(tmpdir(), 'cma-bench-faers-'));
  try {
    process.stdout.write(`Signal detection data path; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}\n`);
    let start = performance.now();
    const quarter = await generateQuarter(folder, reports);
    process.stdout.write(
      `generated ${quarter.reports} reports, ${quarter.drugRows} drug rows, ${quarter.reactionRows} reaction rows, ${quarter.outcomeRows} outcome rows in ${((performance.now() - start) / 1000).toFixed(1)} s\n`,
    );
    const actor = systemActor('bench');
    const lines: string[] = [];
    const imported = await withBenchApp('faers', AS_OF, async (app) => {
      start = performance.now();
      const report = await app.get(FaersImportService).importFolder(folder, actor, { quarter: '2025Q3' });
      const importMs = performance.now() - start;
      const runs = app.get(DisproportionalityRunsService);
      const timed = async (request: RunRequest): Promise<{ ms: number; run: DisproportionalityRunView }> => {
        const begin = performance.now();
        const started = await runs.start(actor, request, 'request');
        const run = await runs.compute(actor, started.id);
        return { ms: performance.now() - begin, run };
      };
      const all = await timed({ database: 'faers', minCount: 3 });
      lines.push(`(2) all pairs with a ≥ 3: ${(all.ms / 1000).toFixed(1)} s — ${all.run.totals?.pairs ?? 0} pairs over ${all.run.totals?.reports ?? 0} reports (${JSON.stringify(all.run.totals?.phases ?? {})}); hits ${JSON.stringify(all.run.totals?.hits ?? {})}`);
      for (const product of ['DRUG0 AI', 'DRUG0 AI', 'DRUG2500 AI']) {
        const one = await timed({ database: 'faers', product });
        lines.push(`    one product (${product}): ${(one.ms / 1000).toFixed(2)} s — ${one.run.totals?.pairs ?? 0} events`);
      }
      return { ms: importMs, report };
    });
    const copyMs = await plainCopy(quarter);
    const rows = quarter.reports + quarter.drugRows + quarter.reactionRows + quarter.outcomeRows;
    process.stdout.write(
      `(1) FAERS import: ${(imported.ms / 1000).toFixed(1)} s, ${Math.round(quarter.reports / (imported.ms / 1000))} reports/s (${Math.round(rows / (imported.ms / 1000))} rows/s); loaded ${imported.report.loaded}, bad rows ${imported.report.files.reduce((n, f) => n + f.badRows, 0)}\n` +
        `    plain COPY of the same rows into the same tables: ${(copyMs / 1000).toFixed(1)} s (${Math.round(rows / (copyMs / 1000))} rows/s); import / plain COPY = ${(imported.ms / copyMs).toFixed(2)}×\n` +
        `    phases: ${imported.report.files.map((f) => `${f.kind} ${(f.durationMs / 1000).toFixed(1)} s`).join(', ')}, merge ${(imported.report.mergeMs / 1000).toFixed(1)} s, VACUUM (ANALYZE) after the commit ${(imported.report.vacuumMs / 1000).toFixed(1)} s (included in the import time)\n` +
        `${lines.join('\n')}\n` +
        `    peak RSS of this process: ${mb(process.resourceUsage().maxRSS * 1024)} (generator, import and runs)\n`,
    );
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
