import { Command } from 'commander';
import { E2bImportService } from '../e2b/e2b-import.service';
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
}
