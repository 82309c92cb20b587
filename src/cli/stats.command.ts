/**
 * `cma-tracker stats …`: the pure frequency statistics on the command line (no database needed), so that a
 * figure in a report can be checked by hand (pharmacovigilance §5).
 */
import type { Command } from 'commander';
import { bandOf, compareWithLabel, exceedanceLimit, formatPercent, FrequencyInputError } from '../frequencies/frequency-statistics';
import { BAND_LIMITS, FREQUENCY_BANDS, type FrequencyBand } from '../reference-safety/reference-terms';
import { choiceOption, integerOption, printJson, UsageError } from './cli-io';

/** Commander argParser: a proportion from 0 to 1 written as a plain decimal ("0.6", "0.08", "1"). */
function proportionOption(flag: string): (value: string) => number {
  return (value) => {
    const parsed = /^(0(\.\d+)?|1(\.0+)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
    if (Number.isNaN(parsed)) {
      throw new UsageError(`${flag}: "${value}" is not a proportion from 0 to 1 (write 60% as 0.6)`);
    }
    return parsed;
  };
}

interface FrequencyOptions {
  cases: number;
  exposed: number;
  rate?: number;
  band?: FrequencyBand;
  reportingRate?: boolean;
  json?: boolean;
}

export function registerStatsCommands(program: Command): void {
  const stats = program.command('stats').description('Frequency statistics by hand (no database needed)');

  stats
    .command('frequency')
    .description('Observed proportion of exposed patients with a reaction, its exact (Clopper–Pearson) 95% interval, and the flag against a stated rate or band')
    .requiredOption('--cases <k>', 'patients with the reaction', integerOption('--cases', 0, Number.MAX_SAFE_INTEGER))
    .requiredOption('--exposed <n>', 'patients exposed (the denominator)', integerOption('--exposed', 0, Number.MAX_SAFE_INTEGER))
    .option('--rate <proportion>', 'the stated rate as a proportion (60% = 0.6)', proportionOption('--rate'))
    .option('--band <band>', `the stated frequency band: ${FREQUENCY_BANDS.join(', ')}`, choiceOption('--band', FREQUENCY_BANDS))
    .option('--reporting-rate', 'the cases are spontaneous reports: a reporting rate, never judged consistent or below')
    .option('--json', 'print the result as one JSON document')
    .action((options: FrequencyOptions) => {
      if (options.rate !== undefined && options.band !== undefined) {
        throw new UsageError('give at most one of --rate and --band');
      }
      const stated = { rate: options.rate ?? null, band: options.band ?? null };
      let comparison;
      try {
        comparison = compareWithLabel(options.cases, options.exposed, stated, options.reportingRate === true ? 'reporting-rate' : 'incidence');
      } catch (error) {
        if (error instanceof FrequencyInputError) {
          throw new UsageError(`--${error.field}: ${error.problem}`);
        }
        throw error;
      }
      const observedBand = comparison.proportion === null ? null : bandOf(comparison.proportion);
      const limit = exceedanceLimit(stated);
      if (options.json === true) {
        printJson({
          command: 'stats frequency',
          input: { cases: options.cases, exposed: options.exposed, rate: stated.rate, band: stated.band, basis: comparison.basis },
          proportion: comparison.proportion,
          interval: comparison.interval,
          observedBand,
          comparedWith: limit === null ? null : { limit: limit.limit, rule: limit.inclusive ? 'lower bound at or above the band’s upper limit' : 'lower bound above the stated rate', description: limit.description },
          flag: comparison.flag,
          explanation: comparison.explanation,
        });
        return;
      }
      const lines = [
        `${comparison.basis === 'incidence' ? 'Proportion' : 'Reporting rate'}: ${options.cases}/${options.exposed}${comparison.proportion === null ? ' (no denominator)' : ` = ${formatPercent(comparison.proportion)}`}`,
        comparison.interval === null ? '95% interval: none' : `95% interval (${comparison.interval.method}): ${formatPercent(comparison.interval.lower)} – ${formatPercent(comparison.interval.upper)}`,
        ...(observedBand === null ? [] : [`Observed band: ${BAND_LIMITS[observedBand].words}`]),
        `Flag: ${comparison.flag ?? 'none'}`,
        comparison.explanation,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
}
