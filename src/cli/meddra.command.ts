import { Command } from 'commander';
import { DataSource } from 'typeorm';
import { MeddraLoaderService } from '../meddra/meddra-loader.service';
import { MeddraService } from '../meddra/meddra.service';
import { cliContext, withAppContext } from './app-context';
import { printJson } from './cli-io';

/** One line on standard output (written directly, so that it is the same under any console wrapper). */
function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

/** `meddra load <folder>` and `meddra releases`: loading a licensed MedDRA release is an administrator's job on the server. */
export function registerMeddraCommands(program: Command): void {
  const meddra = program.command('meddra').description('MedDRA dictionary (a licensed release you load from its ASCII files)');

  meddra
    .command('load')
    .description('Load a MedDRA release from the folder of its ASCII files (llt.asc, pt.asc, mdhier.asc…); all checked, then written in one transaction')
    .argument('<folder>', 'the folder holding the release’s .asc files (names in any case)')
    .option('--json', 'print the result as JSON')
    .action(async (folder: string, options: { json?: boolean }) => {
      const context = cliContext();
      const result = await withAppContext(context, (app) => app.get(MeddraLoaderService).loadFolder(folder, context.actor));
      const { release, counts, durationMs } = result;
      if (options.json === true) {
        printJson({ id: release.id, version: release.version, language: release.language, sourceSha256: release.sourceSha256, counts, durationMs });
      } else {
        say(
          `Loaded MedDRA ${release.version} (${release.language}): ${counts.soc} SOC, ${counts.hlgt} HLGT, ${counts.hlt} HLT, ${counts.pt} PT, ` +
            `${counts.llt} LLT (${counts.lltCurrent} current) in ${(durationMs / 1000).toFixed(1)} s. It is now the current release.`,
        );
      }
    });

  meddra
    .command('releases')
    .description('Loaded releases, the current (most recently loaded) one first')
    .option('--json', 'print the result as JSON')
    .action(async (options: { json?: boolean }) => {
      const context = cliContext();
      const releases = await withAppContext(context, (app) => app.get(MeddraService).releases(app.get(DataSource).manager));
      if (options.json === true) {
        printJson(releases.map((r, i) => ({ ...r, loadedAt: r.loadedAt.toISOString(), current: i === 0 })));
      } else if (releases.length === 0) {
        say('No MedDRA release is loaded.');
      } else {
        for (const [i, r] of releases.entries()) {
          say(`${r.version.padEnd(8)} ${r.language.padEnd(10)} loaded ${r.loadedAt.toISOString()} by ${r.loadedBy}: ${r.counts.pt} PT, ${r.counts.llt} LLT${i === 0 ? '  (current)' : ''}`);
        }
      }
    });
}
