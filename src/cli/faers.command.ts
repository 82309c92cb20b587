import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { FaersImportService } from '../faers/faers-import.service';
import { cliContext, withAppContext } from './app-context';
import { printJson } from './cli-io';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `faers import <folder>` and `faers quarters`: the public FAERS background data, loaded by an administrator on the server. */
export function registerFaersCommands(program: Command): void {
  const faers = program.command('faers').description('FAERS quarterly data (public background data for disproportionality, never pooled with our cases)');

  faers
    .command('import')
    .description('Load one quarter from the folder of its ASCII files (DEMO, DRUG, REAC, OUTC, deleted cases): latest version per case, deleted cases removed, bad rows reported and skipped; re-importing changes nothing')
    .argument('<folder>', "the folder of one quarter's files (e.g. faers_ascii_2025Q3/ASCII)")
    .option('--quarter <quarter>', 'the quarter (2025Q3) when the file names do not say it')
    .option('--json', 'print the report as one JSON document')
    .action(async (folder: string, options: { quarter?: string; json?: boolean }) => {
      const context = cliContext();
      const report = await withAppContext(context, (app) => app.get(FaersImportService).importFolder(folder, context.actor, options.quarter === undefined ? {} : { quarter: options.quarter }));
      if (options.json === true) {
        printJson(report);
        return;
      }
      say(`FAERS ${report.quarter}: ${report.cases} cases, ${report.loaded} loaded (${report.superseded} replacing an older version), ${report.unchanged} unchanged, ${report.deleted} deleted, in ${(report.durationMs / 1000).toFixed(1)} s`);
      for (const file of report.files) {
        say(`  ${file.file}: ${file.rows} rows, ${file.staged} read, ${file.badRows} bad${file.badRowExamples.length > 0 ? ` (first: line ${file.badRowExamples[0]?.line}: ${file.badRowExamples[0]?.problem})` : ''}`);
      }
      if (report.childRowsNotLoaded > 0) {
        say(`  ${report.childRowsNotLoaded} drug/reaction/outcome rows not loaded (their report is an older version, deleted, or missing from DEMO)`);
      }
    });

  faers
    .command('quarters')
    .description('Loaded quarters, newest first, with what each load did')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const context = cliContext();
      const rows = await withAppContext(context, (app) =>
        app.get(DataSource).query<{ quarter: string; counts: Record<string, number>; loaded_by: string; loaded_at: Date }[]>(`SELECT quarter, counts, loaded_by, loaded_at FROM faers_quarter ORDER BY quarter DESC`),
      );
      if (options.json === true) {
        printJson(rows.map((r) => ({ quarter: r.quarter, counts: r.counts, loadedBy: r.loaded_by, loadedAt: r.loaded_at })));
      } else if (rows.length === 0) {
        say('No FAERS quarter is loaded.');
      } else {
        for (const r of rows) {
          say(`${r.quarter}  ${r.counts.cases ?? 0} cases, ${r.counts.loaded ?? 0} loaded  (${r.loaded_by}, ${r.loaded_at.toISOString()})`);
        }
      }
    });
}
