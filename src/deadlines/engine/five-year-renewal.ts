/**
 * The five-year validity of a standard authorisation, of one under exceptional circumstances, and of a conditional
 * authorisation converted into a standard one (Reg (EC) No 726/2004 Art 14(1)–(3); rule book §2): the first period,
 * and — when the Commission so decides on pharmacovigilance grounds at the first renewal — one additional
 * five-year period; otherwise the renewal makes the validity unlimited. Each renewal application is due at least
 * 9 months before the period ends. An expiry recorded from the decision or the Union Register wins; a computed one
 * is a fallback. Pure.
 */
import { addMonths, addYears, type IsoDate, parseIsoDate } from '../../common/calendar-date';
import type { RuleId } from '../rules';
import { type ClosureDay, derive, type DerivedDate } from './derived-date';

export interface FiveYearPeriod {
  cycle: number;
  expiry: DerivedDate;
  applicationDue: DerivedDate;
}

/** What the Commission decided on a five-year renewal (Art 14(3)). */
export interface RenewalDecision {
  cycle: number;
  outcome: 'unlimited' | 'additional-five-year';
  /** The expiry of the additional period as the decision or the Union Register gives it, when recorded. */
  expiry: { date: IsoDate; source: string } | null;
}

export interface FiveYearInput {
  type: 'standard' | 'exceptional-circumstances';
  /** Where the first period starts: the notification of the grant, or of the decision converting a conditional authorisation. */
  from: { date: IsoDate; event: 'grant' | 'conversion' };
  /** The first period's expiry from the decision or the Union Register. */
  recordedExpiry: { date: IsoDate; source: string } | null;
  decisions: readonly RenewalDecision[];
  closures?: readonly ClosureDay[];
}

function recorded(recordedExpiry: { date: IsoDate; source: string }, closures: readonly ClosureDay[]): DerivedDate {
  return { ...derive('RECORDED-EXPIRY', recordedExpiry.date, `Expiry recorded from ${recordedExpiry.source}`, closures), source: recordedExpiry.source };
}

function firstExpiry(input: FiveYearInput, closures: readonly ClosureDay[]): DerivedDate {
  if (input.recordedExpiry !== null) {
    return recorded(input.recordedExpiry, closures);
  }
  const from = parseIsoDate(input.from.date);
  if (input.from.event === 'conversion') {
    return {
      ...derive('CONVERSION-EXPIRY', addYears(from, 5), `Conversion notified ${from} + 5 years`, closures),
      assumption: 'Computed because no expiry is recorded: take the expiry from the conversion decision or the Union Register and record it (it wins over this date).',
    };
  }
  return derive(input.type === 'standard' ? 'STD-EXPIRY' : 'EC-EXPIRY', addYears(from, 5), `Notified ${from} + 5 years`, closures);
}

/**
 * The five-year periods: the first, and a second only when the decision on the first renewal is an additional
 * five-year renewal (Art 14(3) allows one). A decision of unlimited validity, or none yet, ends the list.
 */
export function fiveYearPeriods(input: FiveYearInput): FiveYearPeriod[] {
  const closures = input.closures ?? [];
  const dueRule: RuleId = input.type === 'standard' ? 'STD-RENEWAL-DUE' : 'EC-RENEWAL-DUE';
  const due = (expiry: IsoDate): DerivedDate => derive(dueRule, addMonths(expiry, -9), `Expiry ${expiry} − 9 months`, closures);
  const first = firstExpiry(input, closures);
  const periods: FiveYearPeriod[] = [{ cycle: 1, expiry: first, applicationDue: due(first.date) }];
  const decision = input.decisions.find((d) => d.cycle === 1);
  if (decision?.outcome === 'additional-five-year') {
    const expiry =
      decision.expiry !== null
        ? recorded(decision.expiry, closures)
        : derive('STD-ADDITIONAL-RENEWAL', addYears(first.date, 5), `Previous expiry ${first.date} + 5 years (one additional five-year renewal)`, closures);
    periods.push({ cycle: 2, expiry, applicationDue: due(expiry.date) });
  }
  return periods;
}
