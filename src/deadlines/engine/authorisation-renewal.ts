/**
 * Marketing authorisation validity and renewal deadlines (rule book §1 CMA annual renewal, §2 standard renewal).
 */
import { addMonths, addWorkingDays, addYears, compareDates, type IsoDate, parseIsoDate } from '../../common/calendar-date';
import { type ClosureDay, DeadlineInputError, derive, type DerivedDate, requireIntegerIn } from './derived-date';

export interface CmaRenewalCycle {
  cycle: number;
  expiry: DerivedDate;
  windowOpens: DerivedDate;
  applicationDue: DerivedDate;
}

/** CMA validity chain: expiry(1) = notified + 1 year, expiry(n) = expiry(n−1) + 1 year; window −7 months, due −6 months (Reg 507/2006 Art 5–6). */
export function cmaRenewalChain(input: { notified: IsoDate; renewals?: number; closures?: readonly ClosureDay[] }): CmaRenewalCycle[] {
  const { notified, renewals = 3, closures = [] } = input;
  requireIntegerIn('renewals', renewals, 1, 50);
  const cycles: CmaRenewalCycle[] = [];
  let previousExpiry = parseIsoDate(notified);
  for (let cycle = 1; cycle <= renewals; cycle += 1) {
    const expiryDate = addYears(previousExpiry, 1);
    const expiry =
      cycle === 1
        ? derive('CMA-EXPIRY-FIRST', expiryDate, `Notified ${notified} + 1 year`, closures)
        : derive('CMA-EXPIRY-NEXT', expiryDate, `Previous expiry ${previousExpiry} + 1 year (cycle ${cycle})`, closures);
    cycles.push({
      cycle,
      expiry,
      windowOpens: derive('CMA-RENEWAL-WINDOW-OPENS', addMonths(expiryDate, -7), `Expiry ${expiryDate} − 7 months`, closures),
      applicationDue: derive('CMA-RENEWAL-DUE', addMonths(expiryDate, -6), `Expiry ${expiryDate} − 6 months`, closures),
    });
    previousExpiry = expiryDate;
  }
  return cycles;
}

/** Answers to CMA renewal validation questions: received + 5 working days (EMA/198337/2016). */
export function cmaValidationAnswersDue(input: { questionsReceived: IsoDate; closures?: readonly ClosureDay[] }): DerivedDate {
  const { questionsReceived, closures = [] } = input;
  const due = addWorkingDays(questionsReceived, 5, new Set(closures.map((c) => c.date)));
  return derive('CMA-RENEWAL-VALIDATION-ANSWERS', due, `Questions received ${questionsReceived} + 5 working days`, closures);
}

/** Standard MA: expiry = notified + 5 years, renewal due = expiry − 9 months (Reg 726/2004 Art 14(1)–(2)). */
export function standardRenewal(input: { notified: IsoDate; closures?: readonly ClosureDay[] }): {
  expiry: DerivedDate;
  applicationDue: DerivedDate;
} {
  const { notified, closures = [] } = input;
  const expiryDate = addYears(notified, 5);
  return {
    expiry: derive('STD-EXPIRY', expiryDate, `Notified ${notified} + 5 years`, closures),
    applicationDue: derive('STD-RENEWAL-DUE', addMonths(expiryDate, -9), `Expiry ${expiryDate} − 9 months`, closures),
  };
}


export type CmaValidityStatus = 'valid' | 'renewal-pending' | 'expired' | 'lapsed-late-renewal';

export interface CmaValidityInput {
  /** Expiry of the validity period being evaluated (the last day on which the CMA is valid). */
  expiry: IsoDate;
  renewalSubmittedOn?: IsoDate | null;
  /** Defaults to expiry − 6 months (Reg 507/2006 Art 6(1)). */
  renewalDue?: IsoDate;
  /** Date of the Commission decision on this renewal, if taken. */
  commissionDecisionOn?: IsoDate | null;
  today: IsoDate;
}

function checkValidityInput(input: CmaValidityInput): void {
  const { renewalSubmittedOn, commissionDecisionOn, today } = input;
  if (renewalSubmittedOn && compareDates(renewalSubmittedOn, today) > 0) {
    throw new DeadlineInputError('renewalSubmittedOn', `renewalSubmittedOn (${renewalSubmittedOn}) is after today (${today})`);
  }
  if (commissionDecisionOn && compareDates(commissionDecisionOn, today) > 0) {
    throw new DeadlineInputError('commissionDecisionOn', `commissionDecisionOn (${commissionDecisionOn}) is after today (${today})`);
  }
  if (commissionDecisionOn && !renewalSubmittedOn) {
    throw new DeadlineInputError('commissionDecisionOn', 'a Commission decision on a renewal needs renewalSubmittedOn');
  }
}

function renewalNote(submittedOn: IsoDate | null, due: IsoDate, today: IsoDate): string {
  if (submittedOn) {
    const timeliness = compareDates(submittedOn, due) <= 0 ? 'in time' : 'late';
    return `renewal submitted ${timeliness} on ${submittedOn} (due ${due})`;
  }
  return compareDates(today, due) > 0 ? `renewal application overdue since ${due}` : `renewal application due ${due}`;
}

/** Status of one CMA validity period; a renewal applied for in time keeps it valid until the Commission decides (Reg 507/2006 Art 6(2)). */
export function cmaValidity(input: CmaValidityInput): { status: CmaValidityStatus; explanation: string } {
  checkValidityInput(input);
  const { expiry, today } = input;
  const submittedOn = input.renewalSubmittedOn ?? null;
  const decisionOn = input.commissionDecisionOn ?? null;
  const due = input.renewalDue ?? addMonths(expiry, -6);
  const note = renewalNote(submittedOn, due, today);
  if (compareDates(today, expiry) <= 0) {
    return { status: 'valid', explanation: `Valid until ${expiry}; ${note}.` };
  }
  if (decisionOn) {
    const explanation =
      `Validity period ended ${expiry}; the Commission decided on the renewal on ${decisionOn}. ` +
      `If it renewed the CMA, evaluate the next period (expiry ${addYears(expiry, 1)}, Reg 507/2006 Art 5(1)).`;
    return { status: 'expired', explanation };
  }
  if (submittedOn && compareDates(submittedOn, due) <= 0) {
    const explanation = `Expiry ${expiry} has passed but the ${note}: it stays valid until the Commission decides (Reg 507/2006 Art 6(2)).`;
    return { status: 'renewal-pending', explanation };
  }
  if (submittedOn) {
    return { status: 'lapsed-late-renewal', explanation: `Expired ${expiry}; ${note}, so validity does not continue (Reg 507/2006 Art 6(2)).` };
  }
  return { status: 'expired', explanation: `Expired ${expiry}; no renewal application was submitted (due ${due}).` };
}
