import type { Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { IsoDate } from '../common/calendar-date';
import { DossierService, FILE_KINDS } from '../dossier/dossier.service';
import { cliContext, withAppContext } from './app-context';
import { dateOption, printJson, UsageError } from './cli-io';

interface ExportOptions {
  product: string;
  dlp: IsoDate;
  out: string;
  benefitRisk?: string;
  benefitRiskFile?: string;
  lineListing?: boolean;
  json?: boolean;
}

/** `dossier export`: the renewal dossier built in this process (no worker), its files written to a folder. */
export function registerDossierCommands(program: Command): void {
  const dossier = program.command('dossier').description('The annual renewal dossier of a conditional marketing authorisation');

  dossier
    .command('export')
    .description('Build the renewal dossier for a data lock point (computing the frequency run for it if needed), store it as a version (or reuse the one with the same content) and write its PDF, XLSX and ZIP to --out')
    .requiredOption('--product <product>', 'product name or id')
    .requiredOption('--dlp <date>', 'data lock point (YYYY-MM-DD)', dateOption('--dlp'))
    .requiredOption('--out <folder>', 'folder to write the files to (created if missing)')
    .option('--benefit-risk <text>', 'the benefit–risk conclusion')
    .option('--benefit-risk-file <file>', 'the benefit–risk conclusion, from a UTF-8 text file')
    .option('--line-listing', 'add the line listing of the interval as an appendix')
    .option('--json', 'print the version and the files as one JSON document')
    .action(async (options: ExportOptions) => {
      if (options.benefitRisk !== undefined && options.benefitRiskFile !== undefined) {
        throw new UsageError('give --benefit-risk or --benefit-risk-file, not both');
      }
      const benefitRisk = options.benefitRiskFile === undefined ? (options.benefitRisk ?? '') : await readFile(options.benefitRiskFile, 'utf8').catch((error: unknown) => {
        throw new UsageError(`--benefit-risk-file: ${error instanceof Error ? error.message : String(error)}`);
      });
      const context = cliContext();
      const result = await withAppContext(context, async (app) => {
        const dossiers = app.get(DossierService);
        const requested = await dossiers.request(context.actor, { product: options.product, dataLockPoint: options.dlp, benefitRisk, proposedChanges: [], lineListing: options.lineListing === true });
        const build = await dossiers.run(context.actor, requested.id);
        const version = build.version;
        if (version === null) {
          throw new Error('the build finished without a version');
        }
        const folder = resolve(options.out);
        await mkdir(folder, { recursive: true });
        const files = [];
        for (const kind of FILE_KINDS) {
          const file = await dossiers.file(version.id, kind, context.actor.scope);
          const path = join(folder, file.name);
          await writeFile(path, file.bytes);
          files.push({ kind, path, sha256: file.sha256, bytes: file.bytes.length });
        }
        return { version, reused: build.reused === true, files };
      });
      if (options.json === true) {
        printJson(result);
        return;
      }
      const { version } = result;
      process.stdout.write(
        `${version.product.name}, data lock point ${version.dataLockPoint}: version ${version.version}${result.reused ? ' (unchanged content: existing version reused)' : ''}; content hash ${version.contentHash}\n` +
          result.files.map((f) => `${f.sha256}  ${f.path}\n`).join(''),
      );
    });
}
