/**
 * The dates of a renewal dossier (docs/rules.md for the renewal rules): the reporting period, the
 * renewal a data lock point belongs to, the suggested data lock point, and each milestone's timeliness at the
 * data lock point. Pure.
 */
import { addDays, addMonths, compareDates, daysBetween, type IsoDate } from '../common/calendar-date';
import type { RenewalCycleView } from '../deadlines/authorisation-schedule';
import type { DossierPeriod, Timeliness } from './dossier-content';

/** The dossier reports on the 12 months up to its DLP: the interval since the last annual renewal or reassessment. */
export const INTERVAL_MONTHS = 12;

/** Why the interval is 12 months, in the words of the authorisation's type. */
const PERIOD_BASIS: Readonly<Record<'conditional' | 'standard' | 'exceptional-circumstances', string>> = {
  conditional: 'the 12 months up to the data lock point (a conditional marketing authorisation is renewed every year: Regulation (EC) No 507/2006, Art. 6)',
  'exceptional-circumstances':
    'the 12 months up to the data lock point (the conditions of an authorisation under exceptional circumstances are reassessed every year: Regulation (EC) No 726/2004, Art. 14(8))',
  standard:
    'the 12 months up to the data lock point (the latest year; a five-year renewal covers the whole period since the authorisation or its last renewal: Regulation (EC) No 726/2004, Art. 14(2) — cumulative figures are given beside the interval)',
};

export function reportingPeriod(dataLockPoint: IsoDate, type: keyof typeof PERIOD_BASIS = 'conditional'): DossierPeriod {
  return {
    from: addDays(addMonths(dataLockPoint, -INTERVAL_MONTHS), 1),
    to: dataLockPoint,
    basis: PERIOD_BASIS[type],
  };
}

/**
 * The renewal the dossier is for: the first cycle whose expiry is after the data lock point (its expiry is the
 * authorisation's current expiry at the DLP). Null when the schedule holds none (e.g. no expiry known).
 */
export function renewalFor(renewals: readonly RenewalCycleView[], dataLockPoint: IsoDate): RenewalCycleView | null {
  return [...renewals].sort((a, b) => compareDates(a.expiry.date, b.expiry.date)).find((r) => compareDates(r.expiry.date, dataLockPoint) > 0) ?? null;
}

/** Days between the suggested data lock point and the application's due date: time to assemble and review. */
export const SUGGESTED_LEAD_DAYS = 90;

/**
 * A data lock point to suggest for the next renewal: 90 days before its application is due (the holder
 * chooses; this leaves about three months to assemble, review and sign the dossier) — or today, when that day
 * is still ahead (data cannot be locked in the future). Null without a renewal.
 */
export function suggestedDataLockPoint(renewals: readonly RenewalCycleView[], today: IsoDate): { dataLockPoint: IsoDate; renewal: RenewalCycleView; basis: string } | null {
  const next = [...renewals].sort((a, b) => compareDates(a.applicationDue.date, b.applicationDue.date)).find((r) => compareDates(r.applicationDue.date, today) >= 0);
  if (next === undefined) {
    return null;
  }
  const lead = addDays(next.applicationDue.date, -SUGGESTED_LEAD_DAYS);
  const basis = `a suggestion: ${SUGGESTED_LEAD_DAYS} days before renewal application ${next.cycle} is due (${next.applicationDue.date}, rule ${next.applicationDue.ruleId})`;
  return compareDates(lead, today) > 0
    ? { dataLockPoint: today, renewal: next, basis: `${basis} would be ${lead}, still ahead: today instead (data cannot be locked in the future)` }
    : { dataLockPoint: lead, renewal: next, basis };
}

export interface MilestoneState {
  dueDate: IsoDate;
  status: string;
  submittedOn: IsoDate | null;
}

/**
 * A milestone's timeliness at the data lock point: submitted by the DLP, on or before its due date (on time)
 * or after it (late, by the days between); cancelled; not submitted by the DLP and due before it (overdue, by
 * the days to the DLP); otherwise pending. A submission after the DLP is after the data cut-off: it does not
 * count here (the dossier still shows its date).
 */
export function timeliness(milestone: MilestoneState, dataLockPoint: IsoDate): { timeliness: Timeliness; daysLate: number } {
  if (milestone.submittedOn !== null && compareDates(milestone.submittedOn, dataLockPoint) <= 0) {
    const late = daysBetween(milestone.dueDate, milestone.submittedOn);
    return late > 0 ? { timeliness: 'late', daysLate: late } : { timeliness: 'on-time', daysLate: 0 };
  }
  if (milestone.status === 'cancelled') {
    return { timeliness: 'cancelled', daysLate: 0 };
  }
  const overdue = daysBetween(milestone.dueDate, dataLockPoint);
  return overdue > 0 ? { timeliness: 'overdue', daysLate: overdue } : { timeliness: 'pending', daysLate: 0 };
}

/**
 * The due date that was in force at the data lock point: the current one with every change recorded after the
 * DLP undone (the `from` of the earliest such change). `history` in the order the changes were made.
 */
export function dueDateAtDataLockPoint(current: IsoDate, history: readonly { from: IsoDate | null; afterDataLockPoint: boolean }[]): IsoDate {
  const firstAfter = history.find((change) => change.afterDataLockPoint);
  return firstAfter?.from ?? current;
}

/** The two dates of a dossier in words (renewal-dossier.md): which part is as at which date. */
export function asAtStatements(dataLockPoint: IsoDate, changesSince: number, latestChange: IsoDate | null): { safety: string; regulatoryStatus: string } {
  const changes =
    changesSince === 0
      ? 'no change to an obligation or a milestone was recorded after the data lock point'
      : `${changesSince === 1 ? '1 change' : `${changesSince} changes`} to obligations and milestones recorded after the data lock point (the latest on ${latestChange ?? dataLockPoint}) ${changesSince === 1 ? 'is' : 'are'} listed with who made ${changesSince === 1 ? 'it' : 'them'}, when and through which procedure`;
  return {
    safety: `as at the data lock point ${dataLockPoint}: cases as they stood then (information received, and corrections recorded, on or before it), exposure figures counted and recorded by then, the frequency run for that day`,
    regulatoryStatus: `as in force when this version was built (obligations, milestones, due dates, status and text); ${changes}; timeliness is judged at the data lock point against the due date then in force`,
  };
}
