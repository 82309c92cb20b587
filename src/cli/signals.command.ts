import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { DataSource } from 'typeorm';
import { DisproportionalityRunsService } from '../signals/disproportionality-runs.service';
import { SIGNAL_DATABASES, type SignalDatabase } from '../signals/disproportionality-counts';
import { MEDICAL_EVENT_LISTS, type MedicalEventList, MedicalEventListsService, parseEventList } from '../signals/medical-event-lists';
import type { GivenPrior } from '../signals/run-results';
import { cliContext, withAppContext } from './app-context';
import { choiceOption, integerOption, printJson, UsageError } from './cli-io';

/** `--prior α1,β1,α2,β2,P` with `--prior-source`: EBGM's hyperparameters given instead of fitted. */
function givenPrior(prior: string | undefined, source: string | undefined): GivenPrior | undefined {
  if (prior === undefined) {
    if (source !== undefined) {
      throw new UsageError('--prior-source goes with --prior');
    }
    return undefined;
  }
  const values = prior.split(',').map((v) => (/^\s*[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?\s*$/i.test(v) ? Number(v) : Number.NaN));
  if (values.length !== 5 || values.some((v) => !Number.isFinite(v))) {
    throw new UsageError(`--prior: "${prior}" is not five numbers α1,β1,α2,β2,P`);
  }
  if (source === undefined || source.trim() === '') {
    throw new UsageError('--prior needs --prior-source: where the hyperparameters come from');
  }
  const [alpha1 = 0, beta1 = 0, alpha2 = 0, beta2 = 0, p = 0] = values;
  return { alpha1, beta1, alpha2, beta2, p, source };
}

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
    .option('--prior <α1,β1,α2,β2,P>', 'EBGM hyperparameters to use instead of fitting (a published or a regulator’s prior)')
    .option('--prior-source <text>', 'where the --prior hyperparameters come from (stored with the run)')
    .option('--json', 'print the run as one JSON document')
    .action(async (options: { database: SignalDatabase; product?: string; roles?: string; minCount?: number; prior?: string; priorSource?: string; json?: boolean }) => {
      const given = givenPrior(options.prior, options.priorSource);
      const context = cliContext();
      const run = await withAppContext(context, async (app) => {
        const runs = app.get(DisproportionalityRunsService);
        const request = {
          database: options.database,
          product: options.product ?? null,
          ...(options.roles === undefined ? {} : { roles: options.roles.split(',').map((r) => r.trim()) }),
          ...(options.minCount === undefined ? {} : { minCount: options.minCount }),
          ...(given === undefined ? {} : { prior: given }),
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
        ebgm === undefined ? '' : ebgm.applied ? `EBGM prior (${ebgm.obtained ?? 'fitted'}) α1 ${ebgm.theta.alpha1.toPrecision(4)}, β1 ${ebgm.theta.beta1.toPrecision(4)}, α2 ${ebgm.theta.alpha2.toPrecision(4)}, β2 ${ebgm.theta.beta2.toPrecision(4)}, P ${ebgm.theta.p.toPrecision(4)} (${ebgm.method})` : `no EBGM: ${ebgm.reason}`;
      process.stdout.write(`Run ${run.id}: ${run.totals?.pairs ?? 0} pairs over ${run.totals?.reports ?? 0} reports in ${run.totals?.durationMs ?? 0} ms; hits: ${hits}\n${prior === '' ? '' : `${prior}\n`}`);
    });

  signals
    .command('event-list')
    .description('Load the IME or DME list (MedDRA PTs; none ships with the project): pairs with an event on it are listed for review. Replaces the list')
    .argument('<file>', 'one PT name a line, or a CSV / tab-separated export with a "PT name" column')
    .requiredOption('--list <list>', MEDICAL_EVENT_LISTS.join(' or '), choiceOption('--list', MEDICAL_EVENT_LISTS))
    .requiredOption('--version <version>', 'the list’s version, e.g. "EMA IME list, MedDRA 28.1"')
    .option('--json', 'print the result as one JSON document')
    .action(async (file: string, options: { list: MedicalEventList; version: string; json?: boolean }) => {
      const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
        throw new UsageError(`${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`);
      });
      const terms = parseEventList(text);
      const context = cliContext();
      const result = await withAppContext(context, (app) => app.get(DataSource).transaction((manager) => app.get(MedicalEventListsService).load(manager, context.actor, options.list, options.version, terms)));
      if (options.json === true) {
        printJson(result);
        return;
      }
      process.stdout.write(`${result.list.toUpperCase()} list ${result.version}: ${result.terms} PTs loaded (${result.replaced} replaced)\n`);
    });
}
