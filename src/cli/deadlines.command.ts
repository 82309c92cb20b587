/**
 * `cma-tracker deadlines …`: the pure deadline engine on the command line (no database needed).
 * Rule book: docs/rules.md (generated from src/deadlines/rules.ts): CMA renewal, standard renewal, PASS, PSUR,
 * weekends and closure days (flagged, never moved). Every printed date carries its rule id, source and explanation.
 *
 * Closure days (EMA Christmas closure etc.) live in the database, so these commands only flag weekends.
 */
import type { Command } from 'commander';
import type { IsoDate } from '../common/calendar-date';
import { cmaRenewalChain, standardRenewal } from '../deadlines/engine/authorisation-renewal';
import { ICSR_REPORT_TYPES, icsrClock, type IcsrReportType } from '../deadlines/engine/icsr';
import { passFinalReport } from '../deadlines/engine/pass';
import { psurSubmissionDue } from '../deadlines/engine/psur';
import { choiceOption, dateOption, integerOption, UsageError } from './cli-io';
import { type JsonFlag, output, renderTable } from './deadline-table';
import { registerConversion, registerExceptional } from './deadlines-lifecycle.command';
import { registerSunset } from './deadlines-market.command';

/** Engine limits (requireIntegerIn in the engine): CMA renewal cycles 1–50, PSUR interval 1–120 months. */
const MAX_RENEWALS = 50;
const MAX_INTERVAL_MONTHS = 120;
const DEFAULT_RENEWALS = 3;

function registerCmaRenewal(deadlines: Command): void {
  deadlines
    .command('cma-renewal')
    .summary('CMA annual renewal: expiries, submission windows and application due dates')
    .description(
      'Conditional marketing authorisation: the annual expiry dates and, for each, the renewal submission window ' +
        '(opens 7 months before expiry) and the date the renewal application with the interim report on every specific ' +
        'obligation is due (at least 6 months before expiry). Reg (EC) 726/2004 Art 14-a; Reg (EC) 507/2006 Art 5-6; ' +
        'EMA/198337/2016. A recorded expiry (Commission decision / Union Register) overrides this computed chain.',
    )
    .requiredOption(
      '--notified <date>',
      'date the Commission decision granting the CMA was notified to the holder (YYYY-MM-DD); first expiry = notified + 1 year ' +
        '(CMA-EXPIRY-FIRST), each later expiry = previous expiry + 1 year (CMA-EXPIRY-NEXT)',
      dateOption('--notified'),
    )
    .option(
      '--renewals <n>',
      `number of annual validity periods to show, 1 to ${MAX_RENEWALS} (CMA-EXPIRY-NEXT)`,
      integerOption('--renewals', 1, MAX_RENEWALS),
      DEFAULT_RENEWALS,
    )
    .option('--json', 'print one JSON document (ISO dates, rule id, source and explanation per date)')
    .action((options: { notified: IsoDate; renewals: number } & JsonFlag) => {
      const { notified, renewals } = options;
      const cycles = cmaRenewalChain({ notified, renewals });
      output(options.json, { command: 'cma-renewal', input: { notified, renewals }, cycles }, () =>
        renderTable(
          `CMA annual renewal: notified ${notified}, ${renewals} validity period${renewals === 1 ? '' : 's'}`,
          cycles.map((c) => ({
            heading: `Cycle ${c.cycle}`,
            rows: [
              { label: '  Expiry', derived: c.expiry },
              { label: '  Renewal window opens', derived: c.windowOpens },
              { label: '  Renewal application due', derived: c.applicationDue },
            ],
          })),
        ),
      );
    });
}

function registerStandardRenewal(deadlines: Command): void {
  deadlines
    .command('standard-renewal')
    .summary('standard MA: 5-year expiry and renewal application due date')
    .description(
      'Standard marketing authorisation: the 5-year expiry and the date the renewal application is due ' +
        '(at least 9 months before expiry). Reg (EC) 726/2004 Art 14(1)-(2); GVP Module VII.C.8.',
    )
    .requiredOption(
      '--notified <date>',
      'date the Commission decision was notified to the holder (YYYY-MM-DD); expiry = notified + 5 years (STD-EXPIRY), ' +
        'renewal due = expiry - 9 months (STD-RENEWAL-DUE)',
      dateOption('--notified'),
    )
    .option('--json', 'print one JSON document (ISO dates, rule id, source and explanation per date)')
    .action((options: { notified: IsoDate } & JsonFlag) => {
      const { notified } = options;
      const { expiry, applicationDue } = standardRenewal({ notified });
      output(options.json, { command: 'standard-renewal', input: { notified }, expiry, applicationDue }, () =>
        renderTable(`Standard marketing authorisation renewal: notified ${notified}`, [
          {
            rows: [
              { label: 'Expiry', derived: expiry },
              { label: 'Renewal application due', derived: applicationDue },
            ],
          },
        ]),
      );
    });
}

function registerPsur(deadlines: Command): void {
  deadlines
    .command('psur')
    .summary('PSUR submission due date from the data lock point')
    .description(
      'Periodic safety update report: the submission due date for a data lock point (DLP): DLP + 70 calendar days for ' +
        'intervals up to and including 12 months, DLP + 90 days for longer intervals. ICH E2C(R2) §2.8.3; ' +
        'GVP Module VII Rev 1. A frequency or date set by the EURD list or the MA wins.',
    )
    .requiredOption('--dlp <date>', 'data lock point of the PSUR (YYYY-MM-DD)', dateOption('--dlp'))
    .requiredOption(
      '--interval-months <n>',
      `PSUR interval in months, 1 to ${MAX_INTERVAL_MONTHS}: up to 12 gives DLP + 70 days (PSUR-SUBMIT-70), ` +
        'over 12 gives DLP + 90 days (PSUR-SUBMIT-90)',
      integerOption('--interval-months', 1, MAX_INTERVAL_MONTHS),
    )
    .option('--json', 'print one JSON document (ISO dates, rule id, source and explanation per date)')
    .action((options: { dlp: IsoDate; intervalMonths: number } & JsonFlag) => {
      const { dlp, intervalMonths } = options;
      const submissionDue = psurSubmissionDue({ dlp, intervalMonths });
      output(options.json, { command: 'psur', input: { dlp, intervalMonths }, dlp, intervalMonths, submissionDue }, () =>
        renderTable(`PSUR: data lock point ${dlp}, ${intervalMonths}-month interval`, [
          { rows: [{ label: 'PSUR submission due', derived: submissionDue }] },
        ]),
      );
    });
}

function registerPassFinal(deadlines: Command): void {
  deadlines
    .command('pass-final')
    .summary('imposed PASS: final report due date and waiver request deadline')
    .description(
      'Imposed non-interventional post-authorisation safety study (PASS): the final study report due date ' +
        '(12 months after the end of data collection) and the last day to request a waiver of it (at least 3 months ' +
        'before it is due). Directive 2001/83/EC Art 107p; GVP Module VIII Rev 3.',
    )
    .requiredOption(
      '--end-of-data-collection <date>',
      'end of data collection of the study (YYYY-MM-DD); final report due = + 12 months (PASS-FINAL-REPORT), ' +
        'waiver request by = due - 3 months (PASS-WAIVER-REQUEST)',
      dateOption('--end-of-data-collection'),
    )
    .option('--json', 'print one JSON document (ISO dates, rule id, source and explanation per date)')
    .action((options: { endOfDataCollection: IsoDate } & JsonFlag) => {
      const { endOfDataCollection } = options;
      const { finalReportDue, waiverRequestBy } = passFinalReport({ endOfDataCollection });
      output(options.json, { command: 'pass-final', input: { endOfDataCollection }, finalReportDue, waiverRequestBy }, () =>
        renderTable(`Imposed PASS final report: end of data collection ${endOfDataCollection}`, [
          {
            rows: [
              { label: 'Final study report due', derived: finalReportDue },
              { label: 'Waiver request by', derived: waiverRequestBy },
            ],
          },
        ]),
      );
    });
}

interface IcsrOptions extends JsonFlag {
  day0: IsoDate;
  serious?: boolean;
  nonSerious?: boolean;
  nonEea?: boolean;
  type: IcsrReportType;
  fatalOrLifeThreatening?: boolean;
  causality?: 'possible' | 'not-possible';
}

function registerIcsr(deadlines: Command): void {
  deadlines
    .command('icsr')
    .summary('ICSR / SUSAR reporting clock of a case from its day 0')
    .description(
      'Individual case safety report: the day a report of a case is due in EudraVigilance, counted in calendar days ' +
        'from day 0 (weekends and holidays count; a due date on a weekend is flagged, never moved). Serious: 15 days; ' +
        'non-serious: 90 days from the EEA, not submitted from outside it; solicited cases only when a causal relationship ' +
        'is at least reasonably possible; interventional trials follow the SUSAR clock (7 days fatal or life-threatening, ' +
        '15 otherwise); cases downloaded from EudraVigilance have none. Directive 2001/83/EC Art 107; GVP Module VI Rev 2; ' +
        'Regulation (EU) No 536/2014 Art 42.',
    )
    .requiredOption('--day0 <date>', 'the first day the holder had the four minimum criteria (YYYY-MM-DD, as recorded)', dateOption('--day0'))
    .option('--serious', 'the case is serious (at least one reaction meets a seriousness criterion)')
    .option('--non-serious', 'the case is not serious')
    .option('--non-eea', 'the primary source is outside the EEA')
    .option('--type <type>', `report type: ${ICSR_REPORT_TYPES.join(', ')}`, choiceOption('--type', ICSR_REPORT_TYPES), 'spontaneous')
    .option('--fatal-or-life-threatening', 'clinical-trial cases: the SUSAR is fatal or life-threatening (7 days)')
    .option('--causality <assessment>', 'solicited cases: possible | not-possible (left out = not yet assessed, treated as possible)', choiceOption('--causality', ['possible', 'not-possible'] as const))
    .option('--json', 'print one JSON document: the due date with its rule id and source, or "due": null with the reason')
    .action((options: IcsrOptions) => {
      if (options.serious === options.nonSerious || (options.serious !== true && options.nonSerious !== true)) {
        throw new UsageError('give exactly one of --serious or --non-serious');
      }
      const input = {
        day0: options.day0,
        serious: options.serious === true,
        eea: options.nonEea !== true,
        type: options.type,
        fatalOrLifeThreatening: options.fatalOrLifeThreatening === true,
        causalityPossible: options.causality === undefined ? null : options.causality === 'possible',
      };
      const clock = icsrClock(input);
      const document =
        clock.due === null
          ? { command: 'icsr', input, due: null, ruleId: clock.ruleId, source: clock.source, reason: clock.reason }
          : { command: 'icsr', input, due: clock.due, days: clock.days, ruleId: clock.due.ruleId, source: clock.due.source };
      output(options.json, document, () =>
        clock.due === null
          ? `ICSR: day 0 ${input.day0}: no report due: ${clock.reason}\n  ${clock.ruleId}: ${clock.source}\n`
          : renderTable(`ICSR: day 0 ${input.day0}, ${input.serious ? 'serious' : 'non-serious'}, ${input.eea ? 'EEA' : 'non-EEA'}, ${input.type}`, [
              { rows: [{ label: 'Report due', derived: clock.due }] },
            ]),
      );
    });
}

/**
 * Adds `deadlines cma-renewal | standard-renewal | psur | pass-final | icsr`. Subcommands made with `.command()` copy the
 * parent's exit override and output configuration when they are created (commander 14 `copyInheritedSettings`), so
 * call this after configuring `program`.
 */
export function registerDeadlineCommands(program: Command): void {
  const deadlines = program
    .command('deadlines')
    .description(
      'Compute regulatory deadlines from a date you give (no database): CMA annual renewal, standard 5-year renewal, ' +
        'exceptional circumstances (renewal and annual reassessment), ' +
        'PSUR submission, imposed PASS final report, ICSR reporting clock. Each date shows the rule and legal source it comes from.',
    );
  registerCmaRenewal(deadlines);
  registerStandardRenewal(deadlines);
  registerExceptional(deadlines);
  registerConversion(deadlines);
  registerSunset(deadlines);
  registerPsur(deadlines);
  registerPassFinal(deadlines);
  registerIcsr(deadlines);
}
