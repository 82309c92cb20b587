/**
 * Periodic safety update report (PSUR) data lock points and submission dates (rule book §5).
 */
import { addDays, addMonths, compareDates, type IsoDate } from '../../common/calendar-date';
import type { RuleId } from '../rules';
import { type ClosureDay, derive, type DerivedDate, requireIntegerIn, requireNotBefore } from './derived-date';

/** PSUR due DLP + 70 days for intervals ≤ 12 months, DLP + 90 days beyond (ICH E2C(R2) §2.8.3; GVP VII). */
export function psurSubmissionDue(input: { dlp: IsoDate; intervalMonths: number; closures?: readonly ClosureDay[] }): DerivedDate {
  const { dlp, intervalMonths, closures = [] } = input;
  requireIntegerIn('intervalMonths', intervalMonths, 1, 120);
  const days = intervalMonths <= 12 ? 70 : 90;
  const ruleId = intervalMonths <= 12 ? 'PSUR-SUBMIT-70' : 'PSUR-SUBMIT-90';
  return derive(ruleId, addDays(dlp, days), `DLP ${dlp} + ${days} days (${intervalMonths}-month interval)`, closures);
}

export interface PsurDue {
  dlp: DerivedDate;
  submissionDue: DerivedDate;
  intervalMonths: number;
}

/** First PSUR: DLP = authorisation + 6 months, due DLP + 70 days (standard Annex II wording; GVP VII.C.3). */
export function firstPsur(input: { authorisationDate: IsoDate; closures?: readonly ClosureDay[] }): {
  dlp: DerivedDate;
  submissionDue: DerivedDate;
} {
  const { authorisationDate, closures = [] } = input;
  const dlpDate = addMonths(authorisationDate, 6);
  return {
    dlp: derive('PSUR-FIRST-DLP', dlpDate, `Authorisation ${authorisationDate} + 6 months`, closures),
    submissionDue: psurSubmissionDue({ dlp: dlpDate, intervalMonths: 6, closures }),
  };
}

/** PSUR DLPs firstDlp + k·interval months up to `until`, each with its due date (EURD list; Dir 2001/83/EC Art 107c(4)). */
export function psurSchedule(input: {
  firstDlp: IsoDate;
  intervalMonths: number;
  until: IsoDate;
  closures?: readonly ClosureDay[];
  ruleId?: RuleId;
}): PsurDue[] {
  const { firstDlp, intervalMonths, until, closures = [], ruleId = 'PSUR-EURD' } = input;
  requireIntegerIn('intervalMonths', intervalMonths, 1, 120);
  const schedule: PsurDue[] = [];
  for (let k = 0; compareDates(addMonths(firstDlp, k * intervalMonths), until) <= 0; k += 1) {
    const dlpDate = addMonths(firstDlp, k * intervalMonths);
    schedule.push({
      dlp: derive(ruleId, dlpDate, `First DLP ${firstDlp} + ${k} × ${intervalMonths} months`, closures),
      submissionDue: psurSubmissionDue({ dlp: dlpDate, intervalMonths, closures }),
      intervalMonths,
    });
  }
  return schedule;
}

/** Months after the placing on the market of the n-th marketed-phase DLP (n ≥ 1): 6, 12, 18, 24, 36, 48, 84, 120, … */
function marketedOffsetMonths(n: number): number {
  if (n <= 4) {
    return 6 * n;
  }
  return n <= 6 ? 24 + 12 * (n - 4) : 48 + 36 * (n - 6);
}

function defaultCycleEntry(anchorLabel: string, anchor: IsoDate, months: number, intervalMonths: number, closures: readonly ClosureDay[]): PsurDue {
  const dlpDate = addMonths(anchor, months);
  return {
    dlp: { ...derive('PSUR-DEFAULT-CYCLE', dlpDate, `${anchorLabel} ${anchor} + ${months} months (${intervalMonths}-monthly)`, closures), assumption: DEFAULT_CYCLE_ASSUMPTION },
    submissionDue: { ...psurSubmissionDue({ dlp: dlpDate, intervalMonths, closures }), assumption: DEFAULT_CYCLE_ASSUMPTION },
    intervalMonths,
  };
}

/**
 * Said on every date of the default cycle: GVP VII.C.2 applies it only to products authorised before July 2012; a
 * later product's frequency comes from its authorisation or the EURD list, which the user must record.
 */
export const DEFAULT_CYCLE_ASSUMPTION =
  'No EURD entry is recorded for this substance, so the default cycle of Directive 2001/83/EC Art 107c(2) was used; GVP VII.C.2 applies that cycle only to products authorised before July 2012. Record the substance\'s EURD entry (frequency, data lock point, effective date) or the frequency set in the authorisation: it replaces these dates.';

/** Default PSUR DLPs: 6-monthly until marketed; then 6-monthly 2 years, yearly 2 years, 3-yearly (Dir 2001/83/EC Art 107c(2)). */
export function defaultPsurCycle(input: {
  authorisationDate: IsoDate;
  marketedDate?: IsoDate;
  until: IsoDate;
  closures?: readonly ClosureDay[];
}): PsurDue[] {
  const { authorisationDate, marketedDate, until, closures = [] } = input;
  if (marketedDate !== undefined) {
    requireNotBefore('marketedDate', marketedDate, authorisationDate, 'authorisationDate');
  }
  const preMarketingEnd = marketedDate === undefined || compareDates(marketedDate, until) > 0 ? addDays(until, 1) : marketedDate;
  const cycle: PsurDue[] = [];
  for (let n = 1; compareDates(addMonths(authorisationDate, 6 * n), preMarketingEnd) < 0; n += 1) {
    cycle.push(defaultCycleEntry('Authorisation', authorisationDate, 6 * n, 6, closures));
  }
  for (let n = 1; marketedDate !== undefined && compareDates(addMonths(marketedDate, marketedOffsetMonths(n)), until) <= 0; n += 1) {
    const interval = marketedOffsetMonths(n) - marketedOffsetMonths(n - 1);
    cycle.push(defaultCycleEntry('Placed on the market', marketedDate, marketedOffsetMonths(n), interval, closures));
  }
  return cycle;
}

