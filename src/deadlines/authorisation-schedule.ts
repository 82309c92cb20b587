import { addMonths, addYears, compareDates, IsoDate } from '../common/calendar-date';
import { cmaRenewalChain } from './engine/authorisation-renewal';
import { annualReassessments } from './engine/exceptional-circumstances';
import { fiveYearPeriods, type RenewalDecision } from './engine/five-year-renewal';
import { ClosureDay, derive, DerivedDate } from './engine/derived-date';
import { defaultPsurCycle, firstPsur, psurSchedule, PsurDue } from './engine/psur';

export interface RenewalCycleView {
  cycle: number;
  expiry: DerivedDate;
  windowOpens: DerivedDate | null;
  applicationDue: DerivedDate;
}

/** An annual reassessment of an authorisation under exceptional circumstances (Reg 726/2004 Art 14(8)). */
export interface ReassessmentView {
  cycle: number;
  anniversary: DerivedDate;
  applicationDue: DerivedDate;
}

export interface PsurView {
  cycle: number;
  dlp: DerivedDate;
  intervalMonths: number;
  submissionDue: DerivedDate;
}

export interface EurdSetting {
  frequencyMonths: number;
  firstDlp: IsoDate;
  effectiveFrom: IsoDate;
  source: string;
}

export interface ScheduleInput {
  type: 'conditional' | 'standard' | 'exceptional-circumstances';
  notifiedOn: IsoDate;
  recordedExpiry: { date: IsoDate; source: string } | null;
  marketedOn: IsoDate | null;
  eurd: EurdSetting | null;
  /** Notification of the decision converting a conditional authorisation into this standard one. */
  convertedOn?: IsoDate | null;
  /** The Commission's decisions on five-year renewals (Art 14(3)). */
  renewalDecisions?: readonly RenewalDecision[];
  /** The day the authorisation ended (not renewed, withdrawn, lapsed): nothing is due after it. */
  endedOn?: IsoDate | null;
  /** Dates are produced up to this day. */
  horizon: IsoDate;
  closures: readonly ClosureDay[];
}

/**
 * Every date that follows from an authorisation up to a horizon: renewals, PSURs and (exceptional circumstances)
 * annual reassessments, each with its rule.
 */
/** An authorisation that has ended owes nothing after its end. */
function inForceUnder(input: ScheduleInput): (date: IsoDate) => boolean {
  const endedOn = input.endedOn ?? null;
  return (date) => endedOn === null || compareDates(date, endedOn) <= 0;
}

/** The renewal cycles of `authorisationSchedule` alone (for lists that show only the renewal in force). */
export function renewalSchedule(input: ScheduleInput): RenewalCycleView[] {
  const inForce = inForceUnder(input);
  return renewalCycles(input).filter((c) => inForce(c.expiry.date));
}

export function authorisationSchedule(input: ScheduleInput): { renewals: RenewalCycleView[]; psurs: PsurView[]; reassessments: ReassessmentView[] } {
  const inForce = inForceUnder(input);
  return {
    renewals: renewalSchedule(input),
    psurs: psurCycles(input).filter((p) => inForce(p.dlp.date)),
    reassessments:
      input.type === 'exceptional-circumstances' ? annualReassessments({ notified: input.notifiedOn, until: input.horizon, closures: input.closures }).filter((r) => inForce(r.anniversary.date)) : [],
  };
}

function renewalCycles(input: ScheduleInput): RenewalCycleView[] {
  if (input.type === 'standard' || input.type === 'exceptional-circumstances') {
    // A converted authorisation's five years run from the conversion; a recorded expiry (decision, Union Register) wins.
    const convertedOn = input.type === 'standard' ? (input.convertedOn ?? null) : null;
    return fiveYearPeriods({
      type: input.type,
      from: convertedOn === null ? { date: input.notifiedOn, event: 'grant' } : { date: convertedOn, event: 'conversion' },
      recordedExpiry: input.recordedExpiry,
      decisions: input.renewalDecisions ?? [],
      closures: input.closures,
    }).map((p) => ({ cycle: p.cycle, expiry: p.expiry, windowOpens: null, applicationDue: p.applicationDue }));
  }
  const years = Math.max(1, Number(input.horizon.slice(0, 4)) - Number(input.notifiedOn.slice(0, 4)) + 1);
  const chain = cmaRenewalChain({ notified: input.notifiedOn, renewals: Math.min(50, years + 1), closures: input.closures });
  const cycles = input.recordedExpiry === null ? chain : spliceRecordedExpiry(chain, input.recordedExpiry, input.closures);
  return cycles.filter((c, index) => index === 0 || compareDates(c.windowOpens.date, input.horizon) <= 0);
}

/**
 * A recorded expiry (Commission decision / Union Register) replaces the computed expiry of the period it
 * falls in; later periods run from it, each from the previous expiry (Reg 507/2006 Art 5(1)).
 */
function spliceRecordedExpiry(
  chain: ReturnType<typeof cmaRenewalChain>,
  recorded: { date: IsoDate; source: string },
  closures: readonly ClosureDay[],
): ReturnType<typeof cmaRenewalChain> {
  const from = chain.findIndex((c) => compareDates(c.expiry.date, addMonths(recorded.date, -6)) >= 0);
  if (from < 0) {
    return chain;
  }
  const result = chain.slice(0, from);
  let expiryDate = recorded.date;
  for (let cycle = from + 1; cycle <= chain.length; cycle += 1) {
    const expiry =
      cycle === from + 1
        ? { ...derive('RECORDED-EXPIRY', expiryDate, `Expiry recorded from ${recorded.source}`, closures), source: `${recorded.source}` }
        : derive('CMA-EXPIRY-NEXT', expiryDate, `Previous expiry ${addYears(expiryDate, -1)} + 1 year (cycle ${cycle})`, closures);
    result.push({
      cycle,
      expiry,
      windowOpens: derive('CMA-RENEWAL-WINDOW-OPENS', addMonths(expiryDate, -7), `Expiry ${expiryDate} − 7 months`, closures),
      applicationDue: derive('CMA-RENEWAL-DUE', addMonths(expiryDate, -6), `Expiry ${expiryDate} − 6 months`, closures),
    });
    expiryDate = addYears(expiryDate, 1);
  }
  return result;
}

function psurCycles(input: ScheduleInput): PsurView[] {
  const first = firstPsur({ authorisationDate: input.notifiedOn, closures: input.closures });
  const later: PsurDue[] =
    input.eurd !== null
      ? psurSchedule({ firstDlp: input.eurd.firstDlp, intervalMonths: input.eurd.frequencyMonths, until: input.horizon, closures: input.closures }).filter(
          (p) => compareDates(p.dlp.date, input.eurd?.effectiveFrom ?? p.dlp.date) >= 0,
        )
      : defaultPsurCycle({ authorisationDate: input.notifiedOn, marketedDate: input.marketedOn ?? undefined, until: input.horizon, closures: input.closures });
  const all = [{ dlp: first.dlp, submissionDue: first.submissionDue, intervalMonths: 6 }, ...later.filter((p) => compareDates(p.dlp.date, first.dlp.date) > 0)];
  return all.map((p, index) => ({ cycle: index + 1, dlp: p.dlp, intervalMonths: p.intervalMonths, submissionDue: p.submissionDue }));
}
