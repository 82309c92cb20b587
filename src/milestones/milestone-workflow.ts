import { compareDates, daysBetween, IsoDate } from '../common/calendar-date';
import { InvalidTransitionError } from '../common/errors';
import type { ChangeSource } from './due-date-change.entity';
import type { DateBasis, MilestoneStatus } from './milestone.entity';

/** Progress of a submission; the assessment outcome is recorded separately. */
const TRANSITIONS: Record<MilestoneStatus, readonly MilestoneStatus[]> = {
  planned: ['in-progress', 'submitted', 'cancelled'],
  'in-progress': ['submitted', 'cancelled'],
  submitted: [],
  cancelled: [],
};

export const OPEN_STATUSES: readonly MilestoneStatus[] = ['planned', 'in-progress'];

export function allowedTransitions(from: MilestoneStatus): readonly MilestoneStatus[] {
  return TRANSITIONS[from];
}

/** Throws INVALID_TRANSITION naming the allowed next statuses. */
export function assertTransition(from: MilestoneStatus, to: MilestoneStatus): void {
  if (!TRANSITIONS[from].includes(to)) {
    throw new InvalidTransitionError('milestone', from, to, TRANSITIONS[from]);
  }
}

export function isOpen(status: MilestoneStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Overdue is computed from the dates: still open and its due date has passed. */
export function isOverdue(milestone: { status: MilestoneStatus; dueDate: IsoDate }, today: IsoDate): boolean {
  return isOpen(milestone.status) && compareDates(milestone.dueDate, today) < 0;
}

/** Days from today to the due date (negative when overdue). */
export function daysLeft(dueDate: IsoDate, today: IsoDate): number {
  return daysBetween(today, dueDate);
}

export interface Timeliness {
  onTime: boolean;
  daysLate: number;
}

/** A submission is on time when it is made on or before the due date in force at that moment. */
export function timeliness(submittedOn: IsoDate, dueDate: IsoDate): Timeliness {
  const late = daysBetween(dueDate, submittedOn);
  return { onTime: late <= 0, daysLate: Math.max(0, late) };
}

/** Which basis a date has after a change through a procedure: Annex II text or another regulator act. */
export function basisAfterChange(source: ChangeSource): DateBasis {
  switch (source) {
    case 'variation':
    case 'renewal-opinion':
    case 'annex-ii':
      return 'annex-ii';
    case 'rmp-update':
    case 'psusa':
    case 'regulator-letter':
      return 'regulator';
    case 'recorded-expiry':
      return 'recorded';
    case 'initial':
    case 'recomputed':
      return 'computed';
  }
}
