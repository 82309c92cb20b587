/**
 * Marketing authorisation under exceptional circumstances (Reg (EC) No 726/2004 Art 14(8); rule book §2): valid
 * five years and renewed like a standard authorisation (application at least 9 months before expiry), and its
 * continuation tied to an annual reassessment of its conditions — a yearly deadline that goes on after the
 * validity has become unlimited. Pure.
 */
import { addMonths, addYears, compareDates, type IsoDate, parseIsoDate } from '../../common/calendar-date';
import { type ClosureDay, derive, type DerivedDate, requireIntegerIn } from './derived-date';

/**
 * Months between the application for an annual reassessment and the anniversary it belongs to. The project's
 * reading of EMA's post-authorisation procedural advice (chapter "Annual re-assessment", question "When, how and
 * to whom shall I submit my annual re-assessment application?"); not checked against the text here — every date
 * derived from it says so, and a date the regulator gives (recorded as a milestone due date) wins.
 */
export const DEFAULT_REASSESSMENT_LEAD_MONTHS = 3;

export interface ExceptionalRenewal {
  expiry: DerivedDate;
  applicationDue: DerivedDate;
}

/** Expiry = notified + 5 years (EC-EXPIRY); renewal application due = expiry − 9 months (EC-RENEWAL-DUE). */
export function exceptionalRenewal(input: { notified: IsoDate; closures?: readonly ClosureDay[] }): ExceptionalRenewal {
  const { closures = [] } = input;
  const notified = parseIsoDate(input.notified);
  const expiryDate = addYears(notified, 5);
  return {
    expiry: derive('EC-EXPIRY', expiryDate, `Notified ${notified} + 5 years`, closures),
    applicationDue: derive('EC-RENEWAL-DUE', addMonths(expiryDate, -9), `Expiry ${expiryDate} − 9 months`, closures),
  };
}

export interface AnnualReassessment {
  /** 1 for the first anniversary of notification. */
  cycle: number;
  /** The anniversary of notification the reassessment belongs to. */
  anniversary: DerivedDate;
  /** The day the reassessment application is due. */
  applicationDue: DerivedDate;
}

/**
 * The annual reassessments from the first anniversary of notification up to `until` (an anniversary on or before
 * it), however long the authorisation has been valid: the series does not stop when the validity becomes
 * unlimited after the five-year renewal. Each anniversary is counted from the notification itself (notified +
 * n years), so a 29 February notification comes back to 29 February in leap years and is 28 February otherwise.
 * The application is due `leadMonths` before the anniversary (month ends clamped: 31 May − 3 months = 28/29 Feb).
 */
export function annualReassessments(input: { notified: IsoDate; until: IsoDate; leadMonths?: number; closures?: readonly ClosureDay[] }): AnnualReassessment[] {
  const { leadMonths = DEFAULT_REASSESSMENT_LEAD_MONTHS, closures = [] } = input;
  const notified = parseIsoDate(input.notified);
  const until = parseIsoDate(input.until);
  requireIntegerIn('leadMonths', leadMonths, 0, 11);
  const cycles: AnnualReassessment[] = [];
  for (let cycle = 1; cycle <= 200; cycle += 1) {
    const anniversaryDate = addYears(notified, cycle);
    if (compareDates(anniversaryDate, until) > 0) {
      break;
    }
    const due = addMonths(anniversaryDate, -leadMonths);
    cycles.push({
      cycle,
      anniversary: derive('EC-REASSESSMENT-ANNIVERSARY', anniversaryDate, `Notified ${notified} + ${cycle} year${cycle === 1 ? '' : 's'}`, closures),
      applicationDue: {
        ...derive('EC-REASSESSMENT-DUE', due, `Anniversary ${anniversaryDate} − ${leadMonths} month${leadMonths === 1 ? '' : 's'}`, closures),
        assumption:
          leadMonths === DEFAULT_REASSESSMENT_LEAD_MONTHS
            ? `The ${leadMonths}-month lead is this project's reading of EMA's procedural advice, not checked against the text: confirm it, and record the date from EMA's timetable or correspondence when it differs.`
            : `Lead of ${leadMonths} month${leadMonths === 1 ? '' : 's'} as given, not the project's default of ${DEFAULT_REASSESSMENT_LEAD_MONTHS}.`,
      },
    });
  }
  return cycles;
}
