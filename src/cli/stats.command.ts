/**
 * `cma-tracker stats …`: the pure frequency statistics on the command line (no database needed), so that a
 * figure in a report can be checked by hand (pharmacovigilance §5).
 */
import type { Command } from 'commander';
import { bandOf, compareWithLabel, exceedanceLimit, formatPercent, FrequencyInputError } from '../frequencies/frequency-statistics';
import { BAND_LIMITS, FREQUENCY_BANDS, type FrequencyBand } from '../reference-safety/reference-terms';
import { disproportionality, type RatioWithInterval, TableInputError, type ZeroCellCorrection } from '../signals/disproportionality';
import { ebgmScores, EbgmInputError } from '../signals/ebgm';
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

/** Commander argParser: a finite decimal number ("0.25", "1e-3"); ranges are checked by the statistics. */
function numberOption(flag: string): (value: string) => number {
  return (value) => {
    const parsed = /^[+-]?(\d+(\.\d*)?|\.\d+)(e[+-]?\d+)?$/i.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(parsed)) {
      throw new UsageError(`${flag}: "${value}" is not a number`);
    }
    return parsed;
  };
}

/** A statistics input error becomes a usage error naming the option. */
function asUsage<T>(compute: () => T): T {
  try {
    return compute();
  } catch (error) {
    if (error instanceof TableInputError || error instanceof EbgmInputError || error instanceof FrequencyInputError) {
      throw new UsageError(`--${error.field}: ${error.problem}`);
    }
    throw error;
  }
}

function figure(value: number | null, digits = 4): string {
  return value === null ? 'n/a' : Number.isInteger(value) ? String(value) : value.toFixed(digits);
}

/** A ratio with its interval: "∞" when infinite, and the zero-cell correction named when the interval used one. */
function ratioLine(name: string, ratio: RatioWithInterval, correction: ZeroCellCorrection | null): string {
  const interval = `95% CI ${figure(ratio.lower)}–${figure(ratio.upper)}${correction === null || ratio.lower === null ? '' : `, ${correction} corrected`}`;
  return `${name} ${ratio.infinite ? '∞' : figure(ratio.value)} (${interval})`;
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
      const comparison = asUsage(() => compareWithLabel(options.cases, options.exposed, stated, options.reportingRate === true ? 'reporting-rate' : 'incidence'));
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

  const count = (flag: string): ((value: string) => number) => integerOption(flag, 0, Number.MAX_SAFE_INTEGER);
  stats
    .command('2x2')
    .description('Disproportionality of one product–event pair from its 2×2 table of reports: PRR and ROR with 95% intervals (Haldane–Anscombe corrected when a cell is 0), χ² (plain and Yates), IC with IC025/IC975')
    .requiredOption('--a <n>', 'reports with the product and the event', count('--a'))
    .requiredOption('--b <n>', 'reports with the product, without the event', count('--b'))
    .requiredOption('--c <n>', 'reports with the event, without the product', count('--c'))
    .requiredOption('--d <n>', 'reports with neither', count('--d'))
    .option('--json', 'print the result as one JSON document')
    .action((options: { a: number; b: number; c: number; d: number; json?: boolean }) => {
      const result = asUsage(() => disproportionality(options));
      if (options.json === true) {
        printJson({ command: 'stats 2x2', input: { a: options.a, b: options.b, c: options.c, d: options.d }, ...result });
        return;
      }
      const lines = [
        `N = ${result.n}, expected a = ${figure(result.expected)}`,
        ratioLine('PRR', result.prr, result.zeroCellCorrection),
        ratioLine('ROR', result.ror, result.zeroCellCorrection),
        `χ² ${figure(result.chiSquared)} (Yates ${figure(result.chiSquaredYates)})`,
        `IC ${figure(result.ic)} (IC025 ${figure(result.ic025)}, IC975 ${figure(result.ic975)})`,
        ...result.notes,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  stats
    .command('ebgm')
    .description('EBGM with EB05 and EB95 for a count and its expected value under given gamma–Poisson shrinker hyperparameters')
    .requiredOption('--n <n>', 'reports of the pair', count('--n'))
    .requiredOption('--e <expected>', 'expected reports of the pair', numberOption('--e'))
    .requiredOption('--alpha1 <v>', 'shape of the first prior component', numberOption('--alpha1'))
    .requiredOption('--beta1 <v>', 'rate of the first prior component', numberOption('--beta1'))
    .requiredOption('--alpha2 <v>', 'shape of the second prior component', numberOption('--alpha2'))
    .requiredOption('--beta2 <v>', 'rate of the second prior component', numberOption('--beta2'))
    .requiredOption('--p <v>', 'weight of the first component (0–1)', numberOption('--p'))
    .option('--json', 'print the result as one JSON document')
    .action((options: { n: number; e: number; alpha1: number; beta1: number; alpha2: number; beta2: number; p: number; json?: boolean }) => {
      const theta = { alpha1: options.alpha1, beta1: options.beta1, alpha2: options.alpha2, beta2: options.beta2, p: options.p };
      const scores = asUsage(() => ebgmScores(theta, options.n, options.e));
      if (options.json === true) {
        printJson({ command: 'stats ebgm', input: { n: options.n, e: options.e, ...theta }, ...scores });
        return;
      }
      process.stdout.write(`EBGM ${figure(scores.ebgm)} (EB05 ${figure(scores.eb05)}, EB95 ${figure(scores.eb95)}); Qn ${figure(scores.qn)}; N/E ${figure(options.n / options.e)}\n`);
    });
}
