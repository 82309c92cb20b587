import { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { DataSource } from 'typeorm';
import { EXPORT_RECEIVERS, E2bExportService, type ExportReceiver } from '../e2b/e2b-export.service';
import { E2bImportService } from '../e2b/e2b-import.service';
import { InvalidInputError } from '../common/errors';
import { cliContext, withAppContext } from './app-context';
import { printJson } from './cli-io';

/** At least one file was refused: exit code 1 (via reportFailure) after the report was printed. */
class FilesRefusedError extends Error {
  readonly code = 'E2B_FILES_REFUSED';
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `e2b import <file|folder>`. */
export function registerE2bCommands(program: Command): void {
  const e2b = program.command('e2b').description('ICH E2B(R3) exchange');

  e2b
    .command('import')
    .description('Import E2B(R3) files (a file, or every .xml and .ack of a folder): each file in one transaction; a repeated worldwide case id is a new version; acknowledgements are matched to their cases')
    .argument('<path>', 'an .xml or .ack file, or a folder')
    .option('--json', 'print the report as JSON')
    .action(async (path: string, options: { json?: boolean }) => {
      const context = cliContext();
      const report = await withAppContext(context, (app) => app.get(E2bImportService).importPath(path, context.actor));
      if (options.json === true) {
        printJson(report);
      } else {
        for (const file of report.files) {
          say(`${file.status.padEnd(8)} ${file.file}${file.reason === null ? '' : ` — ${file.reason}`}`);
          for (const line of file.cases) {
            say(`         ${line.action.padEnd(13)} ${line.worldwideId} v${line.version} (${line.product})${line.fromEudraVigilance ? ' [from EudraVigilance: no clock]' : ''}${line.warnings.length > 0 ? `, ${line.warnings.length} warning(s)` : ''}`);
          }
          if (file.casesNotListed > 0) {
            say(`         … and ${file.casesNotListed} more case(s) (${file.casesCreated} created, ${file.casesVersioned} versioned in this file)`);
          }
          for (const ack of file.acknowledgements) {
            say(`         ${(ack.code ?? '--').padEnd(3)} ${ack.outcome.padEnd(20)} ${ack.safetyReportId ?? ack.messageNumber ?? ''}${ack.version === null ? '' : ` v${ack.version}`} — ${ack.detail}`);
          }
        }
        const t = report.totals;
        say(
          `${t.filesRead} file(s) read, ${t.filesRefused} refused, ${t.filesSkipped} skipped; ${t.casesCreated} case(s) created, ${t.casesVersioned} version(s) added; ${t.acknowledgementsMatched} acknowledgement(s) matched, ${t.acknowledgementsUnmatched} unmatched.`,
        );
      }
      if (report.totals.filesRefused > 0) {
        throw new FilesRefusedError(`${report.totals.filesRefused} file(s) refused: ${report.files.filter((f) => f.status === 'refused').map((f) => f.file).join(', ')}`);
      }
    });

  e2b
    .command('export')
    .description('Export the current version of cases as one E2B(R3) batch for EudraVigilance (EU implementation guide); each message is recorded for its acknowledgement')
    .argument('<cases...>', 'case ids or safety report ids (C.1.1)')
    .option('--receiver <id>', `EVHUMAN (production) or EVTEST (test system)`, 'EVHUMAN')
    .option('--out <file>', 'write the batch to this file (default: standard output)')
    .action(async (cases: string[], options: { receiver: string; out?: string }) => {
      if (!(EXPORT_RECEIVERS as readonly string[]).includes(options.receiver)) {
        throw InvalidInputError.field('receiver', `must be one of ${EXPORT_RECEIVERS.join(', ')}`);
      }
      const context = cliContext();
      const batch = await withAppContext(context, (app) => app.get(DataSource).transaction((m) => app.get(E2bExportService).exportCases(m, context.actor, { cases, receiver: options.receiver as ExportReceiver })));
      if (options.out === undefined) {
        process.stdout.write(batch.xml);
        return;
      }
      await writeFile(options.out, batch.xml, 'utf8');
      say(`${batch.messages.length} case version(s) written to ${options.out} (batch ${batch.batchId}, SHA-256 ${batch.sha256})`);
      for (const m of batch.messages) {
        say(`  ${m.safetyReportId} v${m.version}  message ${m.messageId}`);
      }
    });
}
