/**
 * `cma-tracker deadlines exceptional|conversion`: the five-year validity of authorisations under exceptional
 * circumstances and of conditional ones converted into standard authorisations, with the annual reassessment and
 * one additional five-year renewal (Reg (EC) No 726/2004 Art 14(1)–(3), (8)). No database needed.
 */
import type { Command } from 'commander';
import { addYears, type IsoDate } from '../common/calendar-date';
import { annualReassessments, DEFAULT_REASSESSMENT_LEAD_MONTHS, exceptionalRenewal } from '../deadlines/engine/exceptional-circumstances';
import { fiveYearPeriods } from '../deadlines/engine/five-year-renewal';
import { dateOption, integerOption, UsageError } from './cli-io';
import { type JsonFlag, output, renderTable } from './deadline-table';

export function registerExceptional(deadlines: Command): void {
  deadlines
    .command('exceptional')
    .summary('MA under exceptional circumstances: 5-year expiry, renewal due date and the annual reassessments')
    .description(
      'Marketing authorisation under exceptional circumstances: valid 5 years, renewal application at least 9 months ' +
        'before expiry (as a standard authorisation), and an annual reassessment of its conditions on every anniversary ' +
        'of notification, which goes on after the validity becomes unlimited. Reg (EC) 726/2004 Art 14(1), (2), (8); ' +
        'EMA post-authorisation procedural advice, chapter "Annual re-assessment". A recorded expiry or a date the ' +
        'regulator gives wins over these computed dates.',
    )
    .requiredOption(
      '--notified <date>',
      'date the Commission decision was notified to the holder (YYYY-MM-DD); expiry = notified + 5 years (EC-EXPIRY), renewal due = expiry - 9 months ' +
        '(EC-RENEWAL-DUE), reassessment n on notified + n years (EC-REASSESSMENT-ANNIVERSARY)',
      dateOption('--notified'),
    )
    .option('--until <date>', 'show the reassessments whose anniversary is on or before this day (default: notified + 10 years)', dateOption('--until'))
    .option(
      '--lead-months <n>',
      `months between the reassessment application and its anniversary, 0 to 11 (EC-REASSESSMENT-DUE; default ${DEFAULT_REASSESSMENT_LEAD_MONTHS}, an assumption to confirm)`,
      integerOption('--lead-months', 0, 11),
    )
    .option('--json', 'print one JSON document (ISO dates, rule id, source, explanation and any assumption per date)')
    .action((options: { notified: IsoDate; until?: IsoDate; leadMonths?: number } & JsonFlag) => {
      const { notified } = options;
      const until = options.until ?? addYears(notified, 10);
      const leadMonths = options.leadMonths ?? DEFAULT_REASSESSMENT_LEAD_MONTHS;
      const { expiry, applicationDue } = exceptionalRenewal({ notified });
      const reassessments = annualReassessments({ notified, until, leadMonths });
      output(options.json, { command: 'exceptional', input: { notified, until, leadMonths }, expiry, applicationDue, reassessments }, () =>
        renderTable(`Marketing authorisation under exceptional circumstances: notified ${notified}`, [
          {
            rows: [
              { label: 'Expiry', derived: expiry },
              { label: 'Renewal application due', derived: applicationDue },
            ],
          },
          ...reassessments.map((r) => ({
            heading: `Annual reassessment ${r.cycle}`,
            rows: [
              { label: '  Anniversary', derived: r.anniversary },
              { label: '  Application due', derived: r.applicationDue },
            ],
          })),
        ]),
      );
    });
}


interface ConversionOptions extends JsonFlag {
  converted: IsoDate;
  expiry?: IsoDate;
  expirySource?: string;
  additionalFiveYear?: boolean;
}

export function registerConversion(deadlines: Command): void {
  deadlines
    .command('conversion')
    .summary('CMA converted into a standard authorisation: its five-year expiry and renewal due date')
    .description(
      'A conditional marketing authorisation converted into a standard one: no more annual renewals; the standard ' +
        'expiry is the one the conversion decision or the Union Register gives (--expiry), computed as the notification ' +
        'of the conversion + 5 years only as a fallback (CONVERSION-EXPIRY, marked as an assumption); the renewal ' +
        'application is due 9 months before it. With --additional-five-year, the one additional five-year period the ' +
        'Commission may decide at that renewal on pharmacovigilance grounds (Art 14(3)).',
    )
    .requiredOption('--converted <date>', 'date the conversion decision was notified to the holder (YYYY-MM-DD)', dateOption('--converted'))
    .option('--expiry <date>', 'the expiry given by the conversion decision or the Union Register (YYYY-MM-DD); wins over the computed one', dateOption('--expiry'))
    .option('--expiry-source <text>', 'required with --expiry: the decision or Union Register entry it comes from')
    .option('--additional-five-year', 'the renewal decision was one additional five-year renewal (Art 14(3)): show the second period')
    .option('--json', 'print one JSON document (ISO dates, rule id, source, explanation and any assumption per date)')
    .action((options: ConversionOptions) => {
      if ((options.expiry === undefined) !== (options.expirySource === undefined)) {
        throw new UsageError('--expiry and --expiry-source go together');
      }
      const recordedExpiry = options.expiry === undefined ? null : { date: options.expiry, source: options.expirySource ?? '' };
      const periods = fiveYearPeriods({
        type: 'standard',
        from: { date: options.converted, event: 'conversion' },
        recordedExpiry,
        decisions: options.additionalFiveYear === true ? [{ cycle: 1, outcome: 'additional-five-year', expiry: null }] : [],
      });
      const input = { converted: options.converted, expiry: options.expiry ?? null, expirySource: options.expirySource ?? null, additionalFiveYear: options.additionalFiveYear === true };
      output(options.json, { command: 'conversion', input, periods }, () =>
        renderTable(
          `Conditional marketing authorisation converted (notified ${options.converted}): no more annual renewals`,
          periods.map((p) => ({
            heading: `Five-year period ${p.cycle}`,
            rows: [
              { label: '  Expiry', derived: p.expiry },
              { label: '  Renewal application due', derived: p.applicationDue },
            ],
          })),
        ),
      );
    });
}
