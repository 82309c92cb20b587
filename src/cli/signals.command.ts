import type { Command } from 'commander';
import { DisproportionalityRunsService } from '../signals/disproportionality-runs.service';
import { SIGNAL_DATABASES, type SignalDatabase } from '../signals/disproportionality-counts';
import { cliContext, withAppContext } from './app-context';
import { choiceOption, integerOption, printJson } from './cli-io';

/** `signals run`: disproportionality over one database, computed in this process (a whole-database run too). */
export function registerSignalCommands(program: Command): void {
  const signals = program.command('signals').description('Signal detection: disproportionality over our cases or FAERS (never pooled)');

  signals
    .command('run')
    .description('Disproportionality over one database: every pair with at least --min-count reports, or one product; stored as a run')
    .requiredOption('--database <database>', `${SIGNAL_DATABASES.join(' or ')}`, choiceOption('--database', SIGNAL_DATABASES))
    .option('--product <product>', 'one product (our product name; in FAERS the active ingredient)')
    .option('--roles <roles>', 'drug roles counted, comma-separated (own: suspect,interacting,concomitant; FAERS: PS,SS,I,C)')
    .option('--min-count <n>', 'smallest number of reports of a pair kept', integerOption('--min-count', 1, 1000))
    .option('--json', 'print the run as one JSON document')
    .action(async (options: { database: SignalDatabase; product?: string; roles?: string; minCount?: number; json?: boolean }) => {
      const context = cliContext();
      const run = await withAppContext(context, async (app) => {
        const runs = app.get(DisproportionalityRunsService);
        const request = {
          database: options.database,
          product: options.product ?? null,
          ...(options.roles === undefined ? {} : { roles: options.roles.split(',').map((r) => r.trim()) }),
          ...(options.minCount === undefined ? {} : { minCount: options.minCount }),
        };
        const started = await runs.start(context.actor, request, 'request');
        return runs.compute(context.actor, started.id);
      });
      if (options.json === true) {
        printJson(run);
        return;
      }
      const hits = Object.entries(run.totals?.hits ?? {})
        .map(([preset, n]) => `${preset} ${n}`)
        .join(', ');
      const ebgm = run.totals?.ebgm;
      const prior =
        ebgm === undefined ? '' : ebgm.applied ? `EBGM prior α1 ${ebgm.theta.alpha1.toPrecision(4)}, β1 ${ebgm.theta.beta1.toPrecision(4)}, α2 ${ebgm.theta.alpha2.toPrecision(4)}, β2 ${ebgm.theta.beta2.toPrecision(4)}, P ${ebgm.theta.p.toPrecision(4)} (${ebgm.method})` : `no EBGM: ${ebgm.reason}`;
      process.stdout.write(`Run ${run.id}: ${run.totals?.pairs ?? 0} pairs over ${run.totals?.reports ?? 0} reports in ${run.totals?.durationMs ?? 0} ms; hits: ${hits}\n${prior === '' ? '' : `${prior}\n`}`);
    });
}
